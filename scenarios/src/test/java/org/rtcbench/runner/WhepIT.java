package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.peer.java.JavaPeerLauncher;
import org.rtcbench.testing.Runs;

/**
 * WHEP, the egress side, against a WHEP endpoint written here to the specification (no WHEP server
 * installs on this machine: none in Debian, none on npm): each POSTed offer is answered by a real
 * synthetic Java peer that sends the marked camera, {@code 201 Created} with a relative
 * {@code Location}; a DELETE of that location hangs the connection up. A Chromium and a Java peer
 * play the stream through rtcbench's WHEP target and read the sender's markers; a bad token is the
 * server's 401 in one line. What this proves is rtcbench's client against this reading of the spec,
 * with real media; no third-party WHEP server was tried.
 */
class WhepIT {
    private static final String TOKEN = "whep-token-51d0";
    private static final MediaSpec SMALL = new MediaSpec(new VideoSpec(320, 240, 15), true, false);

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private HttpServer server;
    private Peer sender;
    private final AtomicInteger sessions = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void whepEndpoint() throws IOException {
        sender = new JavaPeerLauncher("127.0.0.1").launch("studio", null, null, null);
        sender.startMedia(SMALL, Role.SENDONLY);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/whep/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        sender.close();
        assertThat(OwnedProcesses.running(tmp.resolve("work").toString())).as("browsers of this test still running").isEmpty();
    }

    /** POST /whep/endpoint/live: the sender answers the offer; DELETE /whep/resource/N: that session ends. */
    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        requests.add(x.getRequestMethod() + " " + path);
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + TOKEN).equals(auth)) {
            reply(x, 401, "text/plain", "bad token", null);
        } else if (x.getRequestMethod().equals("POST") && path.equals("/whep/endpoint/live")) {
            if (!"application/sdp".equals(x.getRequestHeaders().getFirst("Content-Type"))) {
                reply(x, 415, "text/plain", "offer must be application/sdp", null);
                return;
            }
            String offer = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = sessions.incrementAndGet();
            String answer = sender.acceptOffer("whep-" + n, offer);
            reply(x, 201, "application/sdp", answer, "../resource/" + n);
        } else if (x.getRequestMethod().equals("DELETE") && path.startsWith("/whep/resource/")) {
            sender.closeConnection("whep-" + path.substring("/whep/resource/".length()));
            reply(x, 200, "text/plain", "", null);
        } else {
            reply(x, 405, "text/plain", "no such method here", null);
        }
    }

    private static void reply(HttpExchange x, int status, String type, String body, String location) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        if (location != null) {
            x.getResponseHeaders().set("Location", location);
        }
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/whep/endpoint/live";
    }

    @Test
    void chromiumAndJavaPlayTheStreamThroughWhepAndReadItsMarkers() throws Exception {
        Scenario s = ScenarioLoader.parse("whep-play.yaml", """
                name: whep-play
                duration: 10s
                target: {type: whep, url: '%s', token: %s}
                media: {video: {width: 320, height: 240, fps: 15}, datachannel: false}
                peers:
                  - {kind: chrome, name: viewer-chrome, role: recvonly}
                  - {kind: java, name: viewer-java, role: recvonly}
                assertions:
                  - connected within 15s
                  - video.fps.p50 > 5 for receivers after 3s
                """.formatted(endpoint(), TOKEN));
        RunSummary run = new ScenarioRunner(s, Runs.options(tmp, console)).run();
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        assertThat(out).contains("viewer-chrome plays through WHEP (http://127.0.0.1:" + server.getAddress().getPort() + "/whep/resource/");
        for (PeerSummary p : run.peers()) {
            assertThat(p.received()).as(p.name() + " read the sender's markers").hasSize(1);
            assertThat(p.received().get(0).metrics().get("video.delay").p50()).as(p.name() + " video.delay").isBetween(1.0, 150.0);
            assertThat(p.received().get(0).metrics().get("video.psnr").p50()).as(p.name() + " PSNR").isGreaterThanOrEqualTo(30);
        }
        assertThat(requests).as("each viewer POSTed once and DELETEd its resource").filteredOn(r -> r.startsWith("DELETE")).hasSize(2);
        assertThat(requests).filteredOn(r -> r.startsWith("POST")).hasSize(2);
        try (var dirs = Files.list(tmp.resolve("results"))) {
            Path dir = dirs.findFirst().orElseThrow();
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(dir.relativize(f).toString()).doesNotContain(TOKEN);
                }
            }
        }
    }

    @Test
    void aLoadRunsSubscribersEachPlayTheWhepStreamAndNeedNoPublishers() {
        Scenario s = ScenarioLoader.parse("whep-load.yaml", """
                name: whep-load
                target: {type: whep, url: '%s', token: %s}
                media: {video: {width: 320, height: 240, fps: 15}}
                load: {rooms: 1, publishers: 0, subscribers: 3, injection: ramp, ramp: 2s, hold: 8s}
                assertions:
                  - video.fps.p50 > 5 for receivers after 3s
                """.formatted(endpoint(), TOKEN));
        RunSummary run = new LoadRunner(s, Runs.options(tmp, console)).run();
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        assertThat(run.load().connected()).as(out).isEqualTo(3);
        assertThat(run.load().firstFrame().count()).as("a first frame per viewer").isEqualTo(3);
        assertThat(run.load().feeds()).singleElement().satisfies(f -> {
            assertThat(f.display()).isEqualTo(endpoint());
            assertThat(f.own()).isFalse();
            assertThat(f.subscriptions()).isEqualTo(3);
        });
        for (PeerSummary p : run.peers()) {
            assertThat(p.received()).as(p.name()).singleElement().satisfies(f ->
                    assertThat(f.metrics().get("video.psnr").p50()).as(p.name() + " PSNR").isGreaterThanOrEqualTo(30));
        }
        assertThat(requests).filteredOn(r -> r.startsWith("POST")).hasSize(3);
        assertThat(requests).filteredOn(r -> r.startsWith("DELETE")).as("each viewer DELETEd its session on leaving").hasSize(3);

        Scenario publishers = ScenarioLoader.parse("whep-publishers.yaml", """
                name: whep-publishers
                target: {type: whep, url: '%s', token: %s}
                load: {publishers: 1, subscribers: 1, ramp: 1s, hold: 1s}
                """.formatted(endpoint(), TOKEN));
        assertThatThrownBy(() -> new LoadRunner(publishers, Runs.options(tmp.resolve("p"), console)).run())
                .isInstanceOf(BadInputException.class).hasMessage("a WHEP endpoint only gives its stream, so a load run through "
                        + endpoint() + " takes no publishers: use --publishers 0 (load.publishers)");
    }

    @Test
    void aBadTokenIsTheServersAnswerInOneLine() {
        Scenario s = ScenarioLoader.parse("whep-bad-token.yaml", """
                name: whep-bad-token
                duration: 5s
                target: {type: whep, url: '%s', token: wrong}
                peers: [{kind: java, name: viewer, role: recvonly}]
                """.formatted(endpoint()));
        assertThatThrownBy(() -> new ScenarioRunner(s, Runs.options(tmp, console)).run())
                .isInstanceOf(BadInputException.class)
                .hasMessage("the WHEP endpoint " + endpoint() + " refused the offer: 401 Unauthorized: bad token (check the target's token)");
    }
}
