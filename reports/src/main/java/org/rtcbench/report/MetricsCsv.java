package org.rtcbench.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;

/**
 * metrics.csv: one row per peer per sample (one a second at the default sampling interval), RFC 4180,
 * UTF-8, header first. Columns {@code peer}, {@code timestamp} (the sample's epoch milliseconds),
 * {@code t_s} (seconds since the first sample of any peer), then one column per metric derived from the
 * W3C stats, named as in run.json and assertions (units in reports/README.md). An empty cell is a metric
 * the peer did not report in that sample: missing, never 0.
 */
public final class MetricsCsv {
    /** The metric columns, in order. Pinned here (not {@code Metric.values()}) so a new metric never moves a column. */
    public static final List<Metric> METRICS = List.of(Metric.BITRATE_IN, Metric.BITRATE_OUT, Metric.VIDEO_FPS,
            Metric.VIDEO_FPS_SENT, Metric.VIDEO_WIDTH, Metric.VIDEO_HEIGHT, Metric.VIDEO_FRAMES_DECODED,
            Metric.VIDEO_FREEZES, Metric.VIDEO_JITTER, Metric.AUDIO_PACKETS_RECEIVED, Metric.AUDIO_JITTER,
            Metric.AUDIO_CONCEALED, Metric.PACKET_LOSS, Metric.RTT, Metric.DATACHANNEL_RTT, Metric.DATACHANNEL_ECHOES,
            Metric.VIDEO_FPS_RENDERED, Metric.VIDEO_DELAY, Metric.VIDEO_FRAMES_SKIPPED, Metric.VIDEO_FRAMES_UNREADABLE,
            Metric.VIDEO_FROZEN, Metric.VIDEO_PSNR, Metric.VIDEO_SSIM, Metric.VIDEO_JITTER_BUFFER, Metric.AUDIO_DELAY, Metric.AV_SYNC);

    private MetricsCsv() {
    }

    /** The header row's cells. */
    public static List<String> columns() {
        List<String> out = new ArrayList<>(List.of("peer", "timestamp", "t_s"));
        METRICS.forEach(m -> out.add(m.id()));
        return out;
    }

    /** The whole file as text; {@code series} as from {@link TimeSeries#read}. */
    public static String write(TimeSeries.Series series) {
        StringWriter out = new StringWriter();
        try {
            write(out, series);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the file to {@code out}, peer after peer, each in time order. */
    public static void write(Writer out, TimeSeries.Series series) throws IOException {
        out.write(String.join(",", columns()));
        out.write("\r\n");
        StringBuilder row = new StringBuilder(256);
        for (Map.Entry<String, List<MetricPoint>> e : series.byPeer().entrySet()) {
            String peer = quoted(e.getKey());
            for (MetricPoint p : e.getValue()) {
                row.setLength(0);
                // timestamp: epoch ms of the sampling tick; t_s: seconds since sampling began
                row.append(peer).append(',').append(series.originEpochMs() + p.atMs()).append(',').append(number(p.atMs() / 1000.0));
                for (Metric m : METRICS) {
                    row.append(',');
                    Double v = p.values().get(m);
                    if (v != null && !v.isNaN() && !v.isInfinite()) {
                        row.append(number(v));
                    }
                }
                row.append("\r\n");
                out.write(row.toString());
            }
        }
    }

    /**
     * At most three decimals, no trailing zeros, never an exponent: {@code v}'s shortest decimal form
     * ({@link Double#toString}) rounded half up at the third decimal. A metrics.csv of a thousand peers has
     * millions of them, so a value between 0.001 and 10^7 is rounded on its digits here, which is what
     * {@link BigDecimal#valueOf(double)} rounds too, and only the rest goes through BigDecimal.
     */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String digits = Double.toString(Math.abs(v));
        int dot = digits.indexOf('.');
        if (digits.indexOf('E') >= 0 || dot < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        long thousandths = Long.parseLong(digits, 0, dot, 10) * 1000;
        for (int i = 1; i <= 3; i++) {
            int at = dot + i;
            thousandths += (at < digits.length() ? digits.charAt(at) - '0' : 0) * (i == 1 ? 100 : i == 2 ? 10 : 1);
        }
        if (dot + 4 < digits.length() && digits.charAt(dot + 4) >= '5') {
            thousandths++; // half up: away from zero, on the magnitude
        }
        if (thousandths == 0) {
            return "0";
        }
        StringBuilder out = new StringBuilder(16);
        if (v < 0) {
            out.append('-');
        }
        out.append(thousandths / 1000);
        int fraction = (int) (thousandths % 1000);
        if (fraction != 0) {
            out.append('.').append((char) ('0' + fraction / 100));
            if (fraction % 100 != 0) {
                out.append((char) ('0' + fraction / 10 % 10));
                if (fraction % 10 != 0) {
                    out.append((char) ('0' + fraction % 10));
                }
            }
        }
        return out.toString();
    }

    private static String quoted(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
