package org.rtcbench.core.network;

import java.time.Duration;

/**
 * What one direction of a peer's access link does to its packets, like a netem qdisc on its own
 * interface: a one-way {@code delay} with {@code jitter} (uniform, ± jitter, never reordering by
 * itself), random {@code loss} in bursts of {@code burst} packets on average (1: independent
 * losses; a two-state Gilbert model otherwise), a {@code bandwidth} cap in bits/s with a queue of
 * at most {@code queue} of transmission time (drop-tail beyond it; 0 bandwidth: no cap), and the
 * fractions of packets {@code reorder}ed (sent at once, overtaking the delayed ones) and
 * {@code duplicate}d.
 */
public record LinkSpec(Duration delay, Duration jitter, double loss, double burst, long bandwidth, Duration queue,
                       double reorder, double duplicate) {
    /** A perfect link. */
    public static final LinkSpec NONE = new LinkSpec(Duration.ZERO, Duration.ZERO, 0, 1, 0, Duration.ofMillis(200), 0, 0);

    public LinkSpec {
        delay = delay == null ? Duration.ZERO : delay;
        jitter = jitter == null ? Duration.ZERO : jitter;
        queue = queue == null ? Duration.ofMillis(200) : queue;
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay.toMillis() + "ms");
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must not be negative, got " + jitter.toMillis() + "ms");
        }
        if (jitter.compareTo(delay) > 0) {
            throw new IllegalArgumentException("jitter (" + jitter.toMillis() + "ms) must not exceed delay (" + delay.toMillis()
                    + "ms): a packet cannot leave before it arrived");
        }
        fraction("loss", loss);
        fraction("reorder", reorder);
        fraction("duplicate", duplicate);
        if (burst < 1) {
            throw new IllegalArgumentException("burst is the mean number of packets lost in a row: at least 1, got " + burst);
        }
        if (loss >= 1 && burst > 1) {
            throw new IllegalArgumentException("loss 100% has no bursts: remove burst, or lower loss");
        }
        if (bandwidth < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative, got " + bandwidth + " bit/s");
        }
        if (queue.isNegative() || queue.isZero()) {
            throw new IllegalArgumentException("queue must be positive, got " + queue.toMillis() + "ms");
        }
    }

    private static void fraction(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0% and 100%, got " + format(v * 100) + "%");
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Whether this link leaves packets as they are. */
    public boolean perfect() {
        return delay.isZero() && jitter.isZero() && loss == 0 && bandwidth == 0 && reorder == 0 && duplicate == 0;
    }
}
