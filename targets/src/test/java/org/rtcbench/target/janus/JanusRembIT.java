package org.rtcbench.target.janus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.core.target.Rooms.Publication;
import org.rtcbench.peer.replay.ReplayPeerLauncher;
import org.rtcbench.target.janus.local.LocalJanus;
import org.rtcbench.target.sdp.ReachableCandidates;

/**
 * A real Janus caps a replay publisher's video (its publish {@code bitrate}, sent back as REMB): the
 * publisher steps down from its 640x480 loop to the 320x240 one, and the subscriber receives 320x240;
 * a publisher Janus does not cap keeps 640x480.
 */
class JanusRembIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaSpec VGA = new MediaSpec(new VideoSpec(640, 480, 15), true, false);
    /** Between the 320x240 loop's ~113 kbps and the 640x480 loop's ~185 kbps, headers included. */
    private static final long CAP = 160_000;

    @TempDir
    Path tmp;

    @Test
    void aPublisherCappedByJanusStepsDownToTheSmallerLoopAndItsSubscriberReceivesThat() throws Exception {
        List<Peer> peers = new ArrayList<>();
        try (LocalJanus janus = LocalJanus.start(tmp);
             JanusClient client = JanusClient.connect(janus.url());
             JanusVideoRoom videoRoom = new JanusVideoRoom(client, ReachableCandidates.only(janus.peerAddress()),
                     Duration.ofSeconds(10), (type, fields) -> { })) {
            ReplayPeerLauncher launcher = new ReplayPeerLauncher(janus.peerAddress());
            long room = videoRoom.createRoom(null, 4, "vp8");

            Peer free = launcher.launch("free", null, null, null);
            peers.add(free);
            free.startMedia(VGA, Role.SENDONLY);
            Publication freeFeed = videoRoom.publish(free, room, "free", "vp8");

            Peer capped = launcher.launch("capped", null, null, null);
            peers.add(capped);
            capped.startMedia(VGA, Role.SENDONLY);
            Publication cappedFeed = videoRoom.publisherBitrate(CAP).publish(capped, room, "capped", "vp8");

            Peer viewer = launcher.launch("viewer", null, null, null);
            peers.add(viewer);
            viewer.startMedia(VGA, Role.RECVONLY);
            String toFree = videoRoom.subscribe(viewer, room, freeFeed.feedId()).connectionId();
            String toCapped = videoRoom.subscribe(viewer, room, cappedFeed.feedId()).connectionId();

            JsonNode cappedOut = null;
            JsonNode seenCapped = null;
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                cappedOut = report(capped, cappedFeed.connectionId(), "outbound-rtp");
                seenCapped = report(viewer, toCapped, "inbound-rtp");
                if (cappedOut != null && cappedOut.path("frameWidth").asInt() == 320 && seenCapped != null
                        && seenCapped.path("frameWidth").asInt() == 320) {
                    break;
                }
            }
            assertThat(cappedOut).as("the capped publisher's outbound video").isNotNull();
            assertThat(cappedOut.path("rtcbenchRembBitrate").asLong(-1)).as("Janus's REMB to it: %s", cappedOut)
                    .isBetween(1L, CAP);
            assertThat(cappedOut.path("frameWidth").asInt()).as("what it sends: %s", cappedOut).isEqualTo(320);
            assertThat(cappedOut.path("qualityLimitationReason").asText()).isEqualTo("bandwidth");
            assertThat(cappedOut.path("qualityLimitationResolutionChanges").asLong()).isEqualTo(1);
            assertThat(seenCapped.path("frameWidth").asInt()).as("what the viewer receives of it: %s", seenCapped).isEqualTo(320);
            assertThat(seenCapped.path("frameHeight").asInt()).isEqualTo(240);

            JsonNode freeOut = report(free, freeFeed.connectionId(), "outbound-rtp");
            assertThat(freeOut.path("frameWidth").asInt()).as("the publisher Janus did not cap: %s", freeOut).isEqualTo(640);
            assertThat(freeOut.path("qualityLimitationReason").asText()).isEqualTo("none");
            JsonNode seenFree = report(viewer, toFree, "inbound-rtp");
            assertThat(seenFree.path("frameWidth").asInt()).as("what the viewer receives of it: %s", seenFree).isEqualTo(640);
        } finally {
            peers.forEach(Peer::close);
        }
    }

    /** The connection's video report of {@code type}, or null before there is one. */
    private static JsonNode report(Peer peer, String connectionId, String type) throws Exception {
        for (JsonNode r : JSON.readTree(peer.stats()).path("stats").path(connectionId)) {
            if (r.path("type").asText().equals(type) && r.path("kind").asText().equals("video")) {
                return r;
            }
        }
        return null;
    }
}
