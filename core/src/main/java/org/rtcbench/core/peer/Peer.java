package org.rtcbench.core.peer;

import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;

/**
 * One WebRTC endpoint under test, whatever its kind: a browser driven through the harness page,
 * or a synthetic peer. Targets connect peers only through this contract, so every kind meets
 * every other kind and every target. A peer can hold several peer connections, each named by
 * a connection id chosen by the target. Calls on one peer may come from several threads.
 */
public interface Peer extends AutoCloseable {

    /** The peer's name in the scenario, e.g. {@code chrome-1}. */
    String name();

    PeerKind kind();

    /** Exact browser and driver versions, as the peer reports them. */
    PeerInfo info();

    /**
     * Sets what every connection made from now on gathers and may use: TURN servers and the
     * transport policy ({@code relay}: relay candidates only). Credentials must not reach a log.
     */
    void useIce(IceConfig ice);

    /** Starts the fake camera and microphone this peer sends (nothing when the role does not send). */
    void startMedia(MediaSpec media, Role role);

    /**
     * Creates a peer connection, adds the local tracks (and the data channel), and returns the
     * complete offer SDP once ICE gathering is done (non-trickle).
     *
     * @param videoCodec the only video codec to offer, e.g. {@code vp8} or {@code h264}; null for the peer's default
     *                   list. A peer that lacks it throws {@link PeerFailure} at once.
     */
    String createOffer(String connectionId, String videoCodec);

    /** Creates a peer connection for a remote offer and returns the complete answer SDP. */
    String acceptOffer(String connectionId, String offerSdp);

    /** Applies the remote answer to a connection made by {@link #createOffer}. */
    void acceptAnswer(String connectionId, String answerSdp);

    /** The W3C {@code RTCPeerConnection.connectionState} of a connection, e.g. {@code connected}. */
    String connectionState(String connectionId);

    /**
     * Why a connection's state is {@code failed}, when the peer knows more than the state says (a replay
     * peer: ICE, DTLS or SRTP and how); null otherwise.
     */
    default String failureReason(String connectionId) {
        return null;
    }

    /** {@code state}, and the reason after a colon when the connection failed and the peer says why. */
    default String describeState(String connectionId, String state) {
        String why = "failed".equals(state) ? failureReason(connectionId) : null;
        return why == null ? state : state + ": " + why;
    }

    /**
     * Closes one connection (the interop matrix's waves), keeping the peer's media and its other
     * connections. Unknown ids are ignored.
     */
    void closeConnection(String connectionId);

    /**
     * The raw {@code getStats()} reports of every connection and the data channel echo counters, as
     * JSON: {@code {"stats": {connectionId: [report...]}, "datachannel": {"echoes": n, "rttMs": x}}}.
     */
    String stats();

    /** Closes every connection and ends the peer's processes. Never throws; safe to call twice. */
    @Override
    void close();
}
