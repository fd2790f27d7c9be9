package org.rtcbench.target.p2p;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps only loopback ICE candidates in an SDP, so that the media of a P2P call between peers on
 * this host goes over 127.0.0.1 and never towards an outside interface's address.
 */
public final class LoopbackCandidates {
    private LoopbackCandidates() {
    }

    /** The SDP with every non-loopback {@code a=candidate} line removed. */
    public static String keep(String sdp) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        List<String> out = new ArrayList<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=candidate:") && !isLoopback(address(line))) {
                continue;
            }
            out.add(line);
        }
        return String.join(eol, out) + eol;
    }

    /** How many {@code a=candidate} lines an SDP holds. */
    public static int count(String sdp) {
        int n = 0;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=candidate:")) {
                n++;
            }
        }
        return n;
    }

    /** The connection address of an {@code a=candidate} line (RFC 8839: the fifth field). */
    static String address(String candidateLine) {
        String[] f = candidateLine.substring("a=candidate:".length()).trim().split("\\s+");
        return f.length > 4 ? f[4] : "";
    }

    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("localhost");
    }
}
