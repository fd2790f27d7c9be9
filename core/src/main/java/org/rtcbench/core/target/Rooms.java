package org.rtcbench.core.target;

import java.util.List;
import org.rtcbench.core.peer.Peer;

/**
 * A target's rooms (an SFU's): peers publish into a room, and subscribe to the feeds published
 * there, each publication and subscription a peer connection of its own.
 */
public interface Rooms {

    /**
     * A peer publishing into a room: the target's feed id, the peer's connection id, and how long joining
     * (join request to joined), signaling (creating the offer to applied answer) and connecting (offer sent
     * to connectionState connected) took.
     */
    record Publication(String peer, long room, long feedId, String connectionId, long joinMs, long signalingMs, long connectedMs) {
    }

    /**
     * A peer receiving one feed: its connection id, how long joining (join request to the target's
     * offer), signaling (answering to started) and connecting (answer sent to connectionState connected)
     * took, and whether the feed carries video (a publisher may send audio only).
     */
    record Subscription(String peer, long room, long feedId, String connectionId, long joinMs, long signalingMs, long connectedMs,
                        boolean video) {
    }

    /** A feed published in a room, as the target lists it. */
    record Feed(long feedId, String display) {
    }

    /**
     * Creates a room for up to {@code maxPublishers} publishers whose video may be any of
     * {@code videoCodecs} (e.g. {@code vp8,h264}; null: the target's default); the target destroys it on close.
     *
     * @param id the room's id, or null for one the target picks
     */
    long createRoom(Long id, int maxPublishers, String videoCodecs);

    /** Leaves a room this target created in place when it closes (a sharded run's other shards may still be in it). */
    default void keep(long room) {
    }

    /** Whether the target has a room with this id (one a user made before the run, say). */
    boolean roomExists(long room);

    /** The feeds published in a room now. */
    List<Feed> publishers(long room);

    /** Publishes {@code peer}'s media into {@code room}, offering only {@code videoCodec} when not null. */
    Publication publish(Peer peer, long room, String display, String videoCodec);

    /** Subscribes {@code peer} to one feed of {@code room}. */
    Subscription subscribe(Peer peer, long room, long feedId);

    /** Hangs up a publication: its feed ends for its subscribers. */
    void leave(Publication p);

    /** Hangs up a subscription. */
    void leave(Subscription s);
}
