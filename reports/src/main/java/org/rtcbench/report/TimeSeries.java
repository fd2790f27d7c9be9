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
     * Reads {@code samples/<peer>.jsonl} of every peer, every sample, each point at its sample's
     * {@code timestamp} (epoch ms); a peer without samples gets an empty series.
     */
    public static Map<String, List<MetricPoint>> read(Path runDir, RunSummary run) throws IOException {
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        for (PeerSummary p : run.peers()) {
            List<MetricPoint> points = new ArrayList<>();
            Path file = runDir.resolve("samples").resolve(p.name() + ".jsonl");
            if (Files.exists(file)) {
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    JsonNode previous = null;
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode sample;
                        try {
                            sample = JSON.readTree(line);
                        } catch (IOException e) {
                            continue; // a line cut short by a crash: the rest still counts
                        }
                        points.add(new MetricPoint(sample.path("timestamp").asLong(), SampleMetrics.between(previous, sample)));
                        previous = sample;
                    }
                }
            }
            out.put(p.name(), points);
        }
        return out;
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
