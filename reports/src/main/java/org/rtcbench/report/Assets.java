package org.rtcbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The scripts the pages carry inline so they open from disk with no network: ECharts from its webjar
 * and rtcbench's own drawing and peer table code. All are files shipped in the jar, never run data,
 * which is why the templates may write them unescaped.
 */
final class Assets {
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final String CHARTS = "org/rtcbench/report/charts.js";
    private static final String PEER_TABLE = "org/rtcbench/report/peer-table.js";
    private static volatile String echarts;
    private static volatile String charts;
    private static volatile String peerTable;

    private Assets() {
    }

    static String echarts() {
        String js = echarts;
        if (js == null) {
            js = echarts = script(ECHARTS, "the echarts webjar");
        }
        return js;
    }

    static String charts() {
        String js = charts;
        if (js == null) {
            js = charts = script(CHARTS, "the reports jar");
        }
        return js;
    }

    /** Sorting and filtering of a load run's full peer table. */
    static String peerTable() {
        String js = peerTable;
        if (js == null) {
            js = peerTable = script(PEER_TABLE, "the reports jar");
        }
        return js;
    }

    private static String script(String resource, String from) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path (" + from + ")");
            }
            // inside <script>, "</script" would end the element early
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
