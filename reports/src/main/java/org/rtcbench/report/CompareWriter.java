package org.rtcbench.report;

import java.util.List;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.run.RunSummary;

/** Writes a comparison of two runs as compare.html (people) and junit.xml (CI: one testcase per compared value). */
public final class CompareWriter {
    private CompareWriter() {
    }

    public static String html(RunSummary base, RunSummary now, List<RunComparison.Change> changes) {
        long regressed = changes.stream().filter(RunComparison.Change::regressed).count();
        Html h = new Html();
        h.markup("<!DOCTYPE html>\n");
        h.open("html", "lang", "en").open("head").empty("meta", "charset", "utf-8")
                .element("title", "rtcbench compare: " + base.runId() + " vs " + now.runId())
                .open("style").markup("body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
                        + "th,td{border:1px solid #d0d7de;padding:.25rem .5rem}th{background:#f6f8fa;text-align:left}"
                        + "td.num{text-align:right}tr.regressed td{background:#ffebe9}.verdict{font-weight:600}")
                .close("style").close("head").nl().open("body");
        h.element("h1", "Compare " + now.scenario());
        h.element("p", regressed == 0 ? "NO REGRESSION" : regressed + " REGRESSED", "class", "verdict", "id", "verdict");
        h.open("p").text("base: " + base.runId() + " (rtcbench " + base.rtcbenchVersion() + ", " + base.status().id() + "); new: "
                + now.runId() + " (rtcbench " + now.rtcbenchVersion() + ", " + now.status().id() + ")").close("p");
        h.open("table", "id", "changes").open("thead").open("tr");
        for (String c : List.of("Peer or cell", "What", "Base", "New", "Change", "Verdict")) {
            h.element("th", c);
        }
        h.close("tr").close("thead").open("tbody").nl();
        for (RunComparison.Change c : changes) {
            h.open("tr", "class", c.regressed() ? "regressed" : c.worse() ? "worse" : "ok").element("td", c.subject())
                    .element("td", c.what() + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")"))
                    .element("td", c.base() == null ? "—" : Assertion.formatNumber(c.base()), "class", "num")
                    .element("td", c.now() == null ? "—" : Assertion.formatNumber(c.now()), "class", "num")
                    .element("td", c.relative() == null ? "" : String.format(java.util.Locale.ROOT, "%+.1f%%", 100 * c.relative()), "class", "num")
                    .element("td", c.regressed() ? "regressed: " + c.note() : c.note())
                    .close("tr").nl();
        }
        h.close("tbody").close("table").close("body").close("html").nl();
        return h.toString();
    }

    public static String junit(RunSummary base, RunSummary now, List<RunComparison.Change> changes) {
        String suite = "rtcbench.compare." + now.scenario();
        long failures = changes.stream().filter(RunComparison.Change::regressed).count();
        return Xml.document("the comparison's JUnit XML", xml -> {
            xml.start(0, "testsuites", "name", "rtcbench compare", "tests", changes.size(), "failures", failures);
            xml.start(1, "testsuite", "name", suite, "tests", changes.size(), "failures", failures, "errors", 0, "skipped", 0);
            for (RunComparison.Change c : changes) {
                Object[] testcase = {"classname", suite, "name", c.subject() + " " + c.what(), "time", "0"};
                xml.testcase(testcase, c.regressed() ? "failure" : null,
                        RunComparison.line(c) + "\nbase " + base.runId() + ", new " + now.runId(),
                        "message", RunComparison.line(c).replaceAll("\\s+", " ").trim(), "type", "Regression");
            }
            xml.end(1);
            xml.end(0);
        });
    }
}
