package org.rtcbench.target.janus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.peer.java.JavaPeerLauncher;
import org.rtcbench.core.target.Rooms.Publication;
import org.rtcbench.core.target.Rooms.Subscription;
import org.rtcbench.target.sdp.ReachableCandidates;
import org.rtcbench.target.janus.local.LocalJanus;

/**
 * One room of a real Janus in its own network namespace: three synthetic publishers, three
 * synthetic subscribers each subscribed to every publisher; every connection connects and every
 * subscriber decodes every publisher's video; over Janus's HTTP API and over its WebSocket API.
 */
class JanusVideoRoomIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two thirds of a second of the publishers' 15 fps: video flows, not just a first keyframe. */
    private static final long MIN_FRAMES = 10;
    private static final MediaSpec SMALL = new MediaSpec(new VideoSpec(320, 240, 15), false, false);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"http", "ws"})
    void threePublishersReachThreeSubscribersThroughJanus(String api) throws Exception {
        List<Peer> peers = new ArrayList<>();
        ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        try (LocalJanus janus = LocalJanus.start(tmp);
             JanusClient client = JanusClient.connect(api.equals("ws") ? janus.wsUrl() : janus.url());
             JanusVideoRoom videoRoom = new JanusVideoRoom(client, ReachableCandidates.only(janus.peerAddress()),
                     Duration.ofSeconds(10), (type, fields) -> events.add(type + " " + fields))) {
            assertThat(janus.version()).isEqualTo("1.1.2");
            JavaPeerLauncher launcher = new JavaPeerLauncher(janus.peerAddress());
            long room = videoRoom.createRoom(null, 6, "vp8");

            List<Publication> publications = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Peer p = launcher.launch("pub-" + i, null, null, null);
                peers.add(p);
                p.startMedia(SMALL, Role.SENDONLY);
                publications.add(videoRoom.publish(p, room, "publisher " + i, "vp8"));
            }
            assertThat(videoRoom.publishers(room)).extracting(org.rtcbench.core.target.Rooms.Feed::feedId)
                    .containsExactlyInAnyOrderElementsOf(publications.stream().map(Publication::feedId).toList());

            List<Peer> subscribers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Peer s = launcher.launch("sub-" + i, null, null, null);
                peers.add(s);
                s.startMedia(SMALL, Role.RECVONLY);
                subscribers.add(s);
            }
            // All nine subscriptions at once, as a load run would make them: one Janus session each, concurrent long polls (or one socket).
            ExecutorService pool = Executors.newFixedThreadPool(9);
            List<Future<Subscription>> pending = new ArrayList<>();
            for (Peer s : subscribers) {
                for (Publication p : publications) {
                    pending.add(pool.submit(() -> videoRoom.subscribe(s, room, p.feedId())));
                }
            }
            List<Subscription> subscriptions = new ArrayList<>();
            for (Future<Subscription> f : pending) {
                subscriptions.add(f.get());
            }
            pool.shutdown();
            assertThat(subscriptions).hasSize(9);

            Map<String, Long> decoded = awaitDecodedFrames(subscribers, publications, Duration.ofSeconds(10));
            assertThat(decoded).as("frames decoded per subscription").hasSize(9).allSatisfy((k, v) -> assertThat(v).as(k).isGreaterThanOrEqualTo(MIN_FRAMES));

            System.out.printf("publish: join %s ms, signaling %s ms, connected %s ms%n",
                    publications.stream().map(Publication::joinMs).toList(), publications.stream().map(Publication::signalingMs).toList(),
                    publications.stream().map(Publication::connectedMs).toList());
            System.out.printf("subscribe: join %s ms, signaling %s ms, connected %s ms%n",
                    subscriptions.stream().map(Subscription::joinMs).toList(), subscriptions.stream().map(Subscription::signalingMs).toList(),
                    subscriptions.stream().map(Subscription::connectedMs).toList());
            System.out.println("frames decoded: " + decoded);
            assertThat(events).anyMatch(e -> e.startsWith("connected ")).noneMatch(e -> e.startsWith("failed "));
            assertThat(events.stream().filter(e -> e.startsWith("connected ")).count()).isEqualTo(12);
            assertThat(events.stream().filter(e -> e.startsWith("janus-webrtcup ")).count()).as("Janus saw every PeerConnection up").isEqualTo(12);
            assertThat(events).as("Janus receives the publishers' video")
                    .anyMatch(e -> e.startsWith("janus-media ") && e.contains("type=video") && e.contains("receiving=true"));
        } finally {
            peers.forEach(Peer::close);
        }
    }

    /** Per subscription ({@code subscriber/connection}): inbound video frames decoded, waiting until every one has {@link #MIN_FRAMES}. */
    private static Map<String, Long> awaitDecodedFrames(List<Peer> subscribers, List<Publication> publications, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Long> decoded = new HashMap<>();
        while (System.nanoTime() < deadline) {
            decoded.clear();
            for (Peer s : subscribers) {
                JsonNode stats = JSON.readTree(s.stats()).path("stats");
                for (Publication p : publications) {
                    String id = JanusVideoRoom.subscribeConnectionId(p.feedId());
                    long frames = 0;
                    for (JsonNode r : stats.path(id)) {
                        if ("inbound-rtp".equals(r.path("type").asText()) && "video".equals(r.path("kind").asText())) {
                            frames += r.path("framesDecoded").asLong();
                        }
                    }
                    decoded.put(s.name() + "/" + id, frames);
                }
            }
            if (decoded.values().stream().allMatch(f -> f >= MIN_FRAMES)) {
                return decoded;
            }
            Thread.sleep(250);
        }
        return decoded;
    }
}
