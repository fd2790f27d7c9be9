package org.rtcbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.metric.SampleMetrics;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;

/** One peer of a run as the runner tracks it: its spec, the live peer, timings, failure, and metrics so far. */
final class PeerSlot {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = org.rtcbench.core.scenario.ScenarioLoader.jsonMapper();
    final String name;
    final PeerKind kind;
    /** The provider that starts it (null: the kind's default). */
    final String provider;
    /** Its container image and Selenium Grid, where its peer group names them (else null). */
    final String image;
    final String url;
    final Role role;
    final MediaSpec media;
    volatile Peer peer;
    volatile Long launchMs;
    volatile Long connectMs;
    volatile String failure;
    /** A load run's peer that left the room: no longer sampled. */
    volatile boolean left;
    volatile JsonNode lastSample;
    volatile Map<Metric, Double> lastMetrics = Map.of();
    final List<MetricPoint> points = new ArrayList<>();
    /** Per connection id, when the run follows a link plan (guarded by {@code points}). */
    final Map<String, List<MetricPoint>> connectionPoints = new java.util.HashMap<>();
    /** Marker metrics of each connection with incoming marked video, in the order they first came. Guarded by {@code points}. */
    private final Map<String, List<MetricPoint>> receivedPoints = new java.util.LinkedHashMap<>();
    /** The sender id in each connection's markers, by connection. Guarded by {@code points}. */
    private final Map<String, Integer> receivedFrom = new java.util.HashMap<>();
    /** The last reports of each connection, by connection id (per-connection runs only). */
    private final com.fasterxml.jackson.databind.node.ObjectNode lastReports = JSON.createObjectNode();
    int samples;

    PeerSlot(String name, PeerKind kind, String provider, Role role, MediaSpec media) {
        this(name, kind, provider, null, null, role, media);
    }

    PeerSlot(String name, PeerKind kind, String provider, String image, String url, Role role, MediaSpec media) {
        this.name = name;
        this.kind = kind;
        this.provider = provider;
        this.image = image;
        this.url = url;
        this.role = role;
        this.media = media;
    }

    /**
     * Takes one sample: the peer's stats appended to its samples file as taken, then its metrics since
     * the last sample (per connection too when {@code perConnection}).
     */
    void sample(org.rtcbench.core.run.RunDirectory dir, long atMs, boolean perConnection) throws java.io.IOException {
        String stats = peer.stats();
        long now = System.currentTimeMillis();
        // atMs: the sampling tick, ms since sampling began (what MetricPoint.atMs means everywhere); timestamp: epoch ms
        String line = "{\"timestamp\":" + now + ",\"atMs\":" + atMs + ",\"peer\":\"" + name + "\"," + stats.substring(1);
        dir.appendSample(name, line);
        JsonNode node = JSON.readTree(line);
        Map<Metric, Double> values = SampleMetrics.between(lastSample, node);
        Map<String, Map<Metric, Double>> byConnection = new java.util.LinkedHashMap<>();
        if (perConnection) {
            for (java.util.Iterator<String> ids = node.path("stats").fieldNames(); ids.hasNext(); ) {
                String id = ids.next();
                byConnection.put(id, SampleMetrics.between(
                        lastSample == null ? null : SampleMetrics.forConnection(lastSample, id),
                        SampleMetrics.forConnection(node, id)));
            }
        }
        Map<String, Map<Metric, Double>> received = new java.util.LinkedHashMap<>();
        if (lastSample != null) {
            for (java.util.Iterator<String> ids = node.path("received").fieldNames(); ids.hasNext(); ) {
                String id = ids.next();
                received.put(id, markerMetrics(SampleMetrics.between(SampleMetrics.forConnection(lastSample, id),
                        SampleMetrics.forConnection(node, id))));
            }
        }
        synchronized (points) {
            points.add(new MetricPoint(atMs, values));
            received.forEach((id, v) -> receivedPoints.computeIfAbsent(id, k -> new ArrayList<>()).add(new MetricPoint(atMs, v)));
            node.path("received").fields().forEachRemaining(c -> c.getValue().forEach(t -> {
                if (t.hasNonNull("sender")) {
                    receivedFrom.put(c.getKey(), t.path("sender").asInt());
                }
            }));
            byConnection.forEach((id, v) -> connectionPoints.computeIfAbsent(id, k -> new ArrayList<>()).add(new MetricPoint(atMs, v)));
            samples++;
        }
        lastSample = node;
        lastMetrics = values;
        if (perConnection) {
            synchronized (lastReports) {
                node.path("stats").fields().forEachRemaining(e -> lastReports.set(e.getKey(), e.getValue()));
            }
        }
    }

    /**
     * A sample holding, for every connection this peer ever had, its last reports: a closed
     * connection (an interop wave that ended) keeps what it last said, e.g. its negotiated codecs.
     */
    JsonNode lastReportsOfEveryConnection() {
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        synchronized (lastReports) {
            out.set("stats", lastReports.deepCopy());
        }
        if (lastSample != null && lastSample.has("datachannel")) {
            out.set("datachannel", lastSample.get("datachannel"));
        }
        return out;
    }

    /** What assertions judge of this peer: its role, connect time and metric points so far. */
    org.rtcbench.core.assertion.PeerMeasurements measurements() {
        synchronized (points) {
            return new org.rtcbench.core.assertion.PeerMeasurements(name, kind, role.sends(), role.receives(), connectMs,
                    List.copyOf(points));
        }
    }

    private static final java.util.Set<Metric> MARKER_METRICS = java.util.EnumSet.of(Metric.VIDEO_FPS_RENDERED, Metric.VIDEO_DELAY,
            Metric.VIDEO_FRAMES_SKIPPED, Metric.VIDEO_FRAMES_UNREADABLE, Metric.VIDEO_FROZEN, Metric.VIDEO_PSNR, Metric.VIDEO_SSIM,
            Metric.AUDIO_DELAY, Metric.AV_SYNC);

    private static Map<Metric, Double> markerMetrics(Map<Metric, Double> all) {
        Map<Metric, Double> out = new java.util.EnumMap<>(Metric.class);
        all.forEach((m, v) -> {
            if (MARKER_METRICS.contains(m)) {
                out.put(m, v);
            }
        });
        return out;
    }

    private static Map<String, org.rtcbench.core.metric.Summary> summarise(List<MetricPoint> points) {
        Map<Metric, List<Double>> series = new java.util.EnumMap<>(Metric.class);
        for (MetricPoint p : points) {
            p.values().forEach((m, v) -> series.computeIfAbsent(m, k -> new ArrayList<>()).add(v));
        }
        Map<String, org.rtcbench.core.metric.Summary> metrics = new java.util.LinkedHashMap<>();
        series.forEach((m, values) -> metrics.put(m.id(), org.rtcbench.core.metric.Summary.of(values)));
        return metrics;
    }

    /**
     * This peer in run.json: versions, timings, outcome, the summary of each metric it reported, and
     * of each connection's marked video, its sender named by {@code senderOf} (connection id to sender, null when the
     * run does not know it) or else by {@code senderNames} (marker id to peer name).
     */
    org.rtcbench.core.run.PeerSummary summary(String outcome, String failure, Map<Integer, String> senderNames,
                                              java.util.function.Function<String, String> senderOf) {
        Map<String, org.rtcbench.core.metric.Summary> metrics;
        List<org.rtcbench.core.run.ReceivedFeed> feeds = new ArrayList<>();
        synchronized (points) {
            metrics = summarise(points);
            receivedPoints.forEach((id, list) -> {
                Integer sender = receivedFrom.get(id);
                String from = senderOf.apply(id);
                if (from == null) {
                    from = sender == null ? null : senderNames.getOrDefault(sender, "marker " + sender);
                }
                feeds.add(new org.rtcbench.core.run.ReceivedFeed(id, from, summarise(list)));
            });
        }
        Peer p = peer;
        return new org.rtcbench.core.run.PeerSummary(name, kind.id(), role.id(),
                p == null ? null : p.info().browser(), p == null ? null : p.info().browserVersion(),
                p == null ? null : p.info().driver(), p == null ? null : p.info().driverVersion(),
                launchMs, connectMs, outcome, failure, samples, metrics, provider,
                p == null ? image : p.info().image(), p == null ? null : p.info().imageId(),
                p == null ? url : p.info().grid(), org.rtcbench.core.metric.SampleMetrics.selectedCandidateTypes(lastSample), feeds);
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
