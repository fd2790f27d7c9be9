package org.rtcbench.target.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The P2P room relays only loopback candidates, so media stays on 127.0.0.1. */
class LoopbackCandidatesTest {
    private static final String SDP = String.join("\r\n",
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 192.0.2.2",
            "a=candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host generation 0",
            "a=candidate:2 1 udp 2122262783 fd00::2 50001 typ host generation 0",
            "a=candidate:3 1 udp 2122194687 127.0.0.1 50002 typ host generation 0",
            "a=candidate:4 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active",
            "a=candidate:5 1 udp 2122129151 ::1 50003 typ host generation 0",
            "a=end-of-candidates",
            "") ;

    @Test
    void keepsOnlyLoopbackCandidatesAndEverythingElse() {
        String kept = LoopbackCandidates.keep(SDP);
        assertThat(kept).contains("127.0.0.1 50002", "::1 50003", "a=end-of-candidates", "m=audio 9", "c=IN IP4 192.0.2.2")
                .doesNotContain("192.0.2.2 50000", "fd00::2", "tcptype");
        assertThat(LoopbackCandidates.count(kept)).isEqualTo(2);
        assertThat(kept).endsWith("\r\n").doesNotContain("\n\n");
    }

    @Test
    void countsCandidates() {
        assertThat(LoopbackCandidates.count(SDP)).isEqualTo(5);
        assertThat(LoopbackCandidates.count("v=0\r\n")).isZero();
    }

    @Test
    void readsTheConnectionAddressField() {
        assertThat(LoopbackCandidates.address("a=candidate:3 1 udp 2122194687 127.0.0.1 50002 typ host")).isEqualTo("127.0.0.1");
    }
}
