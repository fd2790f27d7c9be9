package org.rtcbench.core.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.metric.Aggregate;
import org.rtcbench.core.metric.Metric;

class AssertionTest {

    @Test
    void thresholdWithPeersAndWarmUpReadsEveryPart() {
        Assertion a = Assertion.parse("video.fps.p50 >= 25 for receivers after 5s");

        assertThat(a).isEqualTo(new Assertion.MetricThreshold("video.fps.p50 >= 25 for receivers after 5s",
                Metric.VIDEO_FPS, Aggregate.P50, Comparison.GE, 25, new PeerSelection(PeerSelection.Type.RECEIVERS, null),
                Duration.ofSeconds(5)));
        assertThat(((Assertion.MetricThreshold) a).expectation()).isEqualTo(">= 25");
    }

    @Test
    void thresholdWithoutPeersOrWarmUpAppliesToAllFromTheStart() {
        Assertion.MetricThreshold a = (Assertion.MetricThreshold) Assertion.parse("rtt.p95 < 200");

        assertThat(a.metric()).isEqualTo(Metric.RTT);
        assertThat(a.aggregate()).isEqualTo(Aggregate.P95);
        assertThat(a.comparison()).isEqualTo(Comparison.LT);
        assertThat(a.expected()).isEqualTo(200);
        assertThat(a.selection()).isEqualTo(PeerSelection.ALL);
        assertThat(a.after()).isEqualTo(Duration.ZERO);
    }

    @Test
    void metricNamesWithManyDotsSplitAtTheAggregate() {
        Assertion.MetricThreshold a = (Assertion.MetricThreshold) Assertion.parse("video.fps.sent.min > 10 for chrome-1");

        assertThat(a.metric()).isEqualTo(Metric.VIDEO_FPS_SENT);
        assertThat(a.aggregate()).isEqualTo(Aggregate.MIN);
        assertThat(a.selection()).isEqualTo(new PeerSelection(PeerSelection.Type.PEER, "chrome-1"));
    }

    @Test
    void connectedWithinReadsTheLimit() {
        Assertion a = Assertion.parse("connected within 10s");

        assertThat(a).isEqualTo(new Assertion.ConnectedWithin("connected within 10s", Duration.ofSeconds(10), PeerSelection.ALL));
    }

    @Test
    void extraSpacesAreNormalisedInTheText() {
        assertThat(Assertion.parse("  rtt.p95   <  200 ").text()).isEqualTo("rtt.p95 < 200");
    }

    @Test
    void unknownMetricIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> Assertion.parse("video.fsp.p50 >= 25"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown metric 'video.fsp' (known: video.fps, ")
                .hasMessageContaining("rtt");
    }

    @Test
    void unknownAggregateIsRejectedListingTheAllowedOnes() {
        assertThatThrownBy(() -> Assertion.parse("rtt.p99 < 200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown aggregate 'p99' (allowed: p50, p95, min, max, last, mean)");
    }

    @Test
    void sentenceThatIsNoAssertionIsRejectedWithTheGrammar() {
        assertThatThrownBy(() -> Assertion.parse("fps should be good"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read assertion 'fps should be good'; write '<metric>.");
    }
}
