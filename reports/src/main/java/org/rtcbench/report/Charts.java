package org.rtcbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;

/**
 * The report's time-series charts: one ECharts line chart per metric, one line per peer, x in
 * seconds since sampling started. A sample where a peer did not report the metric is a gap in
 * its line (missing, never zero). After drawing, the page marks {@code data-charts-rendered}.
 */
final class Charts {
    static final List<Metric> CHARTED = List.of(Metric.VIDEO_FPS, Metric.BITRATE_IN, Metric.BITRATE_OUT, Metric.VIDEO_WIDTH,
            Metric.RTT, Metric.AUDIO_JITTER, Metric.PACKET_LOSS, Metric.AUDIO_CONCEALED, Metric.VIDEO_FREEZES);
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String echarts;

    private Charts() {
    }

    static void section(Html h, Map<String, List<MetricPoint>> series) {
        if (series.isEmpty() || series.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        ObjectNode data = JSON.createObjectNode();
        h.open("section").element("h2", "Time series").open("div", "id", "charts", "class", "charts");
        for (Metric m : CHARTED) {
            ObjectNode chart = data.putObject(m.id());
            chart.put("unit", m.unit());
            ObjectNode lines = chart.putObject("peers");
            boolean any = false;
            for (Map.Entry<String, List<MetricPoint>> e : series.entrySet()) {
                ArrayNode points = lines.putArray(e.getKey());
                for (MetricPoint p : e.getValue()) {
                    Double v = p.values().get(m);
                    ArrayNode xy = points.addArray().add(p.atMs() / 1000.0);
                    if (v == null) {
                        xy.addNull();
                    } else {
                        xy.add(Math.round(v * 100) / 100.0);
                        any = true;
                    }
                }
            }
            if (any) {
                h.open("div", "class", "chart", "data-metric", m.id()).close("div");
            } else {
                data.remove(m.id());
            }
        }
        h.close("div").close("section").nl();
        h.open("script").markup(echarts()).close("script").nl();
        // JSON inside <script>: "</" must not close the element early.
        h.open("script").markup("const RTCBENCH_SERIES = " + json(data).replace("</", "<\\/") + ";\n" + DRAW).close("script").nl();
    }

    private static final String DRAW = """
            (function () {
              let drawn = 0;
              document.querySelectorAll('#charts .chart').forEach(function (el) {
                const metric = el.dataset.metric;
                const spec = RTCBENCH_SERIES[metric];
                const chart = echarts.init(el, null, { renderer: 'canvas' });
                chart.setOption({
                  animation: false,
                  title: { text: metric + ' (' + spec.unit + ')', textStyle: { fontSize: 13 } },
                  tooltip: { trigger: 'axis' },
                  legend: { top: 22, type: 'scroll' },
                  grid: { top: 60, left: 55, right: 20, bottom: 30 },
                  xAxis: { type: 'value', name: 's', min: 0, max: 'dataMax' },
                  yAxis: { type: 'value', scale: true },
                  series: Object.keys(spec.peers).map(function (peer) {
                    return { name: peer, type: 'line', showSymbol: false, connectNulls: false, data: spec.peers[peer] };
                  })
                });
                drawn++;
              });
              document.body.dataset.chartsRendered = String(drawn);
            })();
            """;

    private static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String echarts() {
        String js = echarts;
        if (js == null) {
            try (InputStream in = Charts.class.getClassLoader().getResourceAsStream(ECHARTS)) {
                if (in == null) {
                    throw new IllegalStateException(ECHARTS + " is missing from the class path (the echarts webjar)");
                }
                js = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            echarts = js;
        }
        return js;
    }
}
