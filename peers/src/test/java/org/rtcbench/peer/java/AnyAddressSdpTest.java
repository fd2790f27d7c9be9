package org.rtcbench.peer.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A Java peer advertises its any-address UDP ports as 127.0.0.1 and nothing else. */
class AnyAddressSdpTest {
    @Test
    void rewritesIpv4UdpHostCandidatesToLoopbackAndDropsTheRest() {
        String sdp = String.join("\r\n", "v=0", "m=audio 39691 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 192.0.2.2",
                "a=candidate:1 1 udp 2113937151 192.0.2.2 39691 typ host generation 0 network-cost 999",
                "a=candidate:2 1 udp 2113939711 fd00::2 40111 typ host generation 0 network-cost 999",
                "a=candidate:3 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active", "a=mid:0", "");
        String out = AnyAddressSdp.advertise(sdp, "127.0.0.1");
        assertThat(out).contains("a=candidate:1 1 udp 2113937151 127.0.0.1 39691 typ host generation 0 network-cost 999")
                .contains("c=IN IP4 127.0.0.1").doesNotContain("192.0.2.2").doesNotContain("fd00::2").doesNotContain("tcptype");
    }
}
