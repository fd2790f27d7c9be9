package org.rtcbench.report;

import java.util.List;
import org.rtcbench.core.run.RunSummary;

/** Writes a comparison of two runs as compare.html (people) and junit.xml (CI: one testcase per compared value). */
public final class CompareWriter {
    private CompareWriter() {
    }

    /** compare.html (template compare.jte): verdict, both runs, every compared value, base-vs-new charts. */
    public static String html(RunSummary base, RunSummary now, List<RunComparison.Change> changes) {
        return Templates.render("compare.jte", CompareView.of(base, now, changes));
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
