package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.peer.java.JavaPeerLauncher;

/**
 * A replay peer and a libwebrtc peer (webrtc-java) in one call on loopback, each side offering once:
 * libwebrtc decodes the replay peer's pre-encoded VP8 and Opus, and the replay peer parses libwebrtc's
 * stream into whole, decodable frames.
 */
class ReplayJavaInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "the {0} peer offers")
    @ValueSource(strings = {"replay", "java"})
    void replayAndLibwebrtcExchangeAudioAndVideo(String offerer) throws Exception {
        MediaSpec media = new MediaSpec(new VideoSpec(320, 240, 15), true, true);
        try (ReplayPeer replay = new ReplayPeer("replay-1", InetAddress.getLoopbackAddress());
             Peer java = new JavaPeerLauncher().launch("java-1", null, null, null)) {
            replay.startMedia(media, Role.SENDRECV);
            java.startMedia(media, Role.SENDRECV);
            Peer caller = offerer.equals("replay") ? replay : java;
            Peer callee = caller == replay ? java : replay;
            caller.acceptAnswer("c", callee.acceptOffer("c", caller.createOffer("c", null)));
            long deadline = System.currentTimeMillis() + 15_000;
            while (!(replay.connectionState("c").equals("connected") && java.connectionState("c").equals("connected"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(replay.connectionState("c")).as("replay: %s", replay.failure("c")).isEqualTo("connected");
            assertThat(java.connectionState("c")).isEqualTo("connected");
            Thread.sleep(5_000);

            JsonNode javaSide = JSON.readTree(java.stats()).path("stats").path("c");
            JsonNode decoded = find(javaSide, "inbound-rtp", "video");
            assertThat(decoded.path("framesDecoded").asLong()).as("frames libwebrtc decoded of the replay peer's VP8").isGreaterThan(40);
            assertThat(decoded.path("frameWidth").asInt()).isEqualTo(320);
            assertThat(find(javaSide, "inbound-rtp", "audio").path("packetsReceived").asLong()).isGreaterThan(150);

            JsonNode replaySide = JSON.readTree(replay.stats()).path("stats").path("c");
            JsonNode parsed = find(replaySide, "inbound-rtp", "video");
            assertThat(parsed.path("framesDecoded").asLong()).as("decodable frames of libwebrtc's VP8").isGreaterThan(20);
            assertThat(parsed.path("frameWidth").asInt()).isGreaterThan(0);
            assertThat(find(replaySide, "inbound-rtp", "audio").path("packetsReceived").asLong()).isGreaterThan(150);
        }
    }

    private static JsonNode find(JsonNode reports, String type, String kind) {
        for (JsonNode r : reports) {
            if (r.path("type").asText().equals(type) && r.path("kind").asText().equals(kind)) {
                return r;
            }
        }
        throw new AssertionError("no " + type + " " + kind + " report in " + reports);
    }
}
