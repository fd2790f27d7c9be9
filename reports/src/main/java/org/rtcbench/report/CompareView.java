package org.rtcbench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.run.RunSummary;

/** What compare.jte shows: the verdict, both runs, every compared value, and one base-vs-new bar chart per metric. */
record CompareView(String scenario, String baseId, String nowId, String verdict, boolean regressed, String baseText,
                   String nowText, List<Row> rows, List<ReportView.ChartRef> charts, String chartData) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One compared value; numbers null when not measured in that run. */
    record Row(String subject, String what, String base, String now, String change, String verdict, String css) {
    }

    static CompareView of(RunSummary base, RunSummary now, List<RunComparison.Change> changes) {
        long regressed = changes.stream().filter(RunComparison.Change::regressed).count();
        List<Row> rows = new ArrayList<>();
        for (RunComparison.Change c : changes) {
            rows.add(new Row(c.subject(), c.what() + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")"),
                    c.base() == null ? null : Assertion.formatNumber(c.base()),
                    c.now() == null ? null : Assertion.formatNumber(c.now()),
                    c.relative() == null ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * c.relative()),
                    c.regressed() ? "regressed: " + c.note() : c.note(), c.regressed() ? "regressed" : c.worse() ? "worse" : "ok"));
        }
        // one chart per compared value that both runs measured, e.g. video.fps.p50 of every peer
        Map<String, List<RunComparison.Change>> byWhat = new LinkedHashMap<>();
        for (RunComparison.Change c : changes) {
            if (c.base() != null && c.now() != null) {
                byWhat.computeIfAbsent(c.what(), k -> new ArrayList<>()).add(c);
            }
        }
        List<ReportView.ChartRef> charts = new ArrayList<>();
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeArrayFieldStart("compare");
            for (Map.Entry<String, List<RunComparison.Change>> e : byWhat.entrySet()) {
                List<RunComparison.Change> cs = e.getValue();
                charts.add(new ReportView.ChartRef("compare:" + charts.size(), e.getKey() + ": base vs new"));
                g.writeStartObject();
                g.writeStringField("what", e.getKey());
                g.writeStringField("unit", cs.get(0).unit());
                g.writeArrayFieldStart("subjects");
                for (RunComparison.Change c : cs) {
                    g.writeString(c.subject());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("base");
                for (RunComparison.Change c : cs) {
                    g.writeNumber(c.base());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("now");
                for (RunComparison.Change c : cs) {
                    g.writeNumber(c.now());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CompareView(now.scenario(), base.runId(), now.runId(),
                regressed == 0 ? "NO REGRESSION" : regressed + " REGRESSED", regressed > 0, describe(base), describe(now),
                rows, charts, charts.isEmpty() ? null : text.toString());
    }

    private static String describe(RunSummary r) {
        return r.runId() + " (rtcbench " + r.rtcbenchVersion() + ", " + (r.status() == null ? "unknown" : r.status().id()) + ")";
    }
}
