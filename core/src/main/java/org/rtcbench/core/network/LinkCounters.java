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
    /** Bytes that left in the current whole second of departure time, and the most any second carried. */
    private long second = Long.MIN_VALUE;
    private long secondBytes;
    private long peakSecondBytes;
    private final Map<LinkShaper.Drop, Long> drops = new EnumMap<>(LinkShaper.Drop.class);

    synchronized void arrived(int bytes) {
        arrived++;
        arrivedBytes += bytes;
    }

    synchronized void passed(int bytes, long delayNanos, long departs) {
        passed++;
        passedBytes += bytes;
        delayNanosTotal += delayNanos;
        long s = Math.floorDiv(departs, 1_000_000_000L);
        if (s != second) {
            second = s;
            secondBytes = 0;
        }
        secondBytes += bytes;
        peakSecondBytes = Math.max(peakSecondBytes, secondBytes);
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

    /** A consistent copy: packets and bytes that arrived and passed, drops by cause, mean added delay, the busiest second. */
    public synchronized Snapshot snapshot() {
        Map<LinkShaper.Drop, Long> byCause = new EnumMap<>(LinkShaper.Drop.class);
        byCause.putAll(drops);
        return new Snapshot(arrived, arrivedBytes, passed, passedBytes, drops.values().stream().mapToLong(Long::longValue).sum(),
                byCause, duplicated, reordered,
                passed == 0 ? 0 : delayNanosTotal / 1e6 / passed, peakSecondBytes * 8);
    }

    /** The counters at one moment. */
    public record Snapshot(long arrived, long arrivedBytes, long passed, long passedBytes, long dropped,
                           Map<LinkShaper.Drop, Long> dropsByCause, long duplicated, long reordered, double meanDelayMs,
                           long peakBitsPerSecond) {
        /** Dropped packets as a fraction of those that arrived. */
        public double dropRate() {
            return arrived == 0 ? 0 : (double) dropped / arrived;
        }
    }
}
