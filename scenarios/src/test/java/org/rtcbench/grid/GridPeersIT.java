package org.rtcbench.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;

/**
 * A Selenium Grid 4.48 standalone (from Maven Central, its own process, configured for Debian's
 * Chromium and chromedriver by ci/grid/standalone) runs a chrome@grid peer in a call with a Java
 * peer; a Grid that does not answer, or has no node for the kind, is bad input within seconds.
 */
class GridPeersIT {
    private static final Path STANDALONE = Path.of("..", "ci", "grid", "standalone").toAbsolutePath().normalize();
    @TempDir
    static Path tmp;
    private static OwnedProcesses grid;
    private static String url;

    @BeforeAll
    static void startGrid() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        Path mark = Files.createDirectories(tmp.resolve("grid"));
        ProcessBuilder pb = OwnedProcesses.mark(new ProcessBuilder(OwnedProcesses.endingWithThisJvm(List.of(STANDALONE.toString(),
                Integer.toString(port)))), mark).redirectErrorStream(true).redirectOutput(tmp.resolve("grid.log").toFile());
        // the Chromium the Grid starts puts its temporary files (singleton socket, scoped directories) here, not in /tmp
        pb.environment().put("TMPDIR", Files.createDirectories(tmp.resolve("browser-tmp")).toString());
        Process p = OwnedProcesses.startHeld(pb);
        grid = new OwnedProcesses(p.toHandle(), mark);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // the first start resolves the Grid from Maven Central
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the Grid runs: " + Files.readString(tmp.resolve("grid.log"))).isTrue();
            try {
                String status = http.send(HttpRequest.newBuilder(URI.create(url + "/status")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (status.contains("\"ready\": true")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the Grid was not ready within 180 s: " + Files.readString(tmp.resolve("grid.log")));
    }

    @AfterAll
    static void stopGrid() {
        if (grid != null) {
            grid.close();
        }
        assertThat(OwnedProcesses.running(tmp.toString())).as("the Grid and its browsers are gone").isEmpty();
    }

    private static ScenarioRunner runner(String kind, String gridUrl, ByteArrayOutputStream console) {
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve("results"))
                .withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withMediaCache(tmp.resolve("media")).withWorkDir(tmp.resolve("work")).withGridUrl(gridUrl);
        return new ScenarioRunner(ScenarioLoader.parse("grid.yaml", """
                name: grid
                duration: 8s
                media:
                  video: { width: 320, height: 240, fps: 15 }
                peers:
                  - kind: %s
                    name: remote
                    provider: grid
                  - kind: java
                    name: native
                assertions:
                  - connected within 15s
                  - video.fps.p50 > 5 for receivers after 3s
                  - audio.packets.received.last > 0 for receivers
                  - datachannel.echoes.last > 0
                """.formatted(kind)), options);
    }

    @Test
    void aChromiumOnTheGridCallsAJavaPeer() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunSummary run = runner("chrome", url, console).run();
        String out = console.toString(StandardCharsets.UTF_8);

        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        PeerSummary remote = run.peers().stream().filter(p -> p.name().equals("remote")).findFirst().orElseThrow();
        assertThat(remote.provider()).isEqualTo("grid");
        assertThat(remote.grid()).isEqualTo(url);
        assertThat(remote.browser()).isEqualTo("chromium");
        assertThat(remote.driver()).isEqualTo("chromedriver");
        assertThat(out).contains("remote launched in").contains("on grid " + url);
    }

    @Test
    void aGridThatDoesNotAnswerIsBadInputWithinSeconds() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> runner("chrome", "http://127.0.0.1:" + closed, new ByteArrayOutputStream()).run())
                .isInstanceOf(BadInputException.class)
                .hasMessage("the Selenium Grid at http://127.0.0.1:" + closed + " does not answer (ConnectException): start it, or check --grid-url");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("s to the error").isLessThan(10);
    }

    @Test
    void aGridWithNoNodeForTheKindIsBadInputWithinSeconds() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> runner("firefox", url, new ByteArrayOutputStream()).run())
                .isInstanceOf(BadInputException.class)
                .hasMessage("the Selenium Grid at " + url + " has no node for firefox (its nodes offer: chrome): add one, or run firefox elsewhere");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("s to the error").isLessThan(10);
    }
}
