package org.rtcbench.core.metric;

import java.util.Map;

/**
 * The metrics of one peer at one sample, {@code atMs} after the run's sampling began: the one meaning
 * of a sample's time, in the runner, the judges, the reports and the samples files ({@code "atMs"}).
 */
public record MetricPoint(long atMs, Map<Metric, Double> values) {
}
