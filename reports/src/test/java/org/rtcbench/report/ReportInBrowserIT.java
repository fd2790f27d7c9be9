package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;

/**
 * A generated report opened from disk in headless Chromium with every host lookup refused (no
 * network): no console errors, every chart drawn, and a screenshot kept in target/ for people.
 */
class ReportInBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    private static Map<String, List<MetricPoint>> series() {
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        for (String peer : List.of("chrome-1", "firefox")) {
            List<MetricPoint> points = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Map<Metric, Double> v = new EnumMap<>(Metric.class);
                v.put(Metric.VIDEO_FPS, 25.0 + (i % 5));
                v.put(Metric.BITRATE_IN, 500.0 + 10 * i);
                if (i < 20 || i > 30) { // a gap: not measured for ten samples
                    v.put(Metric.RTT, 1.0 + (i % 3));
                }
                points.add(new MetricPoint(i * 1000L, v));
            }
            out.put(peer, points);
        }
        return out;
    }

    private Process chromium(Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("stderr-" + profile.getFileName() + ".txt").toFile())
                .redirectOutput(tmp.resolve("stdout-" + profile.getFileName() + ".txt").toFile());
        pb.environment().put("RTCBENCH_OWNER", profile.toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        return p;
    }

    @Test
    void reportOpensOfflineWithChartsAndNoConsoleErrors() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "needs Debian's chromium at /usr/bin/chromium (ci/setup installs it)");
        Path report = tmp.resolve("report.html");
        Files.writeString(report, HtmlReportWriter.write(ExampleRuns.failed(), series()), StandardCharsets.UTF_8);

        chromium(tmp.resolve("dom"), "--dump-dom", report.toUri().toString());
        String dom = Files.readString(tmp.resolve("stdout-dom.txt"));
        String log = Files.readString(tmp.resolve("stderr-dom.txt"));

        int charts = Pattern.compile("class=\"chart\"").matcher(dom).results().mapToInt(m -> 1).sum();
        assertThat(charts).as("chart containers").isEqualTo(3);
        Matcher rendered = Pattern.compile("data-charts-rendered=\"(\\d+)\"").matcher(dom);
        assertThat(rendered.find()).as("the page marks its charts as drawn").isTrue();
        assertThat(Integer.parseInt(rendered.group(1))).isEqualTo(charts);
        assertThat(dom).contains("<canvas");
        assertThat(log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList())
                .as("console messages").isEmpty();

        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium(tmp.resolve("shot"), "--window-size=1400,1400", "--screenshot=" + screenshot, report.toUri().toString());
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
    }
}
