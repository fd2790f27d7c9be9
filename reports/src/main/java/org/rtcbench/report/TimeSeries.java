package org.rtcbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.metric.SampleMetrics;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;

/** Every peer's metrics over time, read back from a run directory's samples, for the charts and metrics.csv. */
public final class TimeSeries {
    /** Charts get at most this many points per series; the raw samples stay in their files. */
    public static final int MAX_POINTS = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TimeSeries() {
    }

    /**
     * Every peer's points, each {@code atMs} after sampling began (as {@link MetricPoint} means
     * everywhere), and the epoch ms at which sampling began.
     */
    public record Series(long originEpochMs, Map<String, List<MetricPoint>> byPeer) {
    }

    /**
     * Reads {@code samples/<peer>.jsonl} of every peer, every sample; a peer without samples gets an
     * empty series. A sample's {@code atMs} is its time; a run written before samples carried it
     * counts from the earliest sample's {@code timestamp} (epoch ms) instead.
     */
    public static Series read(Path runDir, RunSummary run) throws IOException {
        Map<String, List<JsonNode>> samples = new LinkedHashMap<>();
        long origin = Long.MAX_VALUE;
        boolean stamped = true;
        for (PeerSummary p : run.peers()) {
            List<JsonNode> lines = new ArrayList<>();
            Path file = runDir.resolve("samples").resolve(p.name() + ".jsonl");
            if (Files.exists(file)) {
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        try {
                            lines.add(JSON.readTree(line));
                        } catch (IOException e) {
                            continue; // a line cut short by a crash: the rest still counts
                        }
                    }
                }
            }
            for (JsonNode sample : lines) {
                stamped &= sample.has("atMs");
                long t = sample.path("timestamp").asLong();
                origin = Math.min(origin, sample.has("atMs") ? t - sample.path("atMs").asLong() : t);
            }
            samples.put(p.name(), lines);
        }
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<JsonNode>> e : samples.entrySet()) {
            List<MetricPoint> points = new ArrayList<>();
            JsonNode previous = null;
            for (JsonNode sample : e.getValue()) {
                long atMs = stamped ? sample.path("atMs").asLong() : sample.path("timestamp").asLong() - origin;
                points.add(new MetricPoint(atMs, SampleMetrics.between(previous, sample)));
                previous = sample;
            }
            out.put(e.getKey(), points);
        }
        return new Series(origin == Long.MAX_VALUE ? 0 : origin, out);
    }

    /** Every k-th point, so that at most {@link #MAX_POINTS} remain (the last one always kept). */
    public static List<MetricPoint> downsample(List<MetricPoint> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        int step = (int) Math.ceil(points.size() / (double) MAX_POINTS);
        List<MetricPoint> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i += step) {
            out.add(points.get(i));
        }
        if (!out.get(out.size() - 1).equals(points.get(points.size() - 1))) {
            out.add(points.get(points.size() - 1));
        }
        return out;
    }
}
