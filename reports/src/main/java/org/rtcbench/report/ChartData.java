package org.rtcbench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.run.LoadSummary;

/**
 * The numbers report.html draws, as one JSON document that charts.js reads: per peer one time axis
 * (seconds since the first sample of any peer) and one array per metric, {@code null} where the peer
 * did not report the metric (a gap in its line, never a zero); and the load run's timeline and join
 * time histogram. Columns rather than [x, y] pairs keep a 100-peer run's page small. With more than
 * {@link PeerBands#LINES_UP_TO} peers, {@code bands} is true and each metric is one band across peers
 * ({@code band}: p5, p50 and p95 at each second) instead of a line per peer ({@code peers} is then empty).
 */
final class ChartData {
    /** The metrics drawn, in this order, each when at least one peer reported it. */
    static final List<Metric> CHARTED = List.of(Metric.BITRATE_IN, Metric.BITRATE_OUT, Metric.VIDEO_FPS,
            Metric.VIDEO_FPS_RENDERED, Metric.VIDEO_DELAY, Metric.AUDIO_DELAY, Metric.AV_SYNC, Metric.VIDEO_FROZEN, Metric.VIDEO_PSNR, Metric.VIDEO_WIDTH,
            Metric.VIDEO_HEIGHT, Metric.RTT, Metric.AUDIO_JITTER, Metric.VIDEO_JITTER, Metric.PACKET_LOSS,
            Metric.AUDIO_CONCEALED, Metric.VIDEO_FREEZES);
    /** Bars of the join time histogram. */
    static final int JOIN_BUCKETS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartData() {
    }

    /**
     * The page's chart data; adds a {@code metric:<id>} chart to {@code charts} for every metric some peer
     * reported. {@code series} may be full length: each peer's points are downsampled here.
     */
    static String json(Map<String, List<MetricPoint>> series, LoadSummary load, org.rtcbench.core.run.NetworkSummary network,
                       List<org.rtcbench.core.run.PeerSummary> peers, List<ReportView.ChartRef> charts) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeObjectFieldStart("metrics");
            for (Metric m : CHARTED) {
                boolean reported = series.values().stream().anyMatch(points -> points.stream().anyMatch(p -> p.values().get(m) != null));
                if (reported) {
                    charts.add(new ReportView.ChartRef("metric:" + m.id(), m.id() + " (" + m.unit() + ")"));
                    g.writeObjectFieldStart(m.id());
                    g.writeStringField("unit", m.unit());
                    g.writeStringField("description", m.description());
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
            boolean bands = PeerBands.drawn(series);
            g.writeBooleanField("bands", bands);
            if (bands) {
                writeBands(g, series);
            }
            g.writeObjectFieldStart("peers");
            for (Map.Entry<String, List<MetricPoint>> e : bands ? Map.<String, List<MetricPoint>>of().entrySet() : series.entrySet()) {
                List<MetricPoint> points = TimeSeries.downsample(e.getValue());
                g.writeObjectFieldStart(e.getKey());
                g.writeArrayFieldStart("t");
                for (MetricPoint p : points) {
                    writeRounded(g, p.atMs() / 1000.0);
                }
                g.writeEndArray();
                for (Metric m : CHARTED) {
                    if (points.stream().noneMatch(p -> p.values().get(m) != null)) {
                        continue; // never reported by this peer: no line at all
                    }
                    g.writeArrayFieldStart(m.id());
                    for (MetricPoint p : points) {
                        Double v = p.values().get(m);
                        if (v == null || v.isNaN() || v.isInfinite()) {
                            g.writeNull();
                        } else {
                            writeRounded(g, v);
                        }
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            // the timeline's network changes, a marker line on every time chart
            g.writeArrayFieldStart("markers");
            if (network != null && network.steps() != null) {
                for (org.rtcbench.core.run.NetworkSummary.Step s : network.steps()) {
                    g.writeStartObject();
                    g.writeFieldName("t");
                    writeRounded(g, s.atMs() / 1000.0);
                    g.writeStringField("label", ("all".equals(s.peers()) ? "" : s.peers() + ": ") + s.change());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            if (load != null) {
                writeLoad(g, load, subscriptions(peers));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * {@code band: {<metric>: {t, p5, p50, p95, n}}} for every charted metric some peer reported: the
     * percentiles across peers at each second, drawn instead of a line per peer when there are many.
     */
    private static void writeBands(JsonGenerator g, Map<String, List<MetricPoint>> series) throws IOException {
        g.writeObjectFieldStart("band");
        Map<Metric, PeerBands> bands = PeerBands.of(series.values(), CHARTED);
        for (Metric m : CHARTED) {
            PeerBands b = bands.get(m);
            if (b == null) {
                continue;
            }
            g.writeObjectFieldStart(m.id());
            g.writeArrayFieldStart("t");
            for (long t : b.t()) {
                g.writeNumber(t);
            }
            g.writeEndArray();
            writeColumn(g, "p5", b.p5());
            writeColumn(g, "p50", b.p50());
            writeColumn(g, "p95", b.p95());
            g.writeArrayFieldStart("n");
            for (int n : b.n()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeColumn(JsonGenerator g, String name, Double[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (Double v : values) {
            writeNullable(g, v);
        }
        g.writeEndArray();
    }

    /** One bar group of the subscriptions chart: a receiver's feed from one sender, with its marker metrics. */
    record Subscription(String label, org.rtcbench.core.metric.Summary delay, org.rtcbench.core.metric.Summary psnr) {
    }

    /** Every feed some peer received that measured its delay, in run.json's order (receivers as listed, then their feeds). */
    static List<Subscription> subscriptions(List<org.rtcbench.core.run.PeerSummary> peers) {
        List<Subscription> out = new java.util.ArrayList<>();
        for (org.rtcbench.core.run.PeerSummary p : peers) {
            for (org.rtcbench.core.run.ReceivedFeed f : p.received()) {
                org.rtcbench.core.metric.Summary delay = f.metrics().get(Metric.VIDEO_DELAY.id());
                if (delay != null) {
                    out.add(new Subscription(p.name() + " ← " + f.from(), delay, f.metrics().get(Metric.VIDEO_PSNR.id())));
                }
            }
        }
        return out;
    }

    private static void writeSubscriptions(JsonGenerator g, List<Subscription> subscriptions) throws IOException {
        g.writeObjectFieldStart("subscriptions");
        g.writeArrayFieldStart("labels");
        for (Subscription s : subscriptions) {
            g.writeString(s.label());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("delayP50");
        for (Subscription s : subscriptions) {
            writeNullable(g, s.delay().p50());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("delayP95");
        for (Subscription s : subscriptions) {
            writeNullable(g, s.delay().p95());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("psnrP50");
        for (Subscription s : subscriptions) {
            writeNullable(g, s.psnr() == null ? null : s.psnr().p50());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeLoad(JsonGenerator g, LoadSummary load, List<Subscription> subscriptions) throws IOException {
        g.writeObjectFieldStart("load");
        if (!subscriptions.isEmpty()) {
            writeSubscriptions(g, subscriptions);
        }
        List<LoadSummary.LoadPoint> timeline = load.timeline();
        g.writeArrayFieldStart("t");
        for (LoadSummary.LoadPoint p : timeline) {
            writeRounded(g, p.tMs() / 1000.0);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("joined");
        for (LoadSummary.LoadPoint p : timeline) {
            g.writeNumber(p.joined());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("connected");
        for (LoadSummary.LoadPoint p : timeline) {
            g.writeNumber(p.connected());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("failed");
        for (LoadSummary.LoadPoint p : timeline) {
            g.writeNumber(p.failed());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("cpu");
        for (LoadSummary.LoadPoint p : timeline) {
            writeNullable(g, p.generatorCpuPercent());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("late");
        for (LoadSummary.LoadPoint p : timeline) {
            writeNullable(g, p.lateFramesPercent());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("hostCpu");
        for (LoadSummary.LoadPoint p : timeline) {
            writeNullable(g, p.hostCpuPercent());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("startedCpu");
        for (LoadSummary.LoadPoint p : timeline) {
            writeNullable(g, p.startedCpuPercent());
        }
        g.writeEndArray();
        g.writeNumberField("requested", load.requested());
        List<Long> join = load.join() == null ? List.of() : load.join().valuesMs();
        if (!join.isEmpty()) {
            long min = join.stream().mapToLong(Long::longValue).min().orElse(0);
            long max = join.stream().mapToLong(Long::longValue).max().orElse(0);
            long width = Math.max(1, (long) Math.ceil((max - min + 1) / (double) JOIN_BUCKETS));
            int buckets = (int) Math.min(JOIN_BUCKETS, (max - min) / width + 1);
            int[] counts = new int[buckets];
            for (long v : join) {
                counts[(int) Math.min(buckets - 1, (v - min) / width)]++;
            }
            g.writeObjectFieldStart("join");
            g.writeArrayFieldStart("labels");
            for (int i = 0; i < buckets; i++) {
                g.writeString((min + i * width) + "–" + (min + (i + 1) * width - 1));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("counts");
            for (int c : counts) {
                g.writeNumber(c);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeNullable(JsonGenerator g, Double v) throws IOException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            g.writeNull();
        } else {
            writeRounded(g, v);
        }
    }

    /** Two decimals are enough for a chart; whole numbers without a fraction. */
    private static void writeRounded(JsonGenerator g, double v) throws IOException {
        double r = Math.round(v * 100) / 100.0;
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            g.writeNumber((long) r);
        } else {
            g.writeNumber(r);
        }
    }
}
