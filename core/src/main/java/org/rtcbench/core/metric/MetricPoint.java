package org.rtcbench.core.metric;

import java.util.Map;

/** The metrics of one peer at one sample, {@code atMs} after sampling started. */
public record MetricPoint(long atMs, Map<Metric, Double> values) {
}
