package org.rtcbench.peer.java;

import java.util.concurrent.atomic.LongAdder;

/**
 * How punctually this JVM's Java peers produce video frames: every frame counted, and those that
 * started more than one frame interval after their schedule. A load generator that falls behind
 * shows here first, before the receivers' fps drops, so a run can say it was generator-limited.
 */
public final class FramePacing {
    private static final LongAdder PRODUCED = new LongAdder();
    private static final LongAdder LATE = new LongAdder();

    private FramePacing() {
    }

    /** Frames produced and frames produced late, by all Java peers of this JVM since it started. */
    public record Counts(long produced, long late) {
        /** The share of frames produced late between {@code earlier} and this, in percent; null when none was produced. */
        public Double latePercentSince(Counts earlier) {
            long produced = this.produced - earlier.produced;
            return produced <= 0 ? null : 100.0 * (late - earlier.late) / produced;
        }
    }

    /** The counts so far. */
    public static Counts now() {
        return new Counts(PRODUCED.sum(), LATE.sum());
    }

    /** Counts one frame that was due at {@code dueNanos} and started at {@code startedNanos}. */
    static void frame(long dueNanos, long startedNanos, long periodNanos) {
        PRODUCED.increment();
        if (startedNanos - dueNanos > periodNanos) {
            LATE.increment();
        }
    }
}
