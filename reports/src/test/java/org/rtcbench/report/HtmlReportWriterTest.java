package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportWriterTest {
    /** Columns before the metrics: peer, kind, role, browser, driver, launch, connect, outcome, samples. */
    private static final int FIRST_METRIC_COLUMN = 9;

    @Test
    void verdictShowsTheStatusInItsColourWithTheReason() throws Exception {
        String html = HtmlReportWriter.write(ExampleRuns.failed());

        Element verdict = byId(parse(html), "verdict");
        assertThat(verdict.getTextContent()).isEqualTo("FAILED");
        assertThat(verdict.getAttribute("class")).isEqualTo("verdict status-failed");
        assertThat(html).contains(".status-failed{background:#cf222e}")
                .contains("1 assertion and 1 peer failed")
                .contains("<h1>two-browsers</h1>")
                .contains("20250501-100000-two-browsers")
                .contains("2025-05-01T10:00:00Z")
                .contains("2025-05-01T10:00:20.400Z")
                .contains("20.4 s");
    }

    @Test
    void peersTableShowsVersionsTimingsOutcomeAndMetricPercentiles() throws Exception {
        List<String> chrome = row(parse(HtmlReportWriter.write(ExampleRuns.failed())), "peers", "chrome-1");

        assertThat(chrome.subList(0, FIRST_METRIC_COLUMN)).containsExactly("chrome-1", "chrome", "sendrecv",
                "chromium 120.0.6099.224", "chromedriver 120.0.6099.224", "850", "1200", "ok", "20");
        // video.fps, bitrate.in, bitrate.out, rtt, audio.jitter, packetloss: p50 and p95 each
        assertThat(chrome.subList(FIRST_METRIC_COLUMN, chrome.size()))
                .containsExactly("18", "30", "1040.50", "1200", "820", "900", "2", "3.25", "—", "—", "0", "0.50");
    }

    @Test
    void metricThatWasNotMeasuredShowsAsMissingNeverZero() throws Exception {
        Document doc = parse(HtmlReportWriter.write(ExampleRuns.failed()));

        List<String> firefox = row(doc, "peers", "firefox");
        assertThat(firefox.subList(FIRST_METRIC_COLUMN, firefox.size())).hasSize(12).containsOnly("—");
        assertThat(firefox.get(6)).as("connect ms").isEqualTo("—");
        assertThat(firefox.get(7)).isEqualTo("failed" + ExampleRuns.FIREFOX_FAILURE);
    }

    @Test
    void assertionsTableShowsResultExpectedMeasuredPerPeerAndMessage() throws Exception {
        Document doc = parse(HtmlReportWriter.write(ExampleRuns.failed()));

        assertThat(row(doc, "assertions", "video.fps.p50 >= 25")).containsExactly("video.fps.p50 >= 25", "fail",
                ">= 25", "chrome-1: 18firefox: —",
                "video.fps.p50 expected >= 25 fps; chrome-1: measured 18 fps; firefox: video.fps not measured");
        assertThat(row(doc, "assertions", "connected within 10s for chrome-1")).element(1).isEqualTo("pass");
    }

    @Test
    void textFromTheRunIsEscaped() {
        String html = HtmlReportWriter.write(ExampleRuns.failed());

        assertThat(html).contains("<td>audio.jitter.p95 &lt; 30 for a&amp;b</td>")
                .contains("held &amp; fine")
                .contains("ICE failed after 15 s &lt;no candidates&gt; &amp; gave up")
                .doesNotContain("a&b")
                .doesNotContain("<no candidates>");
    }

    @Test
    void markupInScenarioNameAndReasonCannotInjectElements() throws Exception {
        String html = HtmlReportWriter.write(ExampleRuns.hostile());

        assertThat(html).doesNotContain("<script").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;quoted&quot; &#39;single&#39;");
        assertThat(byId(parse(html), "verdict").getAttribute("class"))
                .isEqualTo("verdict status-error");
    }

    @Test
    void linksToTheRawFilesAreRelative() throws Exception {
        Document doc = parse(HtmlReportWriter.write(ExampleRuns.failed()));

        List<String> hrefs = new ArrayList<>();
        NodeList links = doc.getElementsByTagName("a");
        for (int i = 0; i < links.getLength(); i++) {
            hrefs.add(((Element) links.item(i)).getAttribute("href"));
        }
        assertThat(hrefs).containsExactly("run.json", "junit.xml", "events.jsonl", "scenario.yaml",
                "samples/chrome-1.jsonl");
    }

    @Test
    void peerWithoutSamplesIsListedButNotLinked() throws Exception {
        String files = byId(parse(HtmlReportWriter.write(ExampleRuns.failed())), "files").getTextContent();

        assertThat(files).contains("samples/chrome-1.jsonl 20 getStats() samples of chrome-1")
                .contains("samples/firefox.jsonl no samples of firefox");
    }

    @Test
    void pageNeedsNoNetworkAndNoScript() {
        String html = HtmlReportWriter.write(ExampleRuns.failed());

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta charset=\"utf-8\" />")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script").doesNotContain("src=");
    }

    private static Document parse(String html) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    /** The text of each cell of the body row of table {@code tableId} whose first cell is {@code first}. */
    private static List<String> row(Document doc, String tableId, String first) {
        NodeList rows = byId(doc, tableId).getElementsByTagName("tbody").item(0).getChildNodes();
        for (int i = 0; i < rows.getLength(); i++) {
            if (!(rows.item(i) instanceof Element tr)) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            NodeList tds = tr.getElementsByTagName("td");
            for (int j = 0; j < tds.getLength(); j++) {
                cells.add(tds.item(j).getTextContent());
            }
            if (cells.get(0).equals(first)) {
                return cells;
            }
        }
        throw new AssertionError("no row " + first + " in table " + tableId);
    }
}
