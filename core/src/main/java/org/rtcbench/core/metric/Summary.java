package org.rtcbench.core.metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A metric's values over a window: count, min, p50, p95, max, last and mean. */
public record Summary(int count, double min, double p50, double p95, double max, double last, double mean) {

    /** Summarises values in time order; returns null when there are none (missing, not zero). */
    public static Summary of(List<Double> inTimeOrder) {
        if (inTimeOrder.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(inTimeOrder);
        Collections.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Summary(sorted.size(), sorted.get(0), percentile(sorted, 50), percentile(sorted, 95),
                sorted.get(sorted.size() - 1), inTimeOrder.get(inTimeOrder.size() - 1), sum / sorted.size());
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        return sorted.get(rank(p, sorted.size()));
    }

    /**
     * Nearest-rank percentile of the first {@code n} values of {@code sorted} (ascending, n >= 1): the same
     * definition as every summary's p50 and p95, for reports that take percentiles across peers.
     */
    public static double percentile(double[] sorted, int n, int p) {
        return sorted[rank(p, n)];
    }

    private static int rank(int p, int n) {
        return Math.max(0, (int) Math.ceil(p / 100.0 * n) - 1);
    }

    public double get(Aggregate aggregate) {
        return switch (aggregate) {
            case P50 -> p50;
            case P95 -> p95;
            case MIN -> min;
            case MAX -> max;
            case LAST -> last;
            case MEAN -> mean;
        };
    }
}
