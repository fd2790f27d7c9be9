package org.rtcbench.junit5;

import org.rtcbench.core.peer.PeerType;

/**
 * One peer of a test's call, as the test names it in assertions ({@link RtcRun.Check#forPeer}): the
 * extension starts and closes it with the call.
 *
 * @param name its name in the run and in the run directory's files
 * @param type its kind and provider, e.g. {@code chrome@local}
 */
public record Peer(String name, PeerType type) {
    @Override
    public String toString() {
        return name + " (" + type + ")";
    }
}
