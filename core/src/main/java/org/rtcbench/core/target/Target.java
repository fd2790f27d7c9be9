package org.rtcbench.core.target;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What connects a run's peers: the built-in P2P room, an SFU such as Janus, later WHIP/WHEP.
 * A {@link TargetType} opens it for one run; the run closes it (also a local server it started).
 * It offers pairwise calls ({@link #calls()}), rooms to publish into and subscribe from
 * ({@link #rooms()}), a session per peer ({@link #streams()}), or several of them; the run loop asks for what it needs and never names a concrete one.
 */
public interface Target extends AutoCloseable {

    /** Its type, as {@code target.type} writes it, e.g. {@code p2p}. */
    String type();

    /** What the terminal says about it once it is open, a line each (e.g. where a local Janus runs). */
    List<String> description();

    /** Versions for run.json's host section (e.g. {@code janus: 1.1.2}); empty when none. */
    default Map<String, String> versions() {
        return Map.of();
    }

    /** The address synthetic peers put in their ICE candidates: the one this target reaches them at. */
    String peerAddress();

    /** Its pairwise calls, or null when it makes none. */
    default PairCalls calls() {
        return null;
    }

    /** Its rooms, or null when it has none. */
    default Rooms rooms() {
        return null;
    }

    /** Its one-session-a-peer streams (WHIP, WHEP), or null when it has none. */
    default Streams streams() {
        return null;
    }

    /** Calls {@code stopped} with the reason once, if the target stops working mid-run (its server exits). */
    default void onFailure(Consumer<String> stopped) {
    }

    /** Leaves what it made (connections, rooms) and stops what it started; never throws. */
    @Override
    void close();
}
