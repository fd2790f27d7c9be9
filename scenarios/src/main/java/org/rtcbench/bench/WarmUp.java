package org.rtcbench.bench;

import java.time.Duration;

/** Runs a measurement once a call has warmed up, on its own thread, so the sampler's schedule is not skewed. */
final class WarmUp {
    /** How long a call runs before benchmarks start measuring it. */
    static final Duration DURATION = Duration.ofSeconds(5);
    /** The shortest call a benchmark measures: the warm-up and 5 s of measurement. */
    static final Duration SHORTEST_CALL = DURATION.plusSeconds(5);

    private WarmUp() {
    }

    /** Refuses, as bad input, a call too short to measure after its warm-up (it would print a negative or empty window). */
    static Duration measurable(Duration call) {
        if (call.compareTo(SHORTEST_CALL) < 0) {
            throw new org.rtcbench.core.BadInputException("--duration " + call.toSeconds() + "s: a benchmark measures a call after a "
                    + DURATION.toSeconds() + " s warm-up; give at least " + SHORTEST_CALL.toSeconds() + "s");
        }
        return call;
    }

    static void thenRun(Runnable measurement) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(DURATION.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            measurement.run();
        }, "bench-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
