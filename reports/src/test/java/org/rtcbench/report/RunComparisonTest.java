package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;

/** Two runs compared by peer name and cell: what moved, whether it is worse, and whether beyond tolerance. */
class RunComparisonTest {
    /** A metric that held {@code v} over a 30 s call. */
    private static Summary flat(double v) {
        return new Summary(30, v, v, v, v, v, v);
    }

    private static RunSummary run(String id, double fps, double rtt, String cellOutcome) {
        PeerSummary p = new PeerSummary("chrome-1", "chrome", "sendrecv", "chromium", "156", "chromedriver", "156",
                1000L, 300L, "ok", null, 10, Map.of("video.fps", flat(fps), "rtt", flat(rtt), "bitrate.in", flat(600)));
        return new RunSummary(id, "s", RunStatus.PASSED, null, "t0", "t1", 1L, 1L, "0.1.0", Map.of(), List.of(p), List.of(),
                List.of(new InteropCell("chrome", "firefox", "vp8", cellOutcome, null, 300L, Map.of(), Map.of())));
    }

    private static List<RunComparison.Change> regressions(List<RunComparison.Change> all) {
        return all.stream().filter(RunComparison.Change::regressed).toList();
    }

    @Test
    void identicalRunsHaveNoRegression() {
        var changes = new RunComparison(Map.of()).compare(run("a", 30, 2, "passed"), run("b", 30, 2, "passed"));
        assertThat(regressions(changes)).isEmpty();
        assertThat(changes).anySatisfy(c -> assertThat(c.what()).isEqualTo("video.fps.p50"));
    }

    @Test
    void noiseWithinDefaultTolerancesIsNotARegression() {
        var changes = new RunComparison(Map.of()).compare(run("a", 30, 2, "passed"), run("b", 28, 6, "passed"));
        assertThat(regressions(changes)).isEmpty();
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.what()).isEqualTo("rtt.p95");
            assertThat(c.worse()).isTrue();
        });
    }

    @Test
    void aShortCallsWorstSecondIsNotItsRttOrJitterTail() {
        // 8 s calls: nearest-rank p95 of 8 samples is the worst one, which one scheduling hiccup decides
        Summary calm = new Summary(8, 1, 1, 1, 1, 1, 1);
        Summary hiccup = new Summary(8, 1, 1, 56, 56, 1, 8);
        PeerSummary before = new PeerSummary("java-1", "java", "sendrecv", "libwebrtc", "1", null, null, 230L, 230L, "ok", null, 8,
                Map.of("rtt", calm, "video.jitter", calm));
        PeerSummary after = new PeerSummary("java-1", "java", "sendrecv", "libwebrtc", "1", null, null, 230L, 230L, "ok", null, 8,
                Map.of("rtt", hiccup, "video.jitter", hiccup));
        var changes = new RunComparison(Map.of()).compare(runOf(before), runOf(after));
        assertThat(regressions(changes)).isEmpty();
        assertThat(changes).extracting(RunComparison.Change::what).contains("rtt.p50", "video.jitter.p50").doesNotContain("rtt.p95");

        // 20 samples each: the tail is measured, and a worse one is a regression
        Summary longCalm = new Summary(20, 1, 1, 1, 1, 1, 1);
        Summary longWorse = new Summary(20, 1, 1, 56, 60, 1, 8);
        var tails = new RunComparison(Map.of()).compare(
                runOf(new PeerSummary("java-1", "java", "sendrecv", "libwebrtc", "1", null, null, 230L, 230L, "ok", null, 20, Map.of("rtt", longCalm))),
                runOf(new PeerSummary("java-1", "java", "sendrecv", "libwebrtc", "1", null, null, 230L, 230L, "ok", null, 20, Map.of("rtt", longWorse))));
        assertThat(regressions(tails)).extracting(RunComparison.Change::what).containsExactly("rtt.p95");
    }

    private static RunSummary runOf(PeerSummary p) {
        return new RunSummary("r", "s", RunStatus.PASSED, null, "t0", "t1", 1L, 1L, "0.1.0", Map.of(), List.of(p), List.of(), List.of());
    }

    @Test
    void lowerFrameRateIsFlaggedOnTheRightMetric() {
        var changes = new RunComparison(Map.of()).compare(run("a", 30, 2, "passed"), run("b", 15, 2, "passed"));
        assertThat(regressions(changes)).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("chrome-1");
            assertThat(c.what()).isEqualTo("video.fps.p50");
            assertThat(c.relative()).isEqualTo(-0.5);
        });
        assertThat(RunComparison.line(regressions(changes).get(0))).contains("30 -> 15", "-50.0%", "REGRESSED");
    }

    @Test
    void aTighterToleranceTurnsSmallDropsIntoRegressions() {
        var tolerances = RunComparison.parseTolerances("fps=5%,rtt.p95=1");
        assertThat(tolerances).containsKeys("video.fps", "rtt");
        var changes = new RunComparison(tolerances).compare(run("a", 30, 2, "passed"), run("b", 28, 4, "passed"));
        assertThat(regressions(changes)).extracting(RunComparison.Change::what).containsExactlyInAnyOrder("video.fps.p50", "rtt.p95");
    }

    @Test
    void aCellThatStoppedPassingIsARegression() {
        var changes = new RunComparison(Map.of()).compare(run("a", 30, 2, "passed"), run("b", 30, 2, "failed"));
        assertThat(regressions(changes)).singleElement()
                .satisfies(c -> assertThat(c.subject()).isEqualTo("cell chrome -> firefox (vp8)"));
    }

    @Test
    void badToleranceTextIsBadInput() {
        assertThatThrownBy(() -> RunComparison.parseTolerances("warp=5%")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown metric 'warp'");
        assertThatThrownBy(() -> RunComparison.parseTolerances("fps")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("METRIC=N%");
        assertThatThrownBy(() -> RunComparison.parseTolerances("fps=lots")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a number");
    }

    @Test
    void junitHasOneFailurePerRegression() {
        RunSummary a = run("a", 30, 2, "passed");
        RunSummary b = run("b", 15, 2, "failed");
        var changes = new RunComparison(Map.of()).compare(a, b);
        String xml = CompareWriter.junit(a, b, changes);
        assertThat(xml.split("<failure", -1)).hasSize(3);
        assertThat(CompareWriter.html(a, b, changes)).contains("2 REGRESSED").contains("video.fps.p50");
    }

    private static RunSummary loadRun(String id, long joinMs, int connected, boolean limited) {
        List<Long> joins = java.util.Collections.nCopies(20, joinMs);
        var timing = org.rtcbench.core.run.LoadSummary.Timing.of(joins);
        var load = new org.rtcbench.core.run.LoadSummary("janus", null, 1, 3, 3, "ramp", 6, 6, connected, 6 - connected,
                timing, timing, timing, limited, limited ? "the generator's CPU stayed at or above 90 %" : null, List.of(), null, List.of(), List.of(), "all", List.of(), null, null);
        return run(id, 15, 2, "passed").withLoad(load);
    }

    @Test
    void aSlowerJoinP95IsALoadRegressionUnlessItsToleranceAllowsIt() {
        var changes = new RunComparison(Map.of()).compare(loadRun("a", 100, 6, false), loadRun("b", 400, 6, false));
        assertThat(regressions(changes)).extracting(c -> c.subject() + " " + c.what())
                .contains("load join.p95", "load ice.p95", "load firstframe.p95");
        var tolerant = new RunComparison(RunComparison.parseTolerances("join.p95=400%,ice=400%,firstframe=400%"))
                .compare(loadRun("a", 100, 6, false), loadRun("b", 400, 6, false));
        assertThat(regressions(tolerant)).isEmpty();
    }

    @Test
    void fewerPeersConnectedIsARegressionAndAGeneratorLimitedNewRunIsFlaggedNotBlamed() {
        var changes = new RunComparison(Map.of()).compare(loadRun("a", 100, 6, false), loadRun("b", 100, 5, true));
        assertThat(regressions(changes)).extracting(RunComparison.Change::what).containsExactly("connected");
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.what()).isEqualTo("generator");
            assertThat(c.regressed()).isFalse();
            assertThat(c.note()).contains("generator-limited");
        });
    }
}
