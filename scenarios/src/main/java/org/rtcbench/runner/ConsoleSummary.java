package org.rtcbench.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;

/** The summary printed at the end of a run: verdict, one line per peer, one per assertion, where the files are. */
final class ConsoleSummary {
    private final PrintStream out;

    ConsoleSummary(PrintStream out) {
        this.out = out;
    }

    void print(RunSummary run, Path dir) {
        out.printf("%nrun %s: %s%s%n", run.runId(), run.status().id().toUpperCase(Locale.ROOT),
                run.reason() == null ? "" : " (" + run.reason() + ")");
        if (run.firstConnectedAfterLaunchMs() != null) {
            out.printf("  first call connected %d ms after the command started%n", run.firstConnectedAfterLaunchMs());
        }
        for (PeerSummary p : run.peers()) {
            out.printf("  %-12s %-8s %s %s, launch %s, connect %s | fps in p50 %s | kbps in p50 %s out p50 %s | rtt p50 %s ms%s%n",
                    p.name(), p.outcome(), p.browser() == null ? p.kind() : p.browser(),
                    p.browserVersion() == null ? "" : p.browserVersion(), ms(p.launchMs()), ms(p.connectMs()),
                    p50(p.metrics(), "video.fps"), p50(p.metrics(), "bitrate.in"), p50(p.metrics(), "bitrate.out"),
                    p50(p.metrics(), "rtt"), p.failure() == null ? "" : " | " + p.failure());
        }
        for (AssertionResult a : run.assertions()) {
            out.printf("  %s %s: %s%n", a.passed() ? "PASS" : "FAIL", a.assertion(), a.message());
        }
        out.printf("results: %s (report.html, run.json, junit.xml, metrics.csv, summary.json)%n", dir);
    }

    private static String ms(Long v) {
        return v == null ? "-" : v + " ms";
    }

    private static String p50(Map<String, Summary> metrics, String id) {
        Summary s = metrics.get(id);
        return s == null ? "-" : String.format(Locale.ROOT, "%.1f", s.p50());
    }
}
