package org.rtcbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;

/** One peer of a run as the runner tracks it: its spec, the live peer, timings, failure, and metrics so far. */
final class PeerSlot {
    final String name;
    final PeerKind kind;
    final Role role;
    final MediaSpec media;
    volatile Peer peer;
    volatile Long launchMs;
    volatile Long connectMs;
    volatile String failure;
    volatile JsonNode lastSample;
    volatile Map<Metric, Double> lastMetrics = Map.of();
    final List<MetricPoint> points = new ArrayList<>();
    /** Per connection id, when the run follows a link plan (guarded by {@code points}). */
    final Map<String, List<MetricPoint>> connectionPoints = new java.util.HashMap<>();
    int samples;

    PeerSlot(String name, PeerKind kind, Role role, MediaSpec media) {
        this.name = name;
        this.kind = kind;
        this.role = role;
        this.media = media;
    }

    boolean alive() {
        return peer != null && failure == null;
    }

    synchronized void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }
}
