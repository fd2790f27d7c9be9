package org.rtcbench.target.sdp;

import org.rtcbench.target.sdp.CandidateLines;

/**
 * Keeps only loopback ICE candidates in an SDP, so that the media of a P2P call between peers on
 * this host goes over 127.0.0.1 and never towards an outside interface's address.
 */
public final class LoopbackCandidates {
    private LoopbackCandidates() {
    }

    /** The SDP with every non-loopback {@code a=candidate} line removed. */
    public static String keep(String sdp) {
        return CandidateLines.keep(sdp, LoopbackCandidates::isLoopback);
    }

    /** How many {@code a=candidate} lines an SDP holds. */
    public static int count(String sdp) {
        return CandidateLines.count(sdp);
    }

    static String address(String candidateLine) {
        return CandidateLines.address(candidateLine);
    }

    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("localhost");
    }
}
