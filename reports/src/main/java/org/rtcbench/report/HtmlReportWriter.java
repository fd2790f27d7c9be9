package org.rtcbench.report;

import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.run.RunSummary;

/**
 * Renders a run as one self-contained page (template report.jte): verdict, environment, peers,
 * time-series charts, interop matrix, assertions, event timeline and links to the raw files beside
 * it. A load run leads with the verdict and the load view, then its peers by role and room with the
 * worst ten by each telling metric ({@link PeerGroups}), then every peer in a collapsed table that
 * sorts and filters. Charts of more than ten peers are p5/p50/p95 bands ({@link PeerBands}). ECharts
 * is inlined, so the page opens from disk with no network; a call run's page without chart data has
 * no script at all. A value that was not measured shows as "—", never as 0.
 */
public final class HtmlReportWriter {
    private HtmlReportWriter() {
    }

    /** The run's page from run.json alone: no charts, no event timeline. */
    public static String write(RunSummary run) {
        return write(run, Map.of(), List.of());
    }

    /** The run's page with a chart per metric (a line per peer, or bands across many) drawn from {@code series}. */
    public static String write(RunSummary run, Map<String, List<MetricPoint>> series) {
        return write(run, series, List.of());
    }

    /**
     * The whole page: {@code series} are each peer's metric points (any length: downsampled here),
     * {@code events} the lines of events.jsonl.
     */
    public static String write(RunSummary run, Map<String, List<MetricPoint>> series, List<RunEvents.Event> events) {
        return Templates.render("report.jte", ReportView.of(run, series, events));
    }
}
