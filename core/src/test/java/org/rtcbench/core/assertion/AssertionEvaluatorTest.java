package org.rtcbench.core.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.peer.PeerKind;

class AssertionEvaluatorTest {

    @Test
    void thresholdThatHoldsForEverySelectedPeerPasses() {
        List<PeerMeasurements> peers = List.of(
                receiver("chrome-1", 1000L, fps(30, 30, 29)),
                receiver("chrome-2", 1200L, fps(28, 30, 30)));

        AssertionResult r = AssertionEvaluator.evaluate(Assertion.parse("video.fps.p50 >= 25"), peers);

        assertThat(r.passed()).isTrue();
        assertThat(r.expected()).isEqualTo(">= 25");
        assertThat(r.measured()).containsExactly(entry("chrome-1", 30.0), entry("chrome-2", 30.0));
        assertThat(r.message()).isEqualTo("video.fps.p50 >= 25 held for chrome-1 30, chrome-2 30 fps");
    }

    @Test
    void thresholdMissedByOnePeerFailsWithItsMeasuredValue() {
        List<PeerMeasurements> peers = List.of(
                receiver("chrome-1", 1000L, fps(0, 30, 30, 30)),
                receiver("firefox", 1000L, fps(0, 12, 12, 12)));

        AssertionResult r = AssertionEvaluator.evaluate(Assertion.parse("video.fps.p50 >= 25"), peers);

        assertThat(r.passed()).isFalse();
        assertThat(r.measured()).containsEntry("firefox", 12.0).containsEntry("chrome-1", 30.0);
        assertThat(r.message()).isEqualTo("video.fps.p50 expected >= 25 fps; firefox: measured 12 fps");
    }

    @Test
    void metricThatWasNeverMeasuredFailsAsNotMeasuredRatherThanZero() {
        MetricPoint noFps = new MetricPoint(1000, Map.of(Metric.RTT, 3.0));
        List<PeerMeasurements> peers = List.of(receiver("java", 1000L, List.of(noFps)));

        AssertionResult r = AssertionEvaluator.evaluate(Assertion.parse("video.fps.p50 >= 25"), peers);

        assertThat(r.passed()).isFalse();
        assertThat(r.measured()).containsEntry("java", null);
        assertThat(r.message()).contains("java: video.fps not measured");
    }

    @Test
    void warmUpExcludesPointsBeforeAfter() {
        // 0 fps while the decoder starts, then a steady 30.
        List<PeerMeasurements> peers = List.of(receiver("chrome", 1000L, fps(0, 0, 0, 0, 0, 30, 30, 30)));

        AssertionResult withoutWarmUp = AssertionEvaluator.evaluate(Assertion.parse("video.fps.min >= 25"), peers);
        AssertionResult withWarmUp = AssertionEvaluator.evaluate(Assertion.parse("video.fps.min >= 25 after 5s"), peers);

        assertThat(withoutWarmUp.passed()).isFalse();
        assertThat(withoutWarmUp.measured()).containsEntry("chrome", 0.0);
        assertThat(withWarmUp.passed()).isTrue();
        assertThat(withWarmUp.measured()).containsEntry("chrome", 30.0);
    }

    @Test
    void selectionLimitsWhichPeersAreJudged() {
        List<PeerMeasurements> peers = List.of(
                new PeerMeasurements("camera", PeerKind.CHROME, true, false, 1000L, fps(0, 0, 0)),
                receiver("viewer", 1000L, fps(30, 30, 30)));

        AssertionResult r = AssertionEvaluator.evaluate(Assertion.parse("video.fps.p50 >= 25 for receivers"), peers);

        assertThat(r.passed()).isTrue();
        assertThat(r.measured()).containsOnlyKeys("viewer");
    }

    @Test
    void selectionThatMatchesNoPeerFails() {
        List<PeerMeasurements> peers = List.of(receiver("chrome", 1000L, fps(30)));

        AssertionResult r = AssertionEvaluator.evaluate(Assertion.parse("rtt.p95 < 200 for firefox"), peers);

        assertThat(r.passed()).isFalse();
        assertThat(r.message()).isEqualTo("no peer matches 'for firefox'");
    }

    @Test
    void connectedWithinPassesWhenEveryPeerConnectedInTime() {
        List<PeerMeasurements> peers = List.of(receiver("a", 800L, List.of()), receiver("b", 10_000L, List.of()));

        AssertionResult r = AssertionEvaluator.evaluate(Assertion.parse("connected within 10s"), peers);

        assertThat(r.passed()).isTrue();
        assertThat(r.expected()).isEqualTo("<= 10000 ms");
        assertThat(r.measured()).containsExactly(entry("a", 800.0), entry("b", 10_000.0));
    }

    @Test
    void connectedWithinFailsNamingTheLatePeerAndTheOneThatNeverConnected() {
        List<PeerMeasurements> peers = List.of(
                receiver("a", 800L, List.of()),
                receiver("late", 12_500L, List.of()),
                receiver("never", null, List.of()));

        AssertionResult r = AssertionEvaluator.evaluate(Assertion.parse("connected within 10s"), peers);

        assertThat(r.passed()).isFalse();
        assertThat(r.measured()).containsEntry("late", 12_500.0).containsEntry("never", null);
        assertThat(r.message()).isEqualTo("late connected after 12500 ms; never never connected (expected within 10000 ms)");
    }

    @Test
    void evaluatesEveryAssertionInOrder() {
        List<PeerMeasurements> peers = List.of(receiver("a", 800L, fps(30)));

        List<AssertionResult> results = AssertionEvaluator.evaluate(
                List.of(Assertion.parse("connected within 1s"), Assertion.parse("video.fps.last < 10")), peers);

        assertThat(results).extracting(AssertionResult::assertion, AssertionResult::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("connected within 1s", true),
                        org.assertj.core.groups.Tuple.tuple("video.fps.last < 10", false));
    }

    private static PeerMeasurements receiver(String name, Long connectedAfterMs, List<MetricPoint> points) {
        return new PeerMeasurements(name, PeerKind.CHROME, true, true, connectedAfterMs, points);
    }

    /** One fps point a second, from 0 ms. */
    private static List<MetricPoint> fps(double... values) {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new MetricPoint(i * 1000L, Map.of(Metric.VIDEO_FPS, values[i])));
        }
        return points;
    }

    @Test
    void joinP95IsJudgedOverEveryPeersJoinTime() {
        List<Long> joins = new java.util.ArrayList<>();
        for (long ms = 100; ms <= 2000; ms += 100) {
            joins.add(ms); // 20 values: p95 is 1900 ms
        }
        AssertionResult pass = AssertionEvaluator.evaluate(List.of(Assertion.parse("join.p95 < 2s")), List.of(),
                java.util.Map.of("join", joins)).get(0);
        AssertionResult fail = AssertionEvaluator.evaluate(List.of(Assertion.parse("join.p95 < 1500")), List.of(),
                java.util.Map.of("join", joins)).get(0);
        org.assertj.core.api.Assertions.assertThat(pass.passed()).isTrue();
        org.assertj.core.api.Assertions.assertThat(pass.message()).isEqualTo("join.p95 1900 ms (20 measured), < 2000 ms held");
        org.assertj.core.api.Assertions.assertThat(fail.passed()).isFalse();
        org.assertj.core.api.Assertions.assertThat(fail.message()).isEqualTo("join.p95 1900 ms (20 measured), expected < 1500 ms");
    }

    @Test
    void aLoadTimingNobodyReachedFailsAsNotMeasured() {
        AssertionResult r = AssertionEvaluator.evaluate(List.of(Assertion.parse("firstframe.max <= 3000")), List.of(),
                java.util.Map.of()).get(0);
        org.assertj.core.api.Assertions.assertThat(r.passed()).isFalse();
        org.assertj.core.api.Assertions.assertThat(r.message()).startsWith("firstframe.max not measured");
        org.assertj.core.api.Assertions.assertThat(r.measured()).containsEntry("firstframe.max", null);
    }
}
