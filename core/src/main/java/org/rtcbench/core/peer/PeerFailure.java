package org.rtcbench.core.peer;

/** A peer stopped working during a run (its browser crashed, a page call failed); the run marks it failed. */
public class PeerFailure extends RuntimeException {
    public PeerFailure(String message) {
        super(message);
    }

    public PeerFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first line of a (driver's multi-line) message, so a failure reads as one line. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
