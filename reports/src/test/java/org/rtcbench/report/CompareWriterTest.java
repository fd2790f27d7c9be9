package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;

/** compare.html: the verdict, every compared value, and a base-vs-new chart per compared metric. */
class CompareWriterTest {
    private static Summary flat(double v) {
        return new Summary(30, v, v, v, v, v, v); // a 30 s call: its RTT is compared on p95
    }

    private static RunSummary run(String id, String peer, double fps, Map<String, Summary> more) {
        Map<String, Summary> metrics = new java.util.LinkedHashMap<>(more);
        metrics.put("video.fps", flat(fps));
        PeerSummary p = new PeerSummary(peer, "chrome", "sendrecv", "chromium", "156", "chromedriver", "156",
                1000L, 300L, "ok", null, 10, metrics);
        return new RunSummary(id, "s", RunStatus.PASSED, null, "t0", "t1", 1L, 1L, "0.1.0", Map.of(), List.of(p), List.of(),
                List.of(new InteropCell("chrome", "firefox", "vp8", "passed", null, 300L, Map.of(), Map.of())));
    }

    private static Document page(RunSummary a, RunSummary b) {
        return Jsoup.parse(CompareWriter.html(a, b, new RunComparison(Map.of()).compare(a, b)));
    }

    @Test
    void regressionIsTheVerdictAndItsRowIsMarked() {
        Document doc = page(run("a", "chrome-1", 30, Map.of()), run("b", "chrome-1", 15, Map.of()));

        assertThat(doc.getElementById("verdict").text()).isEqualTo("1 REGRESSED");
        assertThat(doc.getElementById("verdict").className()).isEqualTo("verdict status-failed");
        Element regressed = doc.selectFirst("#changes tr.regressed");
        assertThat(regressed.select("td").stream().map(Element::text).toList()).containsExactly("chrome-1",
                "video.fps.p50 (fps)", "30", "15", "-50.0%", "regressed: worse beyond max(10%, 1)");
    }

    @Test
    void everyValueBothRunsMeasuredGetsABaseVersusNewChart() {
        Document doc = page(run("a", "chrome-1", 30, Map.of("rtt", flat(2))), run("b", "chrome-1", 30, Map.of("rtt", flat(3))));

        assertThat(doc.getElementById("verdict").text()).isEqualTo("NO REGRESSION");
        assertThat(doc.select("#charts .chart").eachAttr("title")).containsExactly("connect: base vs new",
                "video.fps.p50: base vs new", "rtt.p95: base vs new");
        assertThat(doc.select("script")).hasSize(3);
        assertThat(doc.select("script").get(1).data()).contains("\\\"what\\\":\\\"rtt.p95\\\"", "\\\"base\\\":[2.0]",
                "\\\"now\\\":[3.0]");
    }

    @Test
    void valueMeasuredInOnlyOneRunShowsAsMissingAndIsNotCharted() {
        Document doc = page(run("a", "chrome-1", 30, Map.of("rtt", flat(2))), run("b", "chrome-1", 30, Map.of()));

        Element lost = doc.select("#changes tbody tr").stream().filter(tr -> tr.text().contains("rtt.p95")).findFirst().orElseThrow();
        assertThat(lost.select("td").stream().map(Element::text).toList()).containsExactly("chrome-1", "rtt.p95 (ms)", "2", "—",
                "", "regressed: no longer measured");
        assertThat(doc.select("#charts .chart").eachAttr("title")).doesNotContain("rtt.p95: base vs new");
    }

    @Test
    void peerNamesAreEscaped() {
        String name = "<img src=x onerror=alert(1)>";
        String html = CompareWriter.html(run("a", name, 30, Map.of()), run("b", name, 30, Map.of()),
                new RunComparison(Map.of()).compare(run("a", name, 30, Map.of()), run("b", name, 30, Map.of())));

        assertThat(Jsoup.parse(html).select("img")).isEmpty();
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
    }
}
