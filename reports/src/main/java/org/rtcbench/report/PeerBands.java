package org.rtcbench.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.metric.Summary;

/**
 * A metric across many peers as a band: at each second (or each few seconds, so that a line has at most
 * {@link TimeSeries#MAX_POINTS} points), the p5, p50 and p95 of the values the peers reported in it, and
 * how many values that was. Charts of many peers draw this instead of a line per peer, which at hundreds of
 * peers is neither readable nor quick to draw. A second no peer reported the metric in is a gap (null).
 *
 * @param t   each point's time, seconds since the first sample of any peer (the start of its bin)
 * @param n   values in the bin (0: nothing reported, the percentiles are null)
 */
record PeerBands(long[] t, Double[] p5, Double[] p50, Double[] p95, int[] n) {
    /** Charts of more peers than this are drawn as bands; up to this many, one line per peer. */
    static final int LINES_UP_TO = 10;

    /** Whether {@code series} is drawn as bands: more than {@link #LINES_UP_TO} peers have samples. */
    static boolean drawn(Map<String, List<MetricPoint>> series) {
        return series.values().stream().filter(points -> !points.isEmpty()).count() > LINES_UP_TO;
    }

    /** The band of {@code metric} over every peer's points; null when no peer reported it. */
    static PeerBands of(Collection<List<MetricPoint>> peers, Metric metric) {
        return of(peers, List.of(metric)).get(metric);
    }

    /**
     * The band of each of {@code metrics} that some peer reported, over every peer's points, read in one pass;
     * all on the same time axis, from 0 to the last second any peer reported any of them.
     */
    static Map<Metric, PeerBands> of(Collection<List<MetricPoint>> peers, List<Metric> metrics) {
        int[] index = new int[Metric.values().length];
        Arrays.fill(index, -1);
        for (int k = 0; k < metrics.size(); k++) {
            index[metrics.get(k).ordinal()] = k;
        }
        long lastMs = -1;
        for (List<MetricPoint> points : peers) {
            for (MetricPoint p : points) {
                if (p.atMs() > lastMs) {
                    for (Map.Entry<Metric, Double> e : p.values().entrySet()) {
                        if (index[e.getKey().ordinal()] >= 0 && e.getValue() != null) {
                            lastMs = p.atMs();
                            break;
                        }
                    }
                }
            }
        }
        Map<Metric, PeerBands> out = new EnumMap<>(Metric.class);
        if (lastMs < 0) {
            return out;
        }
        long lastSecond = Math.max(0, Math.round(lastMs / 1000.0));
        long width = Math.max(1, (long) Math.ceil(lastSecond / (double) TimeSeries.MAX_POINTS));
        int bins = (int) (lastSecond / width) + 1;
        double[][][] values = new double[metrics.size()][bins][];
        int[][] n = new int[metrics.size()][bins];
        int initial = Math.max(16, peers.size());
        for (List<MetricPoint> points : peers) {
            for (MetricPoint p : points) {
                int bin = (int) Math.min(bins - 1, Math.max(0, Math.round(p.atMs() / 1000.0)) / width);
                for (Map.Entry<Metric, Double> e : p.values().entrySet()) {
                    int k = index[e.getKey().ordinal()];
                    Double v = e.getValue();
                    if (k < 0 || v == null || v.isNaN() || v.isInfinite()) {
                        continue;
                    }
                    double[] into = values[k][bin];
                    if (into == null) {
                        into = values[k][bin] = new double[initial];
                    } else if (n[k][bin] == into.length) {
                        into = values[k][bin] = Arrays.copyOf(into, into.length * 2);
                    }
                    into[n[k][bin]++] = v;
                }
            }
        }
        for (int k = 0; k < metrics.size(); k++) {
            if (Arrays.stream(n[k]).allMatch(c -> c == 0)) {
                continue; // no peer reported it: no band
            }
            long[] t = new long[bins];
            Double[] p5 = new Double[bins];
            Double[] p50 = new Double[bins];
            Double[] p95 = new Double[bins];
            for (int i = 0; i < bins; i++) {
                t[i] = i * width;
                int count = n[k][i];
                if (count > 0) {
                    double[] sorted = values[k][i];
                    Arrays.sort(sorted, 0, count);
                    p5[i] = Summary.percentile(sorted, count, 5);
                    p50[i] = Summary.percentile(sorted, count, 50);
                    p95[i] = Summary.percentile(sorted, count, 95);
                }
                values[k][i] = null;
            }
            out.put(metrics.get(k), new PeerBands(t, p5, p50, p95, n[k]));
        }
        return out;
    }
}
