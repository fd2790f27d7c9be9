package org.rtcbench.peer.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that paces every replay peer's media and RTCP in this JVM. It wakes every
 * {@link #TICK_MICROS} µs and runs whatever is due, as libwebrtc's pacer processes its queue every 5 ms:
 * a scheduled executor with a task per stream woke (and re-sorted its queue) for each of 20,000 sends a
 * second at 320 peers, and that, not the sending, was most of the pacer's CPU.
 */
final class Pacer {
    static final long TICK_MICROS = 5_000;
    /** A task further behind than this starts again from now instead of catching up in a burst. */
    private static final long MAX_LAG_MICROS = 1_000_000;
    private static final ConcurrentLinkedQueue<Task> ADDED = new ConcurrentLinkedQueue<>();
    private static final Thread THREAD = new Thread(Pacer::loop, "replay-pacer");

    static {
        THREAD.setDaemon(true);
        THREAD.start();
    }

    private Pacer() {
    }

    /**
     * Something run every {@code periodMicros}, the first time after {@code delayMicros}; until
     * {@link #cancel}, or until it throws: then it runs no more and its {@code failed} is told why.
     */
    static final class Task {
        private final Runnable action;
        private final java.util.function.Consumer<RuntimeException> failed;
        private final long periodNanos;
        private long due;
        private volatile boolean cancelled;

        private Task(Runnable action, java.util.function.Consumer<RuntimeException> failed, long delayMicros, long periodMicros) {
            this.action = action;
            this.failed = failed;
            this.periodNanos = TimeUnit.MICROSECONDS.toNanos(periodMicros);
            this.due = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(delayMicros);
        }

        void cancel() {
            cancelled = true;
        }
    }

    /**
     * Runs {@code action} every {@code periodMicros}; if it throws, it runs no more and {@code failed}
     * gets the exception (on the pacer's thread: it must not block).
     */
    static Task every(long periodMicros, long delayMicros, Runnable action, java.util.function.Consumer<RuntimeException> failed) {
        if (periodMicros < TICK_MICROS) {
            throw new IllegalArgumentException("a period under the pacer's tick of " + TICK_MICROS + " µs: " + periodMicros);
        }
        Task t = new Task(action, failed, delayMicros, periodMicros);
        ADDED.add(t);
        return t;
    }

    private static void loop() {
        List<Task> tasks = new ArrayList<>();
        long tickNanos = TimeUnit.MICROSECONDS.toNanos(TICK_MICROS);
        long next = System.nanoTime();
        while (true) {
            Task added;
            while ((added = ADDED.poll()) != null) {
                tasks.add(added);
            }
            long now = System.nanoTime();
            tasks.removeIf(t -> t.cancelled);
            for (Task t : tasks) {
                if (now - t.due > TimeUnit.MICROSECONDS.toNanos(MAX_LAG_MICROS)) {
                    t.due = now;
                }
                while (!t.cancelled && now - t.due >= 0) {
                    t.due += t.periodNanos;
                    try {
                        t.action.run();
                    } catch (RuntimeException e) {
                        t.cancelled = true; // as a scheduled executor does: a task that threw runs no more
                        try {
                            t.failed.accept(e);
                        } catch (RuntimeException ignored) {
                            // the pacer runs every other task whatever one task's failure handler does
                        }
                    }
                }
            }
            next += tickNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // a tick took longer than a tick: no burst of ticks to catch up
            }
        }
    }
}
