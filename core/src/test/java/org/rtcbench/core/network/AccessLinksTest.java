package org.rtcbench.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a run's access links rewrite candidates and report their links. */
class AccessLinksTest {
    private static final String SDP = String.join("\r\n",
            "v=0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0",
            "a=candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0",
            "a=candidate:3 1 udp 2122262783 ::1 50001 typ host generation 0",
            "a=mid:0", "");

    private static AccessLinks links(LinkSpec up) {
        return new AccessLinks(7, peer -> new AccessLinks.Configured(up, LinkSpec.NONE));
    }

    @Test
    void udpIpv4CandidatesBecomeRelayPortsAndTcpAndIpv6OnesAreDropped() {
        try (AccessLinks links = links(LinkSpec.NONE)) {
            String routed = links.route(SDP, "alice", "bob", "127.0.0.1");
            List<String> candidates = routed.lines().filter(l -> l.startsWith("a=candidate:")).toList();
            assertThat(candidates).hasSize(1);
            assertThat(candidates.get(0)).startsWith("a=candidate:1 1 udp 2122260223 127.0.0.1 ").endsWith(" typ host generation 0")
                    .doesNotContain(" 50000 ");
            assertThat(routed).contains("a=mid:0\r\n").contains("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n");
            assertThat(links.route(SDP, "alice", "bob", "127.0.0.1")).as("the same candidate keeps its port").isEqualTo(routed);
            assertThat(links.portCount()).isEqualTo(1);
        }
    }

    @Test
    void aTimelineChangeReachesPeersThatRouteLaterAndTheReportShowsBothLinks() {
        try (AccessLinks links = links(new LinkSpec(Duration.ofMillis(25), null, 0, 1, 0, null, 0, 0))) {
            links.route(SDP, "alice", null, "127.0.0.1");
            links.change(p -> true, l -> new LinkSpec(l.delay(), l.jitter(), 0.2, 1, l.bandwidth(), l.queue(), 0, 0), l -> l);
            links.route(SDP, "bob", null, "127.0.0.1");
            List<AccessLinks.LinkReport> r = links.report();
            assertThat(r).extracting(AccessLinks.LinkReport::peer).containsExactly("alice", "alice", "bob", "bob");
            assertThat(r.get(0).configured()).isEqualTo("delay 25ms");
            assertThat(r.get(0).last()).isEqualTo("delay 25ms, loss 20%");
            assertThat(r.get(2).last()).as("bob routed after the change").isEqualTo("delay 25ms, loss 20%");
            assertThat(r.get(3).configured()).isEqualTo("clean");
        }
    }
}
