package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;

/** metrics.csv: pinned columns, one row per peer per sample, blanks for what was not measured. */
class MetricsCsvTest {
    private static final long T0 = 1_746_093_600_000L;

    private static MetricPoint point(long atMs, Metric m1, double v1, Metric m2, double v2) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        values.put(m1, v1);
        values.put(m2, v2);
        return new MetricPoint(atMs, values);
    }

    @Test
    void numbersAreRoundedHalfUpAtTheThirdDecimalAsBigDecimalRoundsTheirShortestForm() {
        assertThat(MetricsCsv.number(1040.5)).isEqualTo("1040.5");
        assertThat(MetricsCsv.number(2.0005)).isEqualTo("2.001");
        assertThat(MetricsCsv.number(-2.0005)).isEqualTo("-2.001");
        assertThat(MetricsCsv.number(999.9996)).isEqualTo("1000");
        assertThat(MetricsCsv.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(MetricsCsv.number(-0.0004)).isEqualTo("0");
        assertThat(MetricsCsv.number(12.25)).isEqualTo("12.25");
        assertThat(MetricsCsv.number(3.1e-5)).isEqualTo("0");
        assertThat(MetricsCsv.number(1.23456789e9)).isEqualTo("1234567890");
        assertThat(MetricsCsv.number(12345678.9876)).isEqualTo("12345678.988");
        java.util.Random random = new java.util.Random(16);
        for (int i = 0; i < 200_000; i++) {
            double scale = Math.pow(10, random.nextInt(14) - 6);
            double v = (random.nextBoolean() ? 1 : -1) * (i % 3 == 0 ? Math.round(random.nextDouble() * 1e6) / 1e4 : random.nextDouble()) * scale;
            String expected = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                    : java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            assertThat(MetricsCsv.number(v)).as("%s", v).isEqualTo(expected);
        }
    }

    @Test
    void headerIsPeerTimestampSecondsThenEveryMetricInAFixedOrder() {
        String header = MetricsCsv.write(new TimeSeries.Series(T0, Map.of())).lines().findFirst().orElseThrow();

        assertThat(header).isEqualTo("peer,timestamp,t_s,bitrate.in,bitrate.out,video.fps,video.fps.sent,video.width,"
                + "video.height,video.frames.decoded,video.freezes,video.jitter,audio.packets.received,audio.jitter,"
                + "audio.concealed,packetloss,rtt,datachannel.rtt,datachannel.echoes,video.fps.rendered,video.delay,"
                + "video.frames.skipped,video.frames.unreadable,video.frozen,video.psnr,video.ssim,video.jitterbuffer,audio.delay,av.sync");
        assertThat(MetricsCsv.columns()).hasSize(29);
    }

    @Test
    void oneRowPerPeerPerSampleWithBlanksWhereAMetricWasNotMeasured() {
        Map<String, List<MetricPoint>> series = new LinkedHashMap<>();
        series.put("chrome-1", List.of(
                new MetricPoint(0, Map.of(Metric.VIDEO_FPS, 30.0)),
                point(1000, Metric.VIDEO_FPS, 29.5, Metric.RTT, 0.0)));
        series.put("firefox", List.of(point(500, Metric.BITRATE_IN, 1040.123456, Metric.PACKET_LOSS, 0.25)));

        // points count from when sampling began (T0): timestamp is T0 plus that, t_s the same in seconds
        List<String> rows = MetricsCsv.write(new TimeSeries.Series(T0, series)).lines().skip(1).toList();

        assertThat(rows).containsExactly(
                "chrome-1," + T0 + ",0,,,30,,,,,,,,,,,,,,,,,,,,,,,",
                // a measured 0 stays 0; everything not measured stays empty
                "chrome-1," + (T0 + 1000) + ",1,,,29.5,,,,,,,,,,,0,,,,,,,,,,,,",
                "firefox," + (T0 + 500) + ",0.5,1040.123,,,,,,,,,,,,0.25,,,,,,,,,,,,,");
        assertThat(rows).allSatisfy(r -> assertThat(r.split(",", -1)).hasSize(29));
    }

    @Test
    void linesEndInCrLfAndAPeerNameWithACommaOrQuoteIsQuoted() {
        Map<String, List<MetricPoint>> series = Map.of("a,\"b\"", List.of(new MetricPoint(0, Map.of(Metric.RTT, 2.0))));

        String csv = MetricsCsv.write(new TimeSeries.Series(T0, series));

        assertThat(csv).startsWith("peer,timestamp,").contains("\r\n\"a,\"\"b\"\"\"," + T0 + ",0,").endsWith(",2,,,,,,,,,,,,\r\n");
    }

    @Test
    void peerWithoutSamplesHasNoRows() {
        assertThat(MetricsCsv.write(new TimeSeries.Series(T0, Map.of("firefox", List.of()))).lines()).hasSize(1);
    }
}
