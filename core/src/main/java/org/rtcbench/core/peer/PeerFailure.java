package org.rtcbench.core.peer;

/** A peer stopped working during a run (its browser crashed, a page call failed); the run marks it failed. */
public class PeerFailure extends RuntimeException {
    public PeerFailure(String message) {
        super(message);
    }

    public PeerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
