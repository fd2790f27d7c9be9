package org.rtcbench.target.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The {@code a=candidate} lines of an SDP (RFC 8839): their addresses, how many there are, and keeping only some. */
public final class CandidateLines {
    private CandidateLines() {
    }

    /**
     * The SDP without the {@code a=candidate} lines whose address {@code keepAddress} rejects; a TURN
     * relay's candidate ({@code typ relay}) stays, wherever the run's TURN server put it.
     */
    public static String keep(String sdp, Predicate<String> keepAddress) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        List<String> out = new ArrayList<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=candidate:") && !keepAddress.test(address(line)) && !line.contains(" typ relay")) {
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

    /** The distinct addresses of an SDP's {@code a=candidate} lines, in the order they first appear. */
    public static List<String> addresses(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("a=candidate:")).map(CandidateLines::address).distinct().toList();
    }

    /** The connection address of an {@code a=candidate} line (the fifth field). */
    public static String address(String candidateLine) {
        String[] f = candidateLine.substring("a=candidate:".length()).trim().split("\\s+");
        return f.length > 4 ? f[4] : "";
    }
}
