package org.rtcbench.target.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rtcbench.target.sdp.CandidateLines;

/** A peer's SDP reaches a local Janus with only the host's test-network address; a user's Janus gets every candidate. */
class ReachableCandidatesTest {
    private static final String SDP = String.join("\r\n",
            "v=0",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "c=IN IP4 10.213.0.1",
            "a=candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host generation 0",
            "a=candidate:2 1 udp 2122262783 10.213.0.1 50001 typ host generation 0",
            "a=candidate:3 1 udp 2122194687 127.0.0.1 50002 typ host generation 0",
            "a=candidate:4 1 udp 2122129151 fd00::2 50003 typ host generation 0",
            "a=end-of-candidates",
            "");

    @Test
    void keepsOnlyTheTestNetworkAddressForALocalJanus() {
        String kept = ReachableCandidates.only("10.213.0.1").keep(SDP);
        assertThat(kept).contains("10.213.0.1 50001", "c=IN IP4 10.213.0.1", "a=end-of-candidates")
                .doesNotContain("192.0.2.2 50000", "127.0.0.1", "fd00::2");
        assertThat(CandidateLines.count(kept)).isEqualTo(1);
        assertThat(kept).endsWith("\r\n").doesNotContain("\n\n");
    }

    @Test
    void keepsEveryCandidateForAUsersJanus() {
        assertThat(ReachableCandidates.all().keep(SDP)).isEqualTo(SDP);
    }

    @Test
    void noneLeftWhenThePeerDidNotOfferTheAddress() {
        assertThat(CandidateLines.count(ReachableCandidates.only("10.213.0.5").keep(SDP))).isZero();
        assertThat(ReachableCandidates.only("10.213.0.5", "10.213.0.1").describe()).isEqualTo("10.213.0.1, 10.213.0.5");
    }

    @Test
    void namesTheAddressesThePeerOffered() {
        String twice = SDP.replace("a=end-of-candidates", "a=candidate:5 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active\r\na=end-of-candidates");
        assertThat(CandidateLines.addresses(twice)).containsExactly("192.0.2.2", "10.213.0.1", "127.0.0.1", "fd00::2");
    }
}
