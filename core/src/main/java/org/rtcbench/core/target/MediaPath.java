package org.rtcbench.core.target;

/**
 * Where a peer's media goes on its way to the other side: directly, or through the run's impaired
 * access links. A target passes every SDP it relays through {@link #route} (after keeping the
 * candidates it can reach), so every peer kind and every target is impaired the same way.
 */
@FunctionalInterface
public interface MediaPath {
    /** Candidates as they are: no impairment. */
    MediaPath DIRECT = (sdp, owner, receiver, bind) -> sdp;

    /**
     * The SDP that {@code owner} sends to {@code receiver}, its candidates replaced by relay ports
     * that impair what crosses them, or as it is when the path is direct.
     *
     * @param owner    the peer whose SDP it is, or null for the target's own (an SFU's link is clean)
     * @param receiver the peer it goes to, or null when it goes to the target
     * @param bind     the address both sides reach the relay at: the target's peer address
     */
    String route(String sdp, String owner, String receiver, String bind);
}
