package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A benchmark call too short to measure after its warm-up is bad input, before any peer starts (it printed -0.000 cores). */
class BenchDurationTest {
    @Test
    void aMeshOrPeerBenchShorterThanItsWarmUpAndFiveSecondsIsRefusedWithOneLine() {
        for (String command : new String[] {"mesh", "peers"}) {
            InProcess r = InProcess.rtcbench("bench", command, "--duration", "9s");
            assertThat(r.exit()).as(r.printed()).isEqualTo(2);
            assertThat(r.printed()).as("bench %s", command)
                    .contains("--duration 9s: a benchmark measures a call after a 5 s warm-up; give at least 10s")
                    .doesNotContain("bench " + command + ":");
        }
    }
}
