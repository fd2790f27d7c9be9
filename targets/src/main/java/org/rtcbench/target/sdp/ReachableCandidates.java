package org.rtcbench.target.sdp;

import java.util.Set;
import org.rtcbench.target.sdp.CandidateLines;

/**
 * Which ICE candidates of a peer's SDP a Janus can reach: for a Janus that rtcbench started in a
 * test network, only the host's address on that network (a browser also offers its outside
 * interfaces, which must carry no test traffic); for a Janus the user named, every candidate.
 *
 * @param addresses the candidate addresses to keep, or null to keep every candidate
 */
public record ReachableCandidates(Set<String> addresses) {
    /** Keeps every candidate (a Janus the user runs, reachable however their network allows). */
    public static ReachableCandidates all() {
        return new ReachableCandidates(null);
    }

    /** Keeps only candidates whose address is one of {@code addresses}. */
    public static ReachableCandidates only(String... addresses) {
        return new ReachableCandidates(Set.of(addresses));
    }

    /** The SDP without the {@code a=candidate} lines whose address is not kept. */
    public String keep(String sdp) {
        return addresses == null ? sdp : CandidateLines.keep(sdp, addresses::contains);
    }

    /** What to tell a user whose peer offered none of the kept addresses. */
    public String describe() {
        return addresses == null ? "any address" : String.join(", ", addresses.stream().sorted().toList());
    }
}
