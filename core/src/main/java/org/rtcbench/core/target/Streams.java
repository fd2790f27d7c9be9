package org.rtcbench.core.target;

import org.rtcbench.core.peer.Peer;

/**
 * A target with neither pairs nor rooms: each peer starts one session of its own with the server,
 * publishing its stream (WHIP ingest) or playing the server's (WHEP egress), one HTTP resource a
 * session. A call run starts one session per peer and the target ends them on close.
 */
public interface Streams {

    /**
     * One peer's session: its connection id, the server's resource for it (the URL a DELETE ends it at), and how long
     * signaling (offer created to answer applied) and connecting (offer sent to connectionState connected) took.
     */
    record Session(String peer, String connectionId, String resource, long signalingMs, long connectedMs) {
    }

    /** What a session does, for the terminal and events: {@code publishes} or {@code plays}. */
    String verb();

    /** Whether a session sends the peer's stream (WHIP) rather than receiving the server's (WHEP). */
    boolean publishes();

    /**
     * Starts {@code peer}'s session: its offer (only {@code videoCodec} when not null) sent, the answer applied, and
     * its connection connected.
     *
     * @throws org.rtcbench.core.peer.PeerFailure with the reason when a step fails or times out
     * @throws org.rtcbench.core.BadInputException when the server refuses the request (a 4xx: the URL or the token is wrong)
     */
    Session start(Peer peer, String videoCodec);

    /** Ends a session (the server's resource deleted); never throws. */
    void stop(Session session);
}
