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
