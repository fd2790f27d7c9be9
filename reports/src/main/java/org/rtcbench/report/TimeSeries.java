package org.rtcbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.metric.SampleMetrics;
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
     * counts from the earliest sample's {@code timestamp} (epoch ms) instead. Peers are read in parallel
     * and each sample is reduced to its metrics as it is read, so a run of a thousand peers never holds
     * its samples in memory.
     */
    public static Series read(Path runDir, RunSummary run) throws IOException {
        List<PeerSamples> read;
        try {
            read = run.peers().parallelStream()
                    .map(p -> readPeer(runDir.resolve("samples").resolve(p.name() + ".jsonl")))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long origin = Long.MAX_VALUE;
        boolean stamped = true;
        for (PeerSamples r : read) {
            origin = Math.min(origin, r.origin());
            stamped &= r.stamped();
        }
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        for (int i = 0; i < read.size(); i++) {
            PeerSamples r = read.get(i);
            List<MetricPoint> points = new ArrayList<>(r.values().size());
            for (int k = 0; k < r.values().size(); k++) {
                long atMs = stamped ? r.atMs()[k] : r.timestamps()[k] - origin;
                points.add(new MetricPoint(atMs, r.values().get(k)));
            }
            out.put(run.peers().get(i).name(), points);
        }
        return new Series(origin == Long.MAX_VALUE ? 0 : origin, out);
    }

    /**
     * One peer's samples reduced to their metrics: each sample's timestamp and atMs (when it has one), whether
     * all had atMs, and the earliest sampling start they imply ({@code timestamp - atMs}, or the timestamp).
     */
    private record PeerSamples(long[] timestamps, long[] atMs, List<Map<Metric, Double>> values, boolean stamped, long origin) {
    }

    private static PeerSamples readPeer(Path file) {
        List<Map<Metric, Double>> values = new ArrayList<>();
        long[] timestamps = new long[64];
        long[] atMs = new long[64];
        boolean stamped = true;
        long origin = Long.MAX_VALUE;
        if (Files.exists(file)) {
            byte[] text;
            try {
                text = Files.readAllBytes(file); // parsed from the bytes: no line Strings (a big run has ~1 GB of samples)
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonNode previous = null;
            for (int start = 0, end; start < text.length; start = end + 1) {
                end = start;
                boolean blank = true;
                while (end < text.length && text[end] != '\n') {
                    blank &= text[end] == ' ' || text[end] == '\t' || text[end] == '\r';
                    end++;
                }
                if (blank) {
                    continue;
                }
                JsonNode sample;
                try {
                    sample = JSON.readTree(text, start, end - start);
                } catch (IOException e) {
                    continue; // a line cut short by a crash: the rest still counts
                }
                if (sample == null || !sample.isObject()) {
                    continue;
                }
                int k = values.size();
                if (k == timestamps.length) {
                    timestamps = Arrays.copyOf(timestamps, k * 2);
                    atMs = Arrays.copyOf(atMs, k * 2);
                }
                long t = sample.path("timestamp").asLong();
                boolean has = sample.has("atMs");
                stamped &= has;
                timestamps[k] = t;
                atMs[k] = sample.path("atMs").asLong();
                origin = Math.min(origin, has ? t - atMs[k] : t);
                values.add(SampleMetrics.between(previous, sample));
                previous = sample;
            }
        }
        return new PeerSamples(timestamps, atMs, values, stamped, origin);
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
