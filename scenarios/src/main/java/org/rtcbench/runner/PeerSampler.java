package org.rtcbench.runner;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every peer's stats at a fixed rate, each peer on its own: a tick asks each peer whose last
 * stats call has come back, and never waits for any. A peer whose call is still running when its
 * next turn comes skips that turn (and the log says so once), so one slow peer (a starved browser,
 * or Java peers queued on libwebrtc's signaling thread) never delays the others' samples. Before,
 * a tick waited for every peer: on a slow host one 6 s getStats() left every peer of a 6 s call
 * with a single sample, and rates need two, so every interop cell "received nothing".
 */
final class PeerSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerSampler.class);

    /** Takes one sample of one peer at an instant, in ms since sampling began. */
    interface Sample {
        void take(PeerSlot slot, long atMs);
    }

    private final ScheduledExecutorService clock;
    private final ExecutorService workers;
    private final Map<PeerSlot, Future<?>> inFlight = new ConcurrentHashMap<>();
    private final Map<PeerSlot, Boolean> toldSlow = new ConcurrentHashMap<>();
    private final long startNanos;

    /**
     * Starts ticking every {@code intervalMs} (first after {@code initialDelayMs}): each tick samples
     * the slots {@code wanted} keeps, on {@code workers}, then hands its time to {@code afterTick}.
     * Times are ms since {@code startNanos} ({@link System#nanoTime()}).
     */
    PeerSampler(String name, long startNanos, long initialDelayMs, long intervalMs, ExecutorService workers,
                Collection<PeerSlot> slots, Predicate<PeerSlot> wanted, Sample sample, Consumer<Long> afterTick) {
        this.startNanos = startNanos;
        this.workers = workers;
        this.clock = Executors.newSingleThreadScheduledExecutor(RunLifecycle.daemon(name));
        clock.scheduleAtFixedRate(() -> {
            long atMs = (System.nanoTime() - startNanos) / 1_000_000;
            for (PeerSlot s : slots) {
                if (wanted.test(s)) {
                    ask(s, atMs, sample);
                }
            }
            afterTick.accept(atMs);
        }, initialDelayMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void ask(PeerSlot s, long atMs, Sample sample) {
        Future<?> last = inFlight.get(s);
        if (last != null && !last.isDone()) {
            if (toldSlow.putIfAbsent(s, true) == null) {
                LOG.info("{}: its stats call took longer than the sampling interval; it skips turns while one runs", s.name);
            }
            return;
        }
        try {
            inFlight.put(s, workers.submit(() -> sample.take(s, atMs)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the run is closing its workers
        }
    }

    /** Stops ticking and waits (up to 10 s) for stats calls under way, so that no peer is closed under one. */
    @Override
    public void close() {
        clock.shutdown();
        try {
            clock.awaitTermination(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (Future<?> f : inFlight.values()) {
                try {
                    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                         | java.util.concurrent.CancellationException e) {
                    LOG.debug("a stats call ended with {}", e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
