package org.rtcbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratorSaturationTest {
    private final GeneratorSaturation limits = new GeneratorSaturation(90, 95, 100, 10, 5);

    @Test
    void cpuAtTheLimitForFiveSecondsInARowTrips() {
        GeneratorSaturation.Judge judge = limits.judge();
        for (int s = 1; s <= 4; s++) {
            assertThat(judge.second(s * 1000L, 95.0, null, 5L, 0.0)).isNull();
        }
        assertThat(judge.second(5000, 90.0, null, 5L, 0.0)).contains("CPU stayed at or above 90 %").contains("for 5 s");
    }

    @Test
    void aDipBelowTheLimitRestartsTheCount() {
        GeneratorSaturation.Judge judge = limits.judge();
        double[] cpu = {95, 95, 95, 95, 80, 95, 95, 95, 95};
        for (int s = 0; s < cpu.length; s++) {
            assertThat(judge.second(s * 1000L, cpu[s], null, 0L, 0.0)).isNull();
        }
        assertThat(judge.second(9000, 95.0, null, 0L, 0.0)).isNotNull();
    }

    @Test
    void lateFramesTripEvenWhenCpuLooksFine() {
        GeneratorSaturation.Judge judge = limits.judge();
        String reason = null;
        for (int s = 1; s <= 5; s++) {
            reason = judge.second(s * 1000L, 40.0, null, 0L, 25.0);
        }
        assertThat(reason).contains("video frames late").contains("last 25.0 %");
    }

    @Test
    void schedulingLagTrips() {
        GeneratorSaturation.Judge judge = limits.judge();
        String reason = null;
        for (int s = 1; s <= 5; s++) {
            reason = judge.second(s * 1000L, 10.0, null, 250L, null);
        }
        assertThat(reason).contains("woke up 100 ms or more late");
    }

    @Test
    void unmeasuredSecondsNeverTrip() {
        GeneratorSaturation.Judge judge = limits.judge();
        for (int s = 1; s <= 20; s++) {
            assertThat(judge.second(s * 1000L, null, null, null, null)).isNull();
        }
    }

    @Test
    void onceTrippedTheFirstReasonStays() {
        GeneratorSaturation.Judge judge = limits.judge();
        for (int s = 1; s <= 5; s++) {
            judge.second(s * 1000L, 99.0, null, 0L, 0.0);
        }
        String first = judge.reason();
        assertThat(judge.second(6000, 10.0, null, 0L, 0.0)).isEqualTo(first);
    }

    @Test
    void theRunsProcessesFillingTheCoresTripEvenWhenTheGeneratorsOwnShareIsModerate() {
        GeneratorSaturation.Judge judge = limits.judge();
        String reason = null;
        for (int s = 1; s <= 5; s++) {
            reason = judge.second(s * 1000L, 70.0, 99.0, 0L, 0.0);
        }
        assertThat(reason).startsWith("the CPU of the run's processes (the generator, its local Janus and browsers) stayed at or above 95 %")
                .contains("the generator's share 70 %");
    }
}
