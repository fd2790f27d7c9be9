package org.rtcbench.bench;

import java.time.Duration;

/** Runs a measurement once a call has warmed up, on its own thread, so the sampler's schedule is not skewed. */
final class WarmUp {
    /** How long a call runs before benchmarks start measuring it. */
    static final Duration DURATION = Duration.ofSeconds(5);

    private WarmUp() {
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
