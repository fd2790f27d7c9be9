package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;

/** report.html as a browser parses it: sections, numbers, missing values, escaping, matrix and load view. */
class HtmlReportWriterTest {
    /** Columns before the metrics: peer, kind, role, browser, driver, launch, connect, outcome, samples. */
    private static final int FIRST_METRIC_COLUMN = 9;

    @Test
    void verdictShowsTheStatusInItsColourWithTheReason() {
        String html = HtmlReportWriter.write(ExampleRuns.failed());
        Document doc = Jsoup.parse(html);

        Element verdict = doc.getElementById("verdict");
        assertThat(verdict.text()).isEqualTo("FAILED");
        assertThat(verdict.className()).isEqualTo("verdict status-failed");
        assertThat(html).contains(".status-failed{background:#cf222e}");
        assertThat(doc.selectFirst("header p.reason").text()).isEqualTo("1 assertion and 1 peer failed");
        assertThat(doc.selectFirst("h1").text()).isEqualTo("two-browsers");
        assertThat(doc.getElementById("run").text()).contains("20250501-100000-two-browsers", "2025-05-01T10:00:00Z",
                "2025-05-01T10:00:20.400Z", "20.4 s", "1200 ms");
    }

    @Test
    void everySectionIsThereInReadingOrder() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.interop(), series(), events()));

        List<String> sections = doc.select("body > section").eachAttr("id");
        assertThat(sections).containsExactly("run", "environment", "peers-section", "time-series", "matrix",
                "assertions-section", "events", "files-section");
        assertThat(doc.select("section > h2").eachText()).containsExactly("Run", "Environment", "Peers", "Time series",
                "Interop matrix", "Assertions", "Event timeline", "Files");
    }

    @Test
    void environmentShowsHostCoresMemoryAndEveryBrowserAndDriverVersion() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.interop()));

        Map<String, String> facts = facts(doc.getElementById("environment"));
        assertThat(facts).containsEntry("rtcbench", "0.1.0-SNAPSHOT").containsEntry("CPU cores", "8")
                .containsEntry("Memory", "16.0 GiB").containsEntry("OS", "Linux 6.1.0 amd64")
                .containsEntry("Java", "Eclipse Adoptium 17.0.13").containsEntry("Host name", "ci-7");
        assertThat(rows(doc, "versions")).containsExactly(
                List.of("chrome", "chromium 120.0.6099.224", "chromedriver 120.0.6099.224", "chrome-1"),
                List.of("firefox", "firefox 128.5.0esr", "geckodriver 0.35.0", "firefox"));
    }

    @Test
    void hostFactsRunJsonDoesNotHaveShowAsMissing() {
        Map<String, String> facts = facts(Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed())).getElementById("environment"));

        assertThat(facts).containsEntry("CPU cores", "—").containsEntry("Memory", "—").containsEntry("OS", "Linux");
    }

    @Test
    void peersTableShowsVersionsTimingsOutcomeAndMetricPercentiles() {
        List<String> chrome = row(Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed())), "peers", "chrome-1");

        assertThat(chrome.subList(0, FIRST_METRIC_COLUMN)).containsExactly("chrome-1", "chrome", "sendrecv",
                "chromium 120.0.6099.224", "chromedriver 120.0.6099.224", "850", "1200", "ok", "20");
        // video.fps, bitrate.in, bitrate.out, rtt, audio.jitter, packetloss: p50 and p95 each
        assertThat(chrome.subList(FIRST_METRIC_COLUMN, chrome.size()))
                .containsExactly("18", "30", "1040.50", "1200", "820", "900", "2", "3.25", "—", "—", "—", "—", "0", "0.50");
    }

    @Test
    void metricThatWasNotMeasuredShowsAsMissingNeverZero() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed()));

        List<String> firefox = row(doc, "peers", "firefox");
        assertThat(firefox.subList(FIRST_METRIC_COLUMN, firefox.size())).hasSize(14).containsOnly("—");
        assertThat(firefox.get(6)).as("connect ms").isEqualTo("—");
        assertThat(firefox.get(7)).isEqualTo("failed " + ExampleRuns.FIREFOX_FAILURE);
        assertThat(doc.select("#peers td.missing").eachAttr("title")).hasSize(19).containsOnly("not measured");
    }

    @Test
    void assertionsTableShowsResultExpectedMeasuredPerPeerAndMessage() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed()));

        assertThat(row(doc, "assertions", "video.fps.p50 >= 25")).containsExactly("video.fps.p50 >= 25", "fail",
                ">= 25", "chrome-1: 18 firefox: —",
                "video.fps.p50 expected >= 25 fps; chrome-1: measured 18 fps; firefox: video.fps not measured");
        assertThat(row(doc, "assertions", "connected within 10s for chrome-1")).element(1).isEqualTo("pass");
        assertThat(doc.select("#assertions td.fail").eachText()).containsExactly("fail");
    }

    @Test
    void matrixCellsAreColouredByOutcomeAndOpenToTheirNumbers() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.interop()));
        Element table = doc.selectFirst("#matrix table.matrix");

        assertThat(doc.selectFirst("#matrix h3").text()).isEqualTo("video VP8");
        assertThat(table.select("thead th").eachText()).containsExactly("caller \\ callee", "chrome", "firefox", "java");
        Element passed = table.selectFirst("td[title=\"chrome -> firefox (vp8)\"]");
        assertThat(passed.className()).isEqualTo("pass");
        assertThat(passed.selectFirst("details > summary").text()).isEqualTo("passed");
        assertThat(passed.select("details li").eachText()).containsExactly("connected in 640 ms",
                "chrome->firefox video.fps: 29.50", "firefox->chrome video.fps: 30", "video: VP8");
        Element failed = table.selectFirst("td[title=\"firefox -> chrome (vp8)\"]");
        assertThat(failed.className()).isEqualTo("fail");
        assertThat(failed.select("details li").eachText()).containsExactly("no video <frames> & no audio",
                "connect time: not measured", "firefox->chrome video.fps: 0");
        assertThat(table.selectFirst("td[title=\"chrome -> java (vp8)\"]").className()).isEqualTo("skip");
        assertThat(table.selectFirst("td[title=\"java -> java (vp8): not run\"]").text()).isEqualTo("—");
    }

    @Test
    void loadViewIsShownOnlyForLoadRuns() {
        assertThat(Jsoup.parse(HtmlReportWriter.write(ExampleRuns.interop())).getElementById("load")).isNull();
        assertThat(Jsoup.parse(HtmlReportWriter.write(ExampleRuns.interop())).getElementById("generator-limited-banner")).isNull();

        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.load()));
        Element load = doc.getElementById("load");
        assertThat(load).isNotNull();
        assertThat(load.select("#load-counts > div").eachText()).containsExactly("50 requested", "48 joined",
                "47 connected", "2 failed");
        assertThat(load.select(".chart").eachAttr("data-chart")).containsExactly("load:peers", "load:join", "load:generator", "load:subscriptions");
        assertThat(load.selectFirst("#gatling a").attr("href")).isEqualTo("gatling/index.html");
    }

    @Test
    void aLoadRunChartsEverySubscriptionsDelayAndPsnrFromItsMarkers() throws Exception {
        RunSummary run = ExampleRuns.load();
        com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ChartData.json(Map.of(), run.load(), null, run.peers(), new java.util.ArrayList<>()));

        com.fasterxml.jackson.databind.JsonNode subs = data.path("load").path("subscriptions");
        assertThat(subs.path("labels")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("r1-sub-1 ← r1-pub-1", "r1-sub-1 ← r1-pub-2");
        assertThat(subs.path("delayP50").get(1).asDouble()).isEqualTo(73.0);
        assertThat(subs.path("psnrP50").get(0).asDouble()).isEqualTo(54.7);
        assertThat(subs.path("psnrP50").get(1).isNull()).as("not measured: a gap, never 0").isTrue();
        assertThat(Jsoup.parse(HtmlReportWriter.write(ExampleRuns.interop().withLoad(ExampleRuns.loadSummary(false, null))))
                .select(".chart[data-chart=load:subscriptions]")).as("no feed measured: no chart").isEmpty();
    }

    @Test
    void generatorLimitedIsFlaggedUnderTheVerdictAndInTheLoadView() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.load()));

        Element banner = doc.selectFirst("header #generator-limited-banner");
        assertThat(banner.text()).startsWith("Load generator limited").endsWith("generator CPU at 97% of 8 cores for 12 s");
        assertThat(doc.getElementById("generator-limited").text())
                .isEqualTo("Generator limited: yes. generator CPU at 97% of 8 cores for 12 s");

        Document kept = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.interop().withLoad(ExampleRuns.loadSummary(false, null))));
        assertThat(kept.getElementById("generator-limited-banner")).isNull();
        assertThat(kept.getElementById("generator-limited").text()).startsWith("Generator limited: no");
        assertThat(kept.getElementById("gatling").text()).isEqualTo("No Gatling report was written.");
    }

    @Test
    void eachRoomShowsItsJanusIdWhoConnectedAndItsSubscribersWorstFpsAndLoss() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.load()));
        assertThat(rows(doc, "load-rooms")).hasSize(5);
        assertThat(row(doc, "load-rooms", "r1")).startsWith("r1", "1001 (existed before)");
        assertThat(doc.select("#gatling")).as("one Gatling link, one id").hasSize(1);

        LoadSummary l = ExampleRuns.loadSummary(false, null);
        List<PeerSummary> peers = List.of(
                peer("r1-pub-1", "ok", null, null), peer("r1-sub-1", "ok", 15.0, 0.5), peer("r1-sub-2", "ok", 9.0, 3.0),
                peer("r2-pub-1", "failed", null, null), peer("r2-sub-1", "ok", null, null));
        List<ReportView.RoomRow> rooms = ReportView.rooms(l, peers);
        assertThat(rooms.get(0)).isEqualTo(new ReportView.RoomRow("r1", "1001", true, "1/10", "2/40", "9", "3", true));
        assertThat(rooms.get(1).worstFpsP50()).as("no subscriber measured fps: missing, not 0").isNull();
        assertThat(rooms.get(1).publishers()).isEqualTo("0/10");
        assertThat(rooms.get(4).janusId()).isEqualTo("1005");
        assertThat(rooms.get(4).reused()).isFalse();
    }

    @Test
    void everyFeedTheSubscribersTookIsNamedByItsDisplayAndWhetherThisRunPublishedIt() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.load()));
        assertThat(rows(doc, "load-feeds")).containsExactly(
                List.of("1001", "7001", "r1-pub-1", "r1-pub-1", "8"),
                List.of("1001", "4242", "WHIP Publisher studio-cam", "not this run", "8"));
        assertThat(doc.select("#load-feeds tr.foreign")).hasSize(1);
        assertThat(doc.getElementById("load").text()).contains("every publisher of its room, also those this run did not create");
    }

    private static PeerSummary peer(String name, String outcome, Double fps, Double loss) {
        Map<String, org.rtcbench.core.metric.Summary> metrics = new java.util.HashMap<>();
        if (fps != null) {
            metrics.put("video.fps", new org.rtcbench.core.metric.Summary(10, fps, fps, fps, fps, fps, fps));
        }
        if (loss != null) {
            metrics.put("packetloss", new org.rtcbench.core.metric.Summary(10, 0, loss / 2, loss, loss, loss, loss));
        }
        return new PeerSummary(name, "java", name.contains("pub") ? "sendonly" : "recvonly", "libwebrtc", "0.14.0", null, null,
                0L, "ok".equals(outcome) ? 100L : null, outcome, "ok".equals(outcome) ? null : "never connected", 10, metrics);
    }

    @Test
    void loadTimingsNeverMeasuredShowAsMissing() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.load()));

        assertThat(row(doc, "load-timings", "join")).containsExactly("join", "48", "675", "1050", "1105");
        assertThat(row(doc, "load-timings", "first frame")).containsExactly("first frame", "0", "—", "—", "—");
    }

    @Test
    void chartsAreOnePerMetricSomePeerReported() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed(), series()));

        assertThat(doc.select("#charts .chart").eachAttr("data-chart")).containsExactly("metric:bitrate.in",
                "metric:video.fps", "metric:rtt");
        String data = doc.select("script").get(1).data();
        // rtt was not measured for ten seconds: nulls in its column, never zeros
        assertThat(data).contains("\\\"rtt\\\":[1,2,3,1,2,3,1,2,3,1,2,3,1,2,3,1,2,3,1,2,null,null,null");
    }

    @Test
    void eventTimelineShowsEveryEventSinceTheStart() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed(), Map.of(), events()));

        assertThat(rows(doc, "event-timeline")).containsExactly(
                List.of("+0.0 s", "run-started", "—", "runId=20250501-100000-two-browsers, scenario=two-browsers"),
                List.of("+1.5 s", "peer-launched", "chrome-1", "kind=chrome, launchMs=850"),
                List.of("+15.2 s", "peer-failed", "firefox", "reason=ICE failed <no candidates>"));
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
    void markupInScenarioNameAndReasonCannotInjectElements() {
        String html = HtmlReportWriter.write(ExampleRuns.hostile());

        assertThat(html).doesNotContain("<script").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        Document doc = Jsoup.parse(html);
        assertThat(doc.getElementById("verdict").className()).isEqualTo("verdict status-error");
        assertThat(doc.selectFirst("header p.reason").text())
                .isEqualTo("browser said \uFFFD[31m<b>no</b>\uFFFD[0m \"quoted\" 'single'");
        assertThat(html).doesNotContain("\u001b");
        assertThat(doc.select("b, script")).isEmpty();
    }

    @Test
    void markupInPeerNamesEventsAndCellsCannotInjectElementsOrEndTheScript() {
        String hostile = "</script><img src=x onerror=alert(1)>";
        Map<String, List<MetricPoint>> series = new LinkedHashMap<>();
        series.put(hostile, series().get("chrome-1"));
        List<RunEvents.Event> events = List.of(new RunEvents.Event(1_746_093_600_000L, "<i>type</i>", Map.of("peer", hostile)));

        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.interop().withLoad(
                ExampleRuns.loadSummary(true, "javascript:alert(1)")), series, events));

        assertThat(doc.select("img, i")).isEmpty();
        assertThat(doc.select("script")).as("ECharts, the data, charts.js and the peer table's script").hasSize(4);
        assertThat(doc.select("script").get(1).data()).startsWith("const RTCBENCH_DATA = JSON.parse(\"")
                .doesNotContain("</").contains("<\\/script><img src=x onerror=alert(1)>");
        assertThat(doc.select("a[href^=javascript]")).isEmpty();
        assertThat(doc.getElementById("gatling").text()).contains("javascript:alert(1)", "not linked");
        assertThat(rows(doc, "event-timeline").get(0)).containsExactly("+0.0 s", "<i>type</i>", hostile, "");
    }

    @Test
    void linksToTheRawFilesAreRelative() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed()));

        assertThat(doc.select("#files a").eachAttr("href")).containsExactly("run.json", "summary.json", "metrics.csv",
                "junit.xml", "events.jsonl", "rtcbench.log", "scenario.yaml", "samples/chrome-1.jsonl");
        assertThat(Jsoup.parse(HtmlReportWriter.write(ExampleRuns.load())).select("#files a").eachAttr("href"))
                .endsWith("gatling/index.html");
    }

    @Test
    void peerWithoutSamplesIsListedButNotLinked() {
        String files = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed())).getElementById("files").text();

        assertThat(files).contains("samples/chrome-1.jsonl 20 getStats() samples of chrome-1")
                .contains("samples/firefox.jsonl no samples of firefox");
    }

    @Test
    void pageWithoutChartDataNeedsNoNetworkAndNoScript() {
        String html = HtmlReportWriter.write(ExampleRuns.failed());

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta charset=\"utf-8\" />")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script").doesNotContain("src=");
    }

    @Test
    void pageWithChartsCarriesEchartsInlineAndLoadsNothing() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.load(), series()));

        assertThat(doc.select("script")).hasSize(4).allSatisfy(s -> assertThat(s.attr("src")).isEmpty());
        assertThat(doc.select("script").get(0).data()).contains("echarts").hasSizeGreaterThan(500_000);
        assertThat(doc.select("link, img, iframe, [src]")).isEmpty();
    }

    /** chrome-1 and firefox, 60 s: fps and bitrate throughout, rtt missing from 20 s to 30 s. */
    static Map<String, List<MetricPoint>> series() {
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        for (String peer : List.of("chrome-1", "firefox")) {
            List<MetricPoint> points = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Map<Metric, Double> v = new EnumMap<>(Metric.class);
                v.put(Metric.VIDEO_FPS, 25.0 + (i % 5));
                v.put(Metric.BITRATE_IN, 500.0 + 10 * i - (peer.equals("firefox") ? 150 : 0));
                if (i < 20 || i > 30) {
                    v.put(Metric.RTT, 1.0 + (i % 3));
                }
                points.add(new MetricPoint(i * 1000L, v));
            }
            out.put(peer, points);
        }
        return out;
    }

    /** Three events of the failed run, the first at its start. */
    static List<RunEvents.Event> events() {
        long start = java.time.Instant.parse("2025-05-01T10:00:00Z").toEpochMilli();
        Map<String, String> started = new LinkedHashMap<>();
        started.put("runId", "20250501-100000-two-browsers");
        started.put("scenario", "two-browsers");
        Map<String, String> launched = new LinkedHashMap<>();
        launched.put("peer", "chrome-1");
        launched.put("kind", "chrome");
        launched.put("launchMs", "850");
        Map<String, String> failed = new LinkedHashMap<>();
        failed.put("peer", "firefox");
        failed.put("reason", "ICE failed <no candidates>");
        return List.of(new RunEvents.Event(start, "run-started", started),
                new RunEvents.Event(start + 1500, "peer-launched", launched),
                new RunEvents.Event(start + 15_240, "peer-failed", failed));
    }

    @Test
    void anImpairedRunShowsEachLinksSettingAndMeasurementAndTheTimelineAsChartMarkers() {
        org.rtcbench.core.run.NetworkSummary network = new org.rtcbench.core.run.NetworkSummary("userspace-udp-relay", 42, 4, 0.41,
                List.of(new org.rtcbench.core.run.NetworkSummary.Link("chrome-1", "up", "delay 25ms, loss 5%", "delay 25ms, loss 20%",
                        2000, 1900, 100, 5.0, new java.util.TreeMap<>(Map.of("loss", 100L, "queue", 0L, "blackout", 0L)), 0, 0, 25.04, 310.6, 480_000)),
                List.of(new org.rtcbench.core.run.NetworkSummary.Step(10_004, "all", "loss 20%")));
        String html = HtmlReportWriter.write(ExampleRuns.interop().withNetwork(network), series(), events());
        Document doc = Jsoup.parse(html);

        assertThat(doc.select("body > section").eachAttr("id")).contains("network");
        assertThat(doc.getElementById("network-backend").text()).contains("userspace-udp-relay", "seed 42", "4 relay ports", "0.41 s");
        assertThat(rows(doc, "network-links")).containsExactly(List.of("chrome-1", "up", "delay 25ms, loss 5%", "delay 25ms, loss 20%",
                "2000", "1900", "100", "5.00", "100 / 0 / 0", "25.0", "311"));
        assertThat(rows(doc, "network-steps")).containsExactly(List.of("+10.0 s", "all", "loss 20%"));
        assertThat(html).as("the step is a marker on every time chart (embedded as an escaped JSON string)")
                .contains("\\\"label\\\":\\\"loss 20%\\\"");
    }

    private static Map<String, String> facts(Element section) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element dt : section.select("dl > dt")) {
            out.put(dt.text(), dt.nextElementSibling().text());
        }
        return out;
    }

    private static List<List<String>> rows(Document doc, String tableId) {
        List<List<String>> out = new ArrayList<>();
        for (Element tr : doc.getElementById(tableId).select("tbody > tr")) {
            out.add(tr.select("td").stream().map(Element::text).toList());
        }
        return out;
    }

    /** The text of each cell of the body row of table {@code tableId} whose first cell is {@code first}. */
    private static List<String> row(Document doc, String tableId, String first) {
        return rows(doc, tableId).stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in table " + tableId));
    }
}
