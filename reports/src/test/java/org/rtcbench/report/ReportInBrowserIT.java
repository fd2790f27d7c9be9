package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.ChromiumTmp;
import org.rtcbench.core.process.OwnedProcesses;

/**
 * A generated report opened from disk in headless Chromium with every host lookup refused (no
 * network): no console errors, every chart drawn, and a screenshot kept in target/ for people. The report
 * is a load run with an interop matrix, so every section and chart kind is on it; compare.html too.
 */
class ReportInBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    private Process chromium(Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("stderr-" + profile.getFileName() + ".txt").toFile())
                .redirectOutput(tmp.resolve("stdout-" + profile.getFileName() + ".txt").toFile());
        pb.environment().put("RTCBENCH_OWNER", profile.toString());
        // its singleton socket's directory in the test's folder, not /tmp (where a killed Chromium would leave it)
        Path chromiumTmp = ChromiumTmp.create(tmp);
        pb.environment().put("TMPDIR", chromiumTmp.toString());
        try {
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish within 60 s");
            }
            return p;
        } finally {
            OwnedProcesses.deleteTree(chromiumTmp);
        }
    }

    @Test
    void reportWithMatrixAndLoadViewOpensOfflineWithEveryChartDrawnAndNoConsoleErrors() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "needs Debian's chromium at /usr/bin/chromium (ci/setup installs it)");
        Path report = tmp.resolve("report.html");
        Files.writeString(report, HtmlReportWriter.write(ExampleRuns.load(), HtmlReportWriterTest.series(),
                HtmlReportWriterTest.events()), StandardCharsets.UTF_8);

        String dom = openedDom(report, "dom");
        assertThat(dom).contains("id=\"matrix\"").contains("id=\"load\"").contains("id=\"generator-limited-banner\"");
        // fps, bitrate.in and rtt over time; peers over time, join time histogram, the generator's CPU, and the subscriptions
        assertThat(chartsDrawn(dom)).isEqualTo(7);

        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium(tmp.resolve("shot"), "--window-size=1400,3600", "--screenshot=" + screenshot, report.toUri().toString());
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
    }

    @Test
    void aLoadRunOfManyPeersDrawsBandsAndItsPeerTableSortsAndFilters() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "needs Debian's chromium at /usr/bin/chromium (ci/setup installs it)");
        var run = LoadReportTest.crowd();
        Map<String, List<org.rtcbench.core.metric.MetricPoint>> series = new java.util.LinkedHashMap<>();
        for (var p : run.peers()) {
            var fps = p.metrics().get("video.fps");
            List<org.rtcbench.core.metric.MetricPoint> points = new ArrayList<>();
            for (int i = 0; p.samples() > 0 && i < 30; i++) {
                Map<org.rtcbench.core.metric.Metric, Double> v = new java.util.EnumMap<>(org.rtcbench.core.metric.Metric.class);
                v.put(org.rtcbench.core.metric.Metric.RTT, 5.0 + i % 4 + p.name().length());
                if (fps != null) {
                    v.put(org.rtcbench.core.metric.Metric.VIDEO_FPS, fps.p50() + i % 3 - 1);
                }
                points.add(new org.rtcbench.core.metric.MetricPoint(i * 1000L, v));
            }
            series.put(p.name(), points);
        }
        String html = HtmlReportWriter.write(run, series, HtmlReportWriterTest.events());
        assertThat(html).contains("\\\"bands\\\":true");
        Path report = tmp.resolve("load-report.html");
        // what a user does: open the table, sort by peer twice (descending), filter, clear it, sort by fps p50
        String probe = "<script>(function(){var b=document.body;document.getElementById('peer-table').open=true;"
                + "function names(){return Array.prototype.map.call(document.querySelectorAll('#peers tbody tr:not([hidden])'),"
                + "function(r){return r.cells[0].textContent;}).join(',');}"
                + "var peer=document.querySelector('#peers th[data-col=\"0\"]');peer.click();peer.click();b.setAttribute('data-sorted',names());"
                + "var f=document.getElementById('peer-filter');f.value='R2 failed';f.dispatchEvent(new Event('input'));"
                + "b.setAttribute('data-filtered',names());b.setAttribute('data-shown',document.getElementById('peer-shown').textContent);"
                + "f.value='';f.dispatchEvent(new Event('input'));document.querySelector('#peers th[data-col=\"9\"]').click();"
                + "b.setAttribute('data-by-fps',names());})();</script>";
        int end = html.lastIndexOf("</body>"); // ECharts' own source holds the string too
        Files.writeString(report, html.substring(0, end) + probe + html.substring(end), StandardCharsets.UTF_8);

        String dom = openedDom(report, "load");
        // video.fps and rtt as bands; peers over time, join times, the generator
        assertThat(chartsDrawn(dom)).isEqualTo(5);
        assertThat(attribute(dom, "data-sorted")).isEqualTo("r3-sub-6,r3-sub-5,r3-sub-4,r3-sub-3,r3-sub-2,r3-sub-1,r2-sub-2,r2-sub-1,"
                + "r2-pub-1,r1-sub-4,r1-sub-3,r1-sub-2,r1-sub-1,r1-pub-2,r1-pub-1,chrome-1");
        assertThat(attribute(dom, "data-filtered")).isEqualTo("r2-sub-2,r2-pub-1");
        assertThat(attribute(dom, "data-shown")).isEqualTo("2 of 16 peers shown");
        assertThat(attribute(dom, "data-by-fps")).as("lowest first, ties in run order, not measured last")
                .isEqualTo("r2-sub-2,r2-sub-1,r1-sub-3,r1-sub-2,r1-sub-1,r1-sub-4,r3-sub-1,r3-sub-2,r3-sub-3,r3-sub-4,r3-sub-5,r3-sub-6,"
                        + "chrome-1,r1-pub-1,r1-pub-2,r2-pub-1");

        Path screenshot = Path.of("target", "report-load-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Files.writeString(report, html, StandardCharsets.UTF_8);
        chromium(tmp.resolve("load-shot"), "--window-size=1400,3600", "--screenshot=" + screenshot, report.toUri().toString());
        assertThat(screenshot).exists();
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as(name + " set by the probe").isTrue();
        return m.group(1);
    }

    @Test
    void compareOpensOfflineWithEveryChartDrawnAndNoConsoleErrors() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "needs Debian's chromium at /usr/bin/chromium (ci/setup installs it)");
        var base = ExampleRuns.failed();
        var now = ExampleRuns.interrupted();
        Path page = tmp.resolve("compare.html");
        Files.writeString(page, CompareWriter.html(base, now, new RunComparison(Map.of()).compare(base, now)),
                StandardCharsets.UTF_8);

        assertThat(chartsDrawn(openedDom(page, "compare"))).isGreaterThanOrEqualTo(5);
    }

    /** The page's DOM after its scripts ran, with no console message logged. */
    private String openedDom(Path page, String name) throws Exception {
        chromium(tmp.resolve(name), "--dump-dom", page.toUri().toString());
        String dom = Files.readString(tmp.resolve("stdout-" + name + ".txt"));
        String log = Files.readString(tmp.resolve("stderr-" + name + ".txt"));
        assertThat(log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList())
                .as("console messages").isEmpty();
        return dom;
    }

    /** How many chart containers the page has, after checking that it says it drew each of them (a canvas each). */
    private static int chartsDrawn(String dom) {
        int charts = Pattern.compile("class=\"chart\" data-chart=").matcher(dom).results().mapToInt(m -> 1).sum();
        Matcher rendered = Pattern.compile("data-charts-rendered=\"(\\d+)\"").matcher(dom);
        assertThat(rendered.find()).as("the page marks its charts as drawn").isTrue();
        assertThat(Integer.parseInt(rendered.group(1))).isEqualTo(charts);
        assertThat(Pattern.compile("<canvas").matcher(dom).results().count()).isGreaterThanOrEqualTo(charts);
        return charts;
    }
}
