package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;

/**
 * Runs every example scenario under scenarios/ with real Chromium, Firefox and Java peers on loopback (shortened to 8 s),
 * so the examples never rot, and checks what must hold in any call: peers connected, video and
 * audio received, data channel echoes, a raw W3C sample per second per peer, exact versions in
 * run.json, and no browser or driver left behind.
 */
class ExampleScenariosIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL = Duration.ofSeconds(8);

    @TempDir
    Path tmp;

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(".").toAbsolutePath().normalize())) {
            // Load scenarios (with a 'load:' section) are run by JanusLoadIT.
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> org.rtcbench.core.scenario.ScenarioLoader.load(p).load() == null).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleScenarioPassesWithRealPeers(Path file) throws Exception {
        Scenario scenario = ScenarioLoader.load(file).withDuration(CALL);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = org.rtcbench.testing.Runs.options(tmp, console);

        RunSummary run = new ScenarioRunner(scenario, options).run();
        String out = console.toString(StandardCharsets.UTF_8);

        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        Path dir = options.resultsRoot().resolve(run.runId());
        for (String f : List.of("scenario.yaml", "events.jsonl", "run.json", "junit.xml", "report.html", "metrics.csv", "summary.json")) {
            assertThat(dir.resolve(f)).exists();
        }
        JsonNode runJson = JSON.readTree(dir.resolve("run.json").toFile());
        assertThat(runJson.path("status").asText()).isEqualTo("passed");

        for (PeerGroup g : scenario.peers()) {
            for (String name : g.peerNames()) {
                PeerSummary p = run.peers().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                assertThat(p.outcome()).as(name).isEqualTo("ok");
                assertThat(p.connectMs()).as(name + " connect ms").isNotNull();
                assertThat(p.browserVersion()).as(name + " exact browser version").matches("\\d+(\\.\\d+){2,3}");
                if (g.kind() == PeerKind.CHROME) {
                    assertThat(p.driverVersion()).as(name + " exact chromedriver version").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
                } else if (g.kind() == PeerKind.FIREFOX) {
                    assertThat(p.driver()).as(name + " driven over").isIn("webdriver-bidi", "geckodriver");
                }
                if (g.role().receives()) {
                    assertThat(p.metrics().get("video.fps").max()).as(name + " fps received").isGreaterThan(0);
                    assertThat(p.metrics().get("audio.packets.received").last()).as(name + " audio packets").isGreaterThan(0);
                }
                if (scenario.mediaOf(g).datachannel()) {
                    assertThat(p.metrics().get("datachannel.echoes").last()).as(name + " data channel echoes").isGreaterThan(0);
                }
                assertOneRawSamplePerSecond(dir.resolve("samples").resolve(name + ".jsonl"));
            }
        }
        assertThat(OwnedProcesses.running(tmp.toString())).as("browsers and drivers left running").isEmpty();
    }

    /** Each line one raw W3C getStats() report with its timestamp, at least one per second of the call. */
    private static void assertOneRawSamplePerSecond(Path samples) throws IOException {
        List<String> lines = Files.readAllLines(samples);
        assertThat(lines.size()).as(samples + " lines").isGreaterThanOrEqualTo((int) CALL.toSeconds() - 1);
        List<Long> times = new ArrayList<>();
        for (String line : lines) {
            JsonNode sample = JSON.readTree(line);
            times.add(sample.path("timestamp").asLong());
            JsonNode connections = sample.path("stats");
            assertThat(connections.size()).isGreaterThan(0);
            JsonNode reports = connections.elements().next();
            assertThat(reports.isArray()).isTrue();
            boolean hasTransport = false;
            for (JsonNode r : reports) {
                assertThat(r.has("timestamp")).as("every W3C report has its timestamp").isTrue();
                hasTransport |= "transport".equals(r.path("type").asText());
            }
            assertThat(hasTransport).as("a transport report in every sample").isTrue();
        }
        assertThat(times).as("sample timestamps").isSorted().doesNotHaveDuplicates();
    }
}
