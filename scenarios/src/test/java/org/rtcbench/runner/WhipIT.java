package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.target.TargetEvents;
import org.rtcbench.target.janus.JanusClient;
import org.rtcbench.target.janus.JanusVideoRoom;
import org.rtcbench.target.janus.local.LocalJanus;
import org.rtcbench.target.sdp.ReachableCandidates;
import org.rtcbench.target.whip.local.LocalWhipServer;
import org.rtcbench.testing.Runs;

/**
 * WHIP through Debian's simple-whip-server in front of a local Janus (both in one test network
 * namespace that this test starts): a Chromium and a Java peer publish their camera through WHIP
 * with a bearer token, and a second, separate load run that brings no publishers of its own
 * subscribes to that room: its synthetic subscribers receive both WHIP feeds, which run.json names
 * by display name as not this run's. A wrong token and an unknown endpoint are one-line errors; the
 * token never reaches the run directory.
 */
class WhipIT {
    private static final String TOKEN = "whip-secret-7f3a9c";
    private static final long ROOM = 4321;

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream publishing = new ByteArrayOutputStream();
    private final ByteArrayOutputStream subscribing = new ByteArrayOutputStream();
    private LocalJanus janus;
    private LocalWhipServer whip;
    private JanusClient client;
    private JanusVideoRoom rooms;

    @BeforeEach
    void janusAndWhipServer() {
        String missing = LocalWhipServer.missing();
        assumeTrue(missing == null, "WHIP tests need simple-whip-server: " + missing);
        janus = LocalJanus.start(tmp.resolve("work"));
        whip = LocalWhipServer.start(tmp.resolve("work"), janus);
        client = JanusClient.connect(janus.url());
        TargetEvents quiet = (type, fields) -> { };
        rooms = new JanusVideoRoom(client, ReachableCandidates.all(), Duration.ofSeconds(10), quiet);
        rooms.createRoom(ROOM, 6, "vp8");
    }

    @AfterEach
    void nothingLeft() throws Exception {
        try (var j = janus; var w = whip; var c = client; var r = rooms) {
            // closed in reverse order: the room, the Janus session, the WHIP server, then Janus and its namespace
        }
        assertThat(OwnedProcesses.running(tmp.resolve("work").toString())).as("processes of this test (Janus, node, browsers) still running")
                .extracting(p -> p.pid() + " " + p.info().commandLine().orElse("?")).isEmpty();
    }

    @Test
    void chromiumAndJavaPublishThroughWhipAndAnotherRunsSubscribersReceiveBoth() throws Exception {
        for (String peer : List.of("cam-chrome", "cam-java")) {
            whip.createEndpoint(peer, ROOM, "whip " + peer, TOKEN);
        }
        Scenario publishers = scenario("whip-publish", """
                duration: 40s
                target: {type: whip, url: '%s', token: %s}
                media: {video: {width: 320, height: 240, fps: 15}}
                peers:
                  - {kind: chrome, name: cam-chrome, role: sendonly}
                  - {kind: java, name: cam-java, role: sendonly}
                assertions:
                  - connected within 15s
                  - bitrate.out.p50 > 50 for senders after 3s
                """.formatted(whip.endpointUrl("{peer}"), TOKEN));
        ScenarioRunner publishRun = new ScenarioRunner(publishers, Runs.options(tmp.resolve("pub"), publishing));
        CompletableFuture<RunSummary> published = CompletableFuture.supplyAsync(publishRun::run);
        awaitPublishers(2);

        // A second run on the same Janus room: no publishers of its own, two subscribers taking every feed there.
        Scenario watchers = scenario("watch-room", """
                target: {type: janus, url: '%s'}
                media: {video: {width: 320, height: 240, fps: 15}}
                load: {rooms: 1, room: %d, publishers: 0, subscribers: 2, injection: once, ramp: 1s, hold: 12s}
                assertions:
                  - video.fps.p50 > 5 for receivers after 3s
                """.formatted(janus.wsUrl(), ROOM));
        RunSummary watched = new LoadRunner(watchers, Runs.options(tmp.resolve("sub"), subscribing)).run();
        String out = subscribing.toString(StandardCharsets.UTF_8);
        assertThat(watched.status()).as(out).isEqualTo(RunStatus.PASSED);
        LoadSummary load = watched.load();
        assertThat(load.requested()).isEqualTo(2);
        assertThat(load.connected()).as(out).isEqualTo(2);
        assertThat(load.feeds()).as("feeds the subscribers took").extracting(LoadSummary.Feed::display)
                .containsExactlyInAnyOrder("whip cam-chrome", "whip cam-java");
        assertThat(load.feeds()).allSatisfy(f -> {
            assertThat(f.own()).as(f.display() + " was published by another run").isFalse();
            assertThat(f.publisher()).isNull();
            assertThat(f.subscriptions()).as(f.display()).isEqualTo(2);
        });
        assertThat(out.lines().filter(l -> l.startsWith("  feeds taken: ")).findFirst()).hasValueSatisfying(l -> assertThat(l)
                .contains("whip cam-chrome (not this run)").contains("whip cam-java (not this run)"));
        assertThat(out).contains("  rooms: r1 = " + ROOM + " (subscribers take every publisher there, also those this run did not create)");
        for (PeerSummary sub : watched.peers()) {
            assertThat(sub.received()).as(sub.name() + " received both feeds").hasSize(2);
            assertThat(sub.received()).extracting(org.rtcbench.core.run.ReceivedFeed::from)
                    .containsExactlyInAnyOrder("whip cam-chrome (not this run)", "whip cam-java (not this run)");
            assertThat(sub.received()).allSatisfy(feed -> {
                assertThat(feed.metrics().get("video.fps.rendered").p50()).as(sub.name() + " <- " + feed.from() + " frames shown").isGreaterThan(5);
                assertThat(feed.metrics().get("video.psnr").p50()).as(sub.name() + " <- " + feed.from() + " PSNR").isGreaterThanOrEqualTo(25);
            });
        }
        assertThat(Files.readString(runDir(tmp.resolve("sub")).resolve("run.json"))).contains("\"display\" : \"whip cam-chrome\"");

        RunSummary pub = published.get(90, TimeUnit.SECONDS);
        String pubOut = publishing.toString(StandardCharsets.UTF_8);
        assertThat(pub.status()).as(pubOut).isEqualTo(RunStatus.PASSED);
        assertThat(pubOut).contains("cam-chrome publishes through WHIP (" + whip.base() + "/resource/cam-chrome)");
        assertThat(Files.readString(runDir(tmp.resolve("pub")).resolve("events.jsonl"))).contains("\"whip-deleted\"").doesNotContain("refused");
        assertThat(filesContaining(runDir(tmp.resolve("pub")), TOKEN)).as("files of the run directory holding the token").isEmpty();
        assertThat(Files.readString(runDir(tmp.resolve("pub")).resolve("scenario.yaml"))).contains("token: (hidden)");
    }

    @Test
    void aLoadRunsPublishersPublishThroughTheUsersWhipEndpointWhichHasNoSubscribers() throws Exception {
        for (String peer : List.of("r1-pub-1", "r1-pub-2")) {
            whip.createEndpoint(peer, ROOM, "ingest " + peer, TOKEN);
        }
        Scenario s = scenario("whip-ingest-load", """
                target: {type: whip, url: '%s', token: %s}
                media: {video: {width: 320, height: 240, fps: 15}}
                load: {rooms: 1, publishers: 2, subscribers: 0, injection: ramp, ramp: 2s, hold: 6s}
                assertions:
                  - bitrate.out.p50 > 50 for senders after 3s
                """.formatted(whip.endpointUrl("{peer}"), TOKEN));
        CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(() -> new LoadRunner(s, Runs.options(tmp.resolve("ingest"), publishing)).run());
        awaitPublishers(2);
        assertThat(rooms.publishers(ROOM)).extracting(org.rtcbench.core.target.Rooms.Feed::display)
                .containsExactlyInAnyOrder("ingest r1-pub-1", "ingest r1-pub-2");
        RunSummary run = running.get(60, TimeUnit.SECONDS);
        String out = publishing.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        assertThat(run.load().connected()).as(out).isEqualTo(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!rooms.publishers(ROOM).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100); // simple-whip-server ends the Janus session on the DELETE; the room lists it a moment longer
        }
        assertThat(rooms.publishers(ROOM)).as("each publisher's session DELETEd as it left").isEmpty();

        Scenario subscribers = scenario("whip-subscribers", """
                target: {type: whip, url: '%s', token: %s}
                load: {publishers: 1, subscribers: 1, ramp: 1s, hold: 1s}
                """.formatted(whip.endpointUrl("{peer}"), TOKEN));
        assertThatThrownBy(() -> new LoadRunner(subscribers, Runs.options(tmp.resolve("subs"), publishing)).run())
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("a WHIP endpoint only takes streams, so a load run through "
                        + whip.endpointUrl("{peer}") + " has no one to subscribe to: use --subscribers 0 (load.subscribers)");
    }

    @Test
    void aWrongTokenAndAnUnknownEndpointAreOneLineErrorsWithTheServersAnswer() {
        whip.createEndpoint("cam", ROOM, "whip cam", TOKEN);
        Scenario wrongToken = scenario("whip-wrong-token", """
                duration: 5s
                target: {type: whip, url: '%s', token: not-the-token}
                peers: [{kind: java, name: cam, role: sendonly}]
                """.formatted(whip.endpointUrl("{peer}")));
        assertThatThrownBy(() -> new ScenarioRunner(wrongToken, Runs.options(tmp.resolve("a"), publishing)).run())
                .isInstanceOf(BadInputException.class)
                .hasMessage("the WHIP endpoint " + whip.endpointUrl("cam") + " refused the offer: 403 Forbidden: Unauthorized (check the target's token)");

        Scenario unknown = scenario("whip-unknown", """
                duration: 5s
                target: {type: whip, url: '%s'}
                peers: [{kind: java, name: nobody, role: sendonly}]
                """.formatted(whip.endpointUrl("{peer}")));
        assertThatThrownBy(() -> new ScenarioRunner(unknown, Runs.options(tmp.resolve("b"), publishing)).run())
                .isInstanceOf(BadInputException.class)
                .hasMessage("the WHIP endpoint " + whip.endpointUrl("nobody") + " refused the offer: 404 Not Found: Invalid endpoint ID (check the URL)");
    }

    @Test
    void anUnreachableEndpointIsBadInputBeforeAnyPeerStarts() {
        Scenario s = scenario("whip-unreachable", """
                duration: 5s
                target: {type: whip, url: 'http://127.0.0.1:9/whip/endpoint/{peer}'}
                peers: [{kind: java, name: cam, role: sendonly}]
                """);
        assertThatThrownBy(() -> new ScenarioRunner(s, Runs.options(tmp.resolve("c"), publishing)).run())
                .isInstanceOf(BadInputException.class)
                .hasMessage("cannot reach the WHIP endpoint at http://127.0.0.1:9/whip/endpoint/rtcbench: connection refused; check the target's url");
    }

    private Scenario scenario(String name, String yaml) {
        return ScenarioLoader.parse(name + ".yaml", "name: " + name + "\n" + yaml);
    }

    /** Waits until Janus lists {@code n} publishers in the room: the WHIP peers are up. */
    private void awaitPublishers(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rooms.publishers(ROOM).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the WHIP publishers did not appear in room " + ROOM + " within 60 s: "
                        + publishing.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
    }

    private static Path runDir(Path root) throws IOException {
        try (var dirs = Files.list(root.resolve("results"))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    private static List<Path> filesContaining(Path dir, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
