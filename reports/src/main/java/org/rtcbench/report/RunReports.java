package org.rtcbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.run.RunSummary;

/**
 * Writes every report of a run directory from its run summary and the samples and events beside it:
 * report.html, junit.xml, metrics.csv and summary.json. Used by the runner at the end of a run and by
 * {@code rtcbench report RUN_DIR}, so both always write the same set.
 */
public final class RunReports {
    public static final String REPORT_HTML = "report.html";
    public static final String JUNIT_XML = "junit.xml";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String SUMMARY_JSON = "summary.json";

    private RunReports() {
    }

    /**
     * Writes the four reports into {@code runDir}, each replaced atomically, and returns their paths.
     *
     * @throws UncheckedIOException when the samples or events cannot be read or a report cannot be written
     */
    public static List<Path> write(Path runDir, RunSummary run) {
        try {
            TimeSeries.Series series = TimeSeries.read(runDir, run);
            List<RunEvents.Event> events = RunEvents.read(runDir);
            writeAtomically(runDir, METRICS_CSV, out -> MetricsCsv.write(out, series));
            writeAtomically(runDir, SUMMARY_JSON, out -> out.write(SummaryJson.write(run)));
            writeAtomically(runDir, JUNIT_XML, out -> out.write(JunitXmlWriter.write(run)));
            writeAtomically(runDir, REPORT_HTML, out -> out.write(HtmlReportWriter.write(run, series.byPeer(), events)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports of " + runDir + ": " + e.getMessage(), e);
        }
        return List.of(runDir.resolve(REPORT_HTML), runDir.resolve(JUNIT_XML), runDir.resolve(METRICS_CSV),
                runDir.resolve(SUMMARY_JSON));
    }

    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private static void writeAtomically(Path dir, String file, Content content) throws IOException {
        Path tmp = dir.resolve(file + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
        Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
