package org.rtcbench.core.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void percentilesUseTheNearestRank() {
        List<Double> oneToTwenty = new ArrayList<>();
        for (int i = 20; i >= 1; i--) {
            oneToTwenty.add((double) i);
        }

        Summary s = Summary.of(oneToTwenty);

        assertThat(s.count()).isEqualTo(20);
        assertThat(s.p50()).isEqualTo(10.0);
        assertThat(s.p95()).isEqualTo(19.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(20.0);
        assertThat(s.mean()).isEqualTo(10.5);
    }

    @Test
    void percentileOfFewValuesIsOneOfThemNotAnInterpolation() {
        Summary s = Summary.of(List.of(10.0, 40.0, 20.0, 30.0));

        assertThat(s.p50()).isEqualTo(20.0);
        assertThat(s.p95()).isEqualTo(40.0);
    }

    @Test
    void percentileOfTheFirstValuesOfAnArrayIsTheSameNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 99, 99};

        assertThat(Summary.percentile(sorted, 20, 5)).isEqualTo(1.0);
        assertThat(Summary.percentile(sorted, 20, 50)).isEqualTo(Summary.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0,
                11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0)).p50());
        assertThat(Summary.percentile(sorted, 20, 95)).as("the 99s beyond n are not counted").isEqualTo(19.0);
        assertThat(Summary.percentile(sorted, 1, 95)).isEqualTo(1.0);
    }

    @Test
    void lastIsTheLatestValueInTimeNotTheLargest() {
        Summary s = Summary.of(List.of(5.0, 9.0, 7.0));

        assertThat(s.last()).isEqualTo(7.0);
        assertThat(s.get(Aggregate.LAST)).isEqualTo(7.0);
        assertThat(s.get(Aggregate.MAX)).isEqualTo(9.0);
    }

    @Test
    void singleValueIsEveryAggregate() {
        Summary s = Summary.of(List.of(42.0));

        for (Aggregate a : Aggregate.values()) {
            assertThat(s.get(a)).as(a.id()).isEqualTo(42.0);
        }
    }

    @Test
    void noValuesIsMissingNotZero() {
        assertThat(Summary.of(List.of())).isNull();
    }
}
