package org.rtcbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.target.PairCalls;

/**
 * The exact peer connections a run makes instead of the full mesh, and how they are judged: the
 * interop matrix plans one link per cell and turns each link's measurements into a cell. With
 * {@code parallel} > 0, at most that many links are up at once: the run makes them in waves, each
 * for the scenario's duration, closing a wave's connections before the next; with {@link #AUTO}, the
 * run sizes each wave from what the last one did on this host ({@link AutoWaves}).
 */
public record LinkPlan(List<PlannedLink> links, Judge judge, int parallel) {
    /** {@code parallel} for waves sized by the run from this host's measured load. */
    public static final int AUTO = -1;

    /** All links at once. */
    public LinkPlan(List<PlannedLink> links, Judge judge) {
        this(links, judge, 0);
    }

    /** This plan with at most {@code n} links up at once (0: all; {@link #AUTO}: sized by the run). */
    public LinkPlan withParallel(int n) {
        return new LinkPlan(links, judge, n);
    }

    /** The links in the order they are made: one wave of all, or waves of {@code parallel} (not for {@link #AUTO}). */
    public List<List<PlannedLink>> waves() {
        if (parallel == AUTO) {
            throw new IllegalStateException("auto waves are sized as the run goes");
        }
        if (parallel <= 0 || parallel >= links.size()) {
            return List.of(links);
        }
        List<List<PlannedLink>> waves = new java.util.ArrayList<>();
        for (int i = 0; i < links.size(); i += parallel) {
            waves.add(links.subList(i, Math.min(links.size(), i + parallel)));
        }
        return waves;
    }

    /** One peer connection to make, by peer names. */
    public record PlannedLink(String offerer, String answerer, String id, String videoCodec) {
    }

    /** What a run measured, per connection. */
    public interface Measurements {
        /** One peer's metrics of one connection, over time (empty when never sampled), at ms since sampling began. */
        List<MetricPoint> points(String peer, String connectionId);

        /** When a connection came up, in ms since sampling began (0 for the first wave's). */
        long upAtMs(String connectionId);

        /** One peer's last raw sample, or null. */
        JsonNode lastSample(String peer);
    }

    /** Turns each link's outcome and measurements into interop cells. */
    public interface Judge {
        List<InteropCell> judge(Map<String, PairCalls.LinkOutcome> links, Measurements measured);
    }
}
