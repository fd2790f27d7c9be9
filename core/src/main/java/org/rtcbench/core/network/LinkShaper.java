package org.rtcbench.core.network;

import java.util.SplittableRandom;

/**
 * The decisions of one impaired link direction, packet by packet: drop it (and why), or when it
 * leaves (once, or twice when duplicated). Pure and deterministic: the same seed and the same
 * packets at the same times give the same verdicts, so a regression compare is not noise. Time is
 * given by the caller (nanoseconds of any monotonic clock). Its methods are synchronized: the pipe
 * that carries the packets and a timeline that changes the link are different threads.
 */
public final class LinkShaper {
    /** Why a packet was dropped. */
    public enum Drop { LOSS, QUEUE, BLACKOUT }

    /** What happened to one packet: dropped for {@code drop}, or sent at {@code departs} (and {@code duplicateDeparts}, or -1). */
    public record Verdict(Drop drop, long departs, long duplicateDeparts) {
        public boolean dropped() {
            return drop != null;
        }
    }

    private final SplittableRandom random;
    private final LinkCounters counters = new LinkCounters();
    private LinkSpec spec;
    /** Gilbert model state: in the bad state every packet is lost. */
    private boolean bad;
    /** When the bandwidth cap's transmitter is free again. */
    private long txFreeAt = Long.MIN_VALUE;
    /** When the last delayed (not reordered) packet leaves: jitter never reorders by itself. */
    private long lastDeparture = Long.MIN_VALUE;
    private long blackoutFrom = Long.MAX_VALUE;
    private long blackoutUntil = Long.MIN_VALUE;

    public LinkShaper(LinkSpec spec, long seed) {
        this.spec = spec;
        this.random = new SplittableRandom(seed);
    }

    /** Changes the link from now on (a timeline step); queued packets keep their departure times. */
    public synchronized void update(LinkSpec next) {
        this.spec = next;
        if (next.loss() == 0) {
            bad = false;
        }
    }

    /** Drops every packet that arrives from {@code from} for {@code nanos}. */
    public synchronized void blackout(long from, long nanos) {
        blackoutFrom = from;
        blackoutUntil = from + nanos;
    }

    public synchronized LinkSpec spec() {
        return spec;
    }

    public LinkCounters counters() {
        return counters;
    }

    /** Decides the fate of a packet of {@code bytes} arriving at {@code now}. */
    public synchronized Verdict offer(long now, int bytes) {
        counters.arrived(bytes);
        if (now >= blackoutFrom && now < blackoutUntil) {
            counters.dropped(Drop.BLACKOUT);
            return new Verdict(Drop.BLACKOUT, -1, -1);
        }
        if (lost()) {
            counters.dropped(Drop.LOSS);
            return new Verdict(Drop.LOSS, -1, -1);
        }
        long leavesTx = now;
        if (spec.bandwidth() > 0) {
            long start = Math.max(now, txFreeAt);
            if (start - now > spec.queue().toNanos()) {
                counters.dropped(Drop.QUEUE);
                return new Verdict(Drop.QUEUE, -1, -1);
            }
            txFreeAt = start + bytes * 8L * 1_000_000_000L / spec.bandwidth();
            leavesTx = txFreeAt;
        }
        long departs;
        if (spec.reorder() > 0 && random.nextDouble() < spec.reorder()) {
            departs = leavesTx; // skips the delay line: overtakes what is queued there
            counters.reordered();
        } else {
            long jitter = spec.jitter().toNanos();
            long wobble = jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1);
            departs = Math.max(leavesTx + spec.delay().toNanos() + wobble, lastDeparture);
            lastDeparture = departs;
        }
        long duplicate = -1;
        if (spec.duplicate() > 0 && random.nextDouble() < spec.duplicate()) {
            duplicate = departs;
            counters.duplicated();
        }
        counters.passed(bytes, departs - now, departs);
        return new Verdict(null, departs, duplicate);
    }

    /**
     * One step of the two-state loss model: a good state that loses nothing and a bad state that
     * loses everything, with P(good to bad) = p / (b (1 - p)) and P(bad to good) = 1 / b, so that
     * the loss rate is p and a burst lasts b packets on average (b = 1: independent losses).
     */
    private boolean lost() {
        double p = spec.loss();
        if (p <= 0) {
            return false;
        }
        if (p >= 1) {
            return true;
        }
        double b = spec.burst();
        if (bad) {
            bad = random.nextDouble() >= 1 / b;
        } else {
            bad = random.nextDouble() < p / (b * (1 - p));
        }
        return bad;
    }
}
