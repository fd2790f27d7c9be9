package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.run.RunSummary;

/** One call writes all four reports of a run directory from its samples and events on disk. */
class RunReportsTest {
    @TempDir
    Path dir;

    private static String sample(long t, long bytes, Double fps) {
        return "{\"timestamp\":" + t + ",\"peer\":\"chrome-1\",\"stats\":{\"c\":["
                + "{\"id\":\"IV\",\"type\":\"inbound-rtp\",\"kind\":\"video\",\"timestamp\":" + t + ",\"bytesReceived\":" + bytes
                + (fps == null ? "" : ",\"framesPerSecond\":" + fps) + "}]}}";
    }

    @Test
    void writesReportJunitCsvAndSummaryFromTheFilesOfTheRunDirectory() throws Exception {
        RunSummary run = ExampleRuns.failed();
        long t0 = java.time.Instant.parse(run.startedAt()).toEpochMilli() + 2000;
        Files.createDirectories(dir.resolve("samples"));
        Files.write(dir.resolve("samples/chrome-1.jsonl"), List.of(sample(t0, 0, 30.0), sample(t0 + 1000, 125_000, null),
                "{\"timestamp\":" + (t0 + 2000) + ",\"cut short by a cr"));
        Files.write(dir.resolve("events.jsonl"), List.of(
                "{\"timestamp\":" + (t0 - 2000) + ",\"type\":\"run-started\",\"runId\":\"x\"}",
                "{\"timestamp\":" + (t0 + 500) + ",\"type\":\"peer-failed\",\"peer\":\"firefox\",\"reason\":\"ICE failed\"}"));

        List<Path> written = RunReports.write(dir, run);

        assertThat(written).containsExactly(dir.resolve("report.html"), dir.resolve("junit.xml"), dir.resolve("metrics.csv"),
                dir.resolve("summary.json"));
        assertThat(written).allSatisfy(p -> assertThat(p).isNotEmptyFile());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("report.html.tmp", "metrics.csv.tmp");
        }

        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("chrome-1," + t0 + ",0,,,30,");
        // the second sample has bytes (so a bitrate: 1000 kbps) but no framesPerSecond: fps left empty
        assertThat(csv.get(2)).startsWith("chrome-1," + (t0 + 1000) + ",1,1000,,,");

        Document report = Jsoup.parse(dir.resolve("report.html").toFile());
        assertThat(report.select("#event-timeline tbody tr")).hasSize(2);
        assertThat(report.select("#event-timeline tbody tr").get(1).text()).isEqualTo("+2.5 s peer-failed firefox reason=ICE failed");
        assertThat(report.select("#charts .chart").eachAttr("data-chart")).contains("metric:bitrate.in", "metric:video.fps");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"schema\" : \"rtcbench.summary/v1\"");
        assertThat(Files.readString(dir.resolve("junit.xml"))).contains("<testsuites");
    }

    @Test
    void runDirectoryWithoutSamplesOrEventsStillGetsEveryReport() throws Exception {
        RunReports.write(dir, ExampleRuns.load());

        assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(1);
        Document report = Jsoup.parse(dir.resolve("report.html").toFile());
        assertThat(report.getElementById("events").text()).contains("No events");
        assertThat(report.getElementById("load")).isNotNull();
        assertThat(report.getElementById("time-series")).isNull();
    }
}
