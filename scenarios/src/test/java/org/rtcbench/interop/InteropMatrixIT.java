package org.rtcbench.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerType;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Browsers;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.runner.LinkPlan;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;
import org.w3c.dom.Document;

/**
 * The interop matrix with real Chromium, Firefox and synthetic Java peers, its cells in waves sized
 * by {@code --parallel auto}: VP8 cells pass both ways, H264 cells that Firefox cannot do fail at
 * signaling with the reason (not by timeout or starvation), and two runs give the same outcomes.
 */
class InteropMatrixIT {
    @TempDir
    Path tmp;

    private RunSummary runMatrix(String name) {
        InteropMatrix matrix = new InteropMatrix(List.of(new PeerType(PeerKind.CHROME, null), new PeerType(PeerKind.FIREFOX, null), new PeerType(PeerKind.JAVA, null)),
                List.of("vp8", "h264"), Duration.ofSeconds(6), new VideoSpec(320, 240, 15), Browsers.defaults(),
                new InteropMatrix.Thresholds(5, Duration.ofSeconds(3)), org.rtcbench.provider.PeerProviders.builtIn());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve(name))
                .withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withMediaCache(tmp.resolve("media")).withWorkDir(tmp.resolve("work"));
        return new ScenarioRunner(matrix.scenario(), options, matrix.plan().withParallel(LinkPlan.AUTO)).run();
    }

    private static Map<String, String> outcomes(RunSummary run) {
        return run.matrix().stream().collect(Collectors.toMap(InteropCell::title, InteropCell::outcome));
    }

    private static String failedCells(RunSummary run) {
        return run.matrix().stream().filter(InteropCell::failed).map(c -> c.title() + ": " + c.reason())
                .collect(Collectors.joining(" | "));
    }

    private static InteropCell cell(RunSummary run, String title) {
        return run.matrix().stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void matrixOfChromiumFirefoxAndJava() throws Exception {
        RunSummary first = runMatrix("first");

        assertThat(first.matrix()).hasSize(3 * 3 * 2);
        for (String pair : List.of("chrome -> chrome", "chrome -> firefox", "firefox -> chrome", "firefox -> firefox",
                "java -> java", "java -> chrome", "chrome -> java", "java -> firefox", "firefox -> java")) {
            InteropCell vp8 = cell(first, pair + " (vp8)");
            assertThat(vp8.outcome()).as(pair + ": " + vp8.reason()).isEqualTo("passed");
            assertThat(vp8.codecs()).containsEntry("video.sent", "VP8").containsEntry("video.received", "VP8");
            assertThat(vp8.measured().get("caller.video.fps.p50")).isGreaterThanOrEqualTo(5);
            assertThat(vp8.measured().get("callee.video.fps.p50")).isGreaterThanOrEqualTo(5);
            assertThat(vp8.measured().get("caller.datachannel.echoes")).isPositive();
        }
        for (String pair : List.of("chrome -> chrome", "java -> java", "java -> chrome", "chrome -> java")) {
            assertThat(cell(first, pair + " (h264)").outcome()).as(pair + " H264").isEqualTo("passed");
            assertThat(cell(first, pair + " (h264)").codecs()).containsEntry("video.sent", "H264");
        }
        InteropCell toFirefox = cell(first, "chrome -> firefox (h264)");
        assertThat(toFirefox.outcome()).isEqualTo("failed");
        assertThat(toFirefox.reason()).contains("firefox-callee does not accept H264");
        assertThat(toFirefox.connectMs()).as("failed at signaling, not by timeout").isNull();
        assertThat(cell(first, "firefox -> chrome (h264)").reason()).contains("no H264 video codec");
        assertThat(cell(first, "java -> firefox (h264)").reason()).contains("firefox-callee does not accept H264");
        assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        assertThat(first.reason()).isEqualTo("5 of 18 interop cells failed");

        Path dir = tmp.resolve("first").resolve(first.runId());
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertThat(junit.getElementsByTagName("testcase").getLength()).as("testcases").isGreaterThanOrEqualTo(18);
        assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(5);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Interop matrix");
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"matrix\"");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> waves = (List<Map<String, Object>>) first.capacity().get("waves");
        assertThat(waves).as("each wave's width and why, in run.json").isNotEmpty();
        assertThat(waves.stream().mapToInt(w -> (Integer) w.get("cells")).sum()).isEqualTo(18);
        assertThat((String) waves.get(0).get("reason")).contains("measured per-peer costs put");
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"waves\"").contains("\"needCores\"");

        RunSummary second = runMatrix("second");
        assertThat(outcomes(second)).as("the same cell outcomes on a second run; its failed cells: " + failedCells(second))
                .isEqualTo(outcomes(first));
        assertThat(OwnedProcesses.running(tmp.toString())).as("browsers and drivers left running").isEmpty();
    }

    @Test
    void replayPeersPassVp8CellsWithEveryKindAndRefuseH264AtSignaling() throws Exception {
        InteropMatrix matrix = new InteropMatrix(List.of(new PeerType(PeerKind.REPLAY, null), new PeerType(PeerKind.CHROME, null),
                new PeerType(PeerKind.FIREFOX, null), new PeerType(PeerKind.JAVA, null)), List.of("vp8"), Duration.ofSeconds(6),
                new VideoSpec(320, 240, 15), Browsers.defaults(), new InteropMatrix.Thresholds(5, Duration.ofSeconds(3)),
                org.rtcbench.provider.PeerProviders.builtIn());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve("replay"))
                .withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withMediaCache(tmp.resolve("media")).withWorkDir(tmp.resolve("work"));
        RunSummary run = new ScenarioRunner(matrix.scenario(), options, matrix.plan().withParallel(LinkPlan.AUTO)).run();
        for (String other : List.of("replay", "chrome", "firefox", "java")) {
            for (String pair : List.of("replay -> " + other, other + " -> replay")) {
                InteropCell vp8 = cell(run, pair + " (vp8)");
                assertThat(vp8.outcome()).as(pair + ": " + vp8.reason()).isEqualTo("passed");
                assertThat(vp8.codecs()).containsEntry("video.sent", "VP8").containsEntry("video.received", "VP8");
                assertThat(vp8.measured().get("caller.video.fps.p50")).as(pair).isGreaterThanOrEqualTo(5);
                assertThat(vp8.measured().get("callee.video.fps.p50")).as(pair).isGreaterThanOrEqualTo(5);
                assertThat(vp8.measured().get("callee.audio.packets.received")).as(pair).isPositive();
                assertThat(vp8.measured()).as("a replay peer has no data channel: nothing to measure").doesNotContainKey("caller.datachannel.echoes");
            }
        }
        assertThat(run.status()).as(failedCells(run)).isEqualTo(RunStatus.PASSED);

        InteropMatrix h264 = new InteropMatrix(List.of(new PeerType(PeerKind.REPLAY, null), new PeerType(PeerKind.JAVA, null)), List.of("h264"),
                Duration.ofSeconds(3), new VideoSpec(320, 240, 15), Browsers.defaults(), new InteropMatrix.Thresholds(5, Duration.ofSeconds(1)),
                org.rtcbench.provider.PeerProviders.builtIn());
        RunSummary refused = new ScenarioRunner(h264.scenario(), options.withResultsRoot(tmp.resolve("h264")), h264.plan()).run();
        assertThat(cell(refused, "replay -> java (h264)").reason()).isEqualTo("replay-caller: replay peers send VP8 only, not h264");
        assertThat(cell(refused, "java -> replay (h264)").reason())
                .isEqualTo("replay-callee does not accept H264 video: replay peers take VP8 video and Opus audio only");
        assertThat(cell(refused, "java -> replay (h264)").connectMs()).as("refused at signaling").isNull();
        assertThat(OwnedProcesses.running(tmp.toString())).as("browsers and drivers left running").isEmpty();
    }

    @Test
    void cellsRunInWavesWhenParallelIsLimitedAndEachWaveIsJudgedOnItsOwnTime() throws Exception {
        InteropMatrix matrix = new InteropMatrix(List.of(new PeerType(PeerKind.CHROME, null), new PeerType(PeerKind.JAVA, null)), List.of("vp8"),
                Duration.ofSeconds(5), new VideoSpec(320, 240, 15), Browsers.defaults(),
                new InteropMatrix.Thresholds(5, Duration.ofSeconds(3)), org.rtcbench.provider.PeerProviders.builtIn());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve("waves"))
                .withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withMediaCache(tmp.resolve("media")).withWorkDir(tmp.resolve("work"));
        RunSummary run = new ScenarioRunner(matrix.scenario(), options, matrix.plan().withParallel(2)).run();
        String out = console.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("wave 1/2: 2 of 4 cells at once").contains("wave 2/2: 2 cells");
        assertThat(outcomes(run)).as(out).containsOnlyKeys("chrome -> chrome (vp8)", "chrome -> java (vp8)",
                "java -> chrome (vp8)", "java -> java (vp8)").allSatisfy((title, outcome) -> assertThat(outcome).isEqualTo("passed"));
        // the second wave's cells were measured after their own warm-up, with their codecs kept after closing
        InteropCell late = cell(run, "java -> java (vp8)");
        assertThat(late.measured().get("callee.video.fps.p50")).isGreaterThan(5);
        assertThat(late.codecs()).containsEntry("video.sent", "VP8");
        assertThat(run.durationMs()).as("two waves of 5 s").isGreaterThan(10_000);
        assertThat(OwnedProcesses.running(tmp.resolve("work").toString())).isEmpty();
    }
}
