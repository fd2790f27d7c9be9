package org.rtcbench.core.network;

import java.util.EnumMap;
import java.util.Map;

/** What one link direction did, as measured at the impairment point: packets, bytes, drops by cause, added delay. */
public final class LinkCounters {
    private long arrived;
    private long arrivedBytes;
    private long passed;
    private long passedBytes;
    private long duplicated;
    private long reordered;
    private long delayNanosTotal;
    private final Map<LinkShaper.Drop, Long> drops = new EnumMap<>(LinkShaper.Drop.class);

    synchronized void arrived(int bytes) {
        arrived++;
        arrivedBytes += bytes;
    }

    synchronized void passed(int bytes, long delayNanos) {
        passed++;
        passedBytes += bytes;
        delayNanosTotal += delayNanos;
    }

    synchronized void dropped(LinkShaper.Drop why) {
        drops.merge(why, 1L, Long::sum);
    }

    synchronized void duplicated() {
        duplicated++;
    }

    synchronized void reordered() {
        reordered++;
    }

    /** A consistent copy: {@code arrived, passed, dropped (all causes), dropped by cause, bytes, mean added delay}. */
    public synchronized Snapshot snapshot() {
        Map<LinkShaper.Drop, Long> byCause = new EnumMap<>(LinkShaper.Drop.class);
        byCause.putAll(drops);
        return new Snapshot(arrived, arrivedBytes, passed, passedBytes, drops.values().stream().mapToLong(Long::longValue).sum(),
                byCause, duplicated, reordered,
                passed == 0 ? 0 : delayNanosTotal / 1e6 / passed);
    }

    /** The counters at one moment. */
    public record Snapshot(long arrived, long arrivedBytes, long passed, long passedBytes, long dropped,
                           Map<LinkShaper.Drop, Long> dropsByCause, long duplicated, long reordered, double meanDelayMs) {
        /** Dropped packets as a fraction of those that arrived. */
        public double dropRate() {
            return arrived == 0 ? 0 : (double) dropped / arrived;
        }
    }
}
