package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;

/** Two replay peers call each other on loopback: real ICE, DTLS-SRTP and RTP/RTCP, no codec anywhere. */
class ReplayCallIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoReplayPeersConnectExchangeAudioAndVideoAndLeaveNoThreadBehind() throws Exception {
        Set<String> before = replayThreads();
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ReplayPeer a = new ReplayPeer("replay-a", lo); ReplayPeer b = new ReplayPeer("replay-b", lo)) {
            MediaSpec small = new MediaSpec(new VideoSpec(320, 240, 15), true, true);
            a.startMedia(small, Role.SENDRECV);
            b.startMedia(small, Role.SENDRECV);
            String offer = a.createOffer("c1", null);
            String answer = b.acceptOffer("c1", offer);
            a.acceptAnswer("c1", answer);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!(a.connectionState("c1").equals("connected") && b.connectionState("c1").equals("connected"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(a.connectionState("c1")).as("a: %s", a.failure("c1")).isEqualTo("connected");
            assertThat(b.connectionState("c1")).as("b: %s", b.failure("c1")).isEqualTo("connected");
            Thread.sleep(3_000);
            for (ReplayPeer p : new ReplayPeer[] {a, b}) {
                JsonNode reports = JSON.readTree(p.stats()).path("stats").path("c1");
                JsonNode video = find(reports, "inbound-rtp", "video");
                JsonNode audio = find(reports, "inbound-rtp", "audio");
                assertThat(video.path("framesDecoded").asLong()).as(p.name() + " video frames").isGreaterThan(30);
                assertThat(video.path("framesPerSecond").asInt()).isBetween(10, 17);
                assertThat(video.path("keyFramesDecoded").asLong()).isGreaterThanOrEqualTo(1);
                assertThat(video.path("frameWidth").asInt()).isEqualTo(320);
                assertThat(video.path("packetsLost").asLong()).isZero();
                assertThat(audio.path("packetsReceived").asLong()).as(p.name() + " audio packets").isGreaterThan(100);
                JsonNode out = find(reports, "outbound-rtp", "video");
                assertThat(out.path("bytesSent").asLong()).isGreaterThan(10_000);
                JsonNode remote = find(reports, "remote-inbound-rtp", "video");
                assertThat(remote.path("roundTripTime").asDouble()).as("RTT from the remote's report blocks").isBetween(0.0, 0.5);
                JsonNode markers = JSON.readTree(p.stats()).path("received").path("c1").path(0);
                assertThat(markers.path("framesShown").asLong()).as(p.name() + ": frames whose trailer was read").isGreaterThan(30);
                assertThat(markers.path("delayedFrames").asLong()).isEqualTo(markers.path("framesRendered").asLong());
                assertThat(markers.path("totalDelayMs").asDouble() / markers.path("delayedFrames").asLong())
                        .as(p.name() + ": mean ms from send to decodable on loopback").isBetween(0.0, 100.0);
                JsonNode pair = find(reports, "candidate-pair", null);
                assertThat(pair.path("state").asText()).isEqualTo("succeeded");
            }
        }
        // ice4j ends its connector threads asynchronously, within a few hundred ms of agent.free()
        long deadline = System.currentTimeMillis() + 5_000;
        while (!before.containsAll(replayThreads()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(replayThreads()).as("threads left 5 s after close").isSubsetOf(before);
    }

    @Test
    void theLauncherWarmsUpWithAPairThatConnectsAndIsGoneAfterwards() throws Exception {
        Set<String> before = replayThreads();
        String said = new ReplayPeerLauncher("127.0.0.1").warmUp();
        assertThat(said).matches("replay peers warmed up: a pair on 127\\.0\\.0\\.1 connected in \\d+ ms \\(ICE, DTLS, SRTP\\)");
        long deadline = System.currentTimeMillis() + 5_000;
        while (!before.containsAll(replayThreads()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(replayThreads()).as("threads left 5 s after the warm-up").isSubsetOf(before);
    }

    private static JsonNode find(JsonNode reports, String type, String kind) {
        for (JsonNode r : reports) {
            if (r.path("type").asText().equals(type) && (kind == null || r.path("kind").asText().equals(kind))) {
                return r;
            }
        }
        throw new AssertionError("no " + type + " " + kind + " report in " + reports);
    }

    /** Threads a connection owns: its transport's reader, its connect thread, ice4j's per-socket connector. */
    private static Set<String> replayThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("replay-receive") || n.startsWith("replay-connect") || n.startsWith("IceConnector"))
                .collect(Collectors.toSet());
    }
}
