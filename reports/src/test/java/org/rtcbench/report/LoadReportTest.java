package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;

/**
 * A load run's report at scale: verdict and load view first, peers summarised by role and room with the
 * worst ten by each telling metric, the full table collapsed with a filter box, and charts of many peers
 * as p5/p50/p95 bands while a call of two keeps a line per peer.
 */
class LoadReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLoadRunLeadsWithTheVerdictAndTheLoadViewBeforeThePeerSummaryAndTable() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(crowd(), HtmlReportWriterTest.series(), HtmlReportWriterTest.events()));

        assertThat(doc.body().child(0).tagName()).isEqualTo("header");
        assertThat(doc.body().child(0).getElementById("verdict").text()).isEqualTo("FAILED");
        assertThat(doc.select("body > section").eachAttr("id")).containsExactly("load", "peer-summary", "peers-section",
                "time-series", "assertions-section", "run", "environment", "events", "files-section");
        assertThat(doc.select("header nav a").eachAttr("href")).startsWith("#load", "#peer-summary", "#peers-section");
    }

    @Test
    void aCallRunKeepsRunEnvironmentAndAnOpenPeerTableFirst() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed(), HtmlReportWriterTest.series()));

        assertThat(doc.select("body > section").eachAttr("id")).startsWith("run", "environment", "peers-section", "time-series");
        assertThat(doc.select("#peers-section details")).isEmpty();
        assertThat(doc.getElementById("peer-filter")).isNull();
        assertThat(doc.getElementById("peer-summary")).isNull();
    }

    @Test
    void eachRoleOverAllRoomsThenEachRoomShowsItsCountsAndThePercentilesAcrossItsPeers() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(crowd()));

        assertThat(doc.select("#peer-roles thead tr").get(0).select("th[colspan]").eachText()).containsExactly(
                "video.fps (fps)", "bitrate.in (kbps)", "bitrate.out (kbps)", "packetloss (%)", "rtt (ms)", "video.delay (ms)");
        assertThat(doc.select("#peer-roles thead tr").get(1).select("th").eachText())
                .containsExactly("p50", "p5", "p50", "p5", "p50", "p5", "p50", "p95", "p50", "p95", "p50", "p95");
        // role, room, peers, connected, failed; then p50 and tail of fps, bitrate.in, bitrate.out, loss, rtt, delay
        assertThat(rows(doc, "peer-roles")).containsExactly(
                List.of("sendonly", "all", "3", "2", "1", "—", "—", "—", "—", "300", "300", "—", "—", "20", "40", "—", "—"),
                List.of("recvonly", "all", "13", "13", "1", "15", "3", "600", "50", "—", "—", "0", "40", "15", "200", "100", "900"));
        assertThat(rows(doc, "peer-rooms")).containsExactly(
                List.of("sendonly", "r1", "2", "2", "0", "—", "—", "—", "—", "300", "300", "—", "—", "20", "40", "—", "—"),
                List.of("recvonly", "r1", "4", "4", "0", "14", "12", "580", "400", "—", "—", "0.50", "5", "20", "50", "90", "300"),
                List.of("sendonly", "r2", "1", "0", "1", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—"),
                List.of("recvonly", "r2", "2", "2", "1", "3", "3", "50", "50", "—", "—", "12", "40", "70", "200", "900", "900"),
                List.of("recvonly", "r3", "6", "6", "0", "15", "15", "600", "600", "—", "—", "0", "0", "15", "15", "100", "100"),
                List.of("recvonly", "—", "1", "1", "0", "30", "30", "900", "900", "—", "—", "0", "0", "5", "5", "60", "60"));
        assertThat(doc.select("table.peer-groups tr.degraded > td:eq(1)").eachText()).containsExactly("all", "all", "r2", "r2");
        Element rooms = doc.getElementById("peer-rooms-details");
        assertThat(rooms.hasAttr("open")).as("3 rooms: open").isTrue();
        assertThat(rooms.selectFirst("summary").text()).isEqualTo("Each room: 3 rooms and the peers in none, 2 of 6 rows with a peer that did not connect or failed");
        assertThat(doc.select("#peer-summary > *").eachAttr("id")).as("roles, then the worst peers, then each room")
                .containsSubsequence("worst", "peer-rooms-details");
    }

    @Test
    void moreThanTenRoomsStartClosedUnderTheWorstPeers() {
        RunSummary run = crowd();
        List<PeerSummary> peers = new ArrayList<>(run.peers());
        for (int room = 4; room <= 11; room++) {
            peers.add(subscriber("r" + room + "-sub-1", "ok", 15, 600, 0, 15, 100.0));
        }
        Element rooms = Jsoup.parse(HtmlReportWriter.write(run.withPeers(peers))).getElementById("peer-rooms-details");

        assertThat(rooms.hasAttr("open")).isFalse();
        assertThat(rooms.selectFirst("summary").text()).startsWith("Each room: 11 rooms");
        assertThat(rooms.select("#peer-rooms tbody tr")).hasSize(14);
    }

    @Test
    void aLoadViewOfMoreThanTwentyRoomsKeepsItsRoomTableClosedAndSaysHowManyAreDegraded() {
        org.rtcbench.core.run.LoadSummary l = ExampleRuns.loadSummary(false, null);
        org.rtcbench.core.run.LoadSummary big = new org.rtcbench.core.run.LoadSummary(l.target(), l.url(), 21, l.publishers(),
                l.subscribers(), l.injection(), l.requested(), l.joined(), l.connected(), l.failed(), l.join(), l.iceConnected(),
                l.firstFrame(), false, null, l.timeline(), null, List.of(), List.of(), l.subscribeTo(), l.feeds(), null, null);

        Document small = Jsoup.parse(HtmlReportWriter.write(crowd()));
        assertThat(small.getElementById("load-rooms-details").hasAttr("open")).isTrue();
        assertThat(small.selectFirst("#load-rooms-details > summary").text()).isEqualTo("5 rooms, 5 with a peer that did not connect");
        assertThat(small.getElementById("load-feeds-details").hasAttr("open")).isTrue();

        Document doc = Jsoup.parse(HtmlReportWriter.write(crowd().withLoad(big)));
        assertThat(doc.getElementById("load-rooms-details").hasAttr("open")).isFalse();
        assertThat(doc.select("#load-rooms tbody tr")).hasSize(21);
        assertThat(doc.selectFirst("#load-rooms-details > summary").text()).isEqualTo("21 rooms, 21 with a peer that did not connect");
    }

    @Test
    void aLoadRunsAssertionMeasuredOnManyPeersListsThemClosed() {
        RunSummary run = crowd();
        Map<String, Double> fps = new LinkedHashMap<>();
        run.peers().forEach(p -> fps.put(p.name(), p.metrics().containsKey("video.fps") ? p.metrics().get("video.fps").p50() : null));
        RunSummary asserted = new RunSummary(run.runId(), run.scenario(), run.status(), run.reason(), run.startedAt(), run.endedAt(),
                run.durationMs(), run.firstConnectedAfterLaunchMs(), run.rtcbenchVersion(), run.host(), run.peers(),
                List.of(new org.rtcbench.core.assertion.AssertionResult("video.fps.p50 >= 10", false, ">= 10", fps, "2 below")),
                List.of()).withLoad(run.load());

        Element cell = Jsoup.parse(HtmlReportWriter.write(asserted)).select("#assertions tbody tr td").get(3);
        assertThat(cell.selectFirst("details.measured").hasAttr("open")).isFalse();
        assertThat(cell.selectFirst("details.measured > summary").text()).isEqualTo("16 peers");
        assertThat(cell.select("li")).hasSize(16);
        assertThat(cell.select("li").get(8).text()).isEqualTo("r2-sub-2: 3");
    }

    @Test
    void theWorstTenPeersByEachTellingMetricAreNamedWorstFirstWithTiesInRunOrder() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(crowd()));

        assertThat(doc.select("#worst table.worst").eachAttr("data-metric")).containsExactly("video.fps", "packetloss", "rtt", "video.delay");
        assertThat(worst(doc, "video.fps")).containsExactly("r2-sub-2 3", "r2-sub-1 9", "r1-sub-3 12", "r1-sub-2 14", "r1-sub-1 15",
                "r1-sub-4 15", "r3-sub-1 15", "r3-sub-2 15", "r3-sub-3 15", "r3-sub-4 15");
        assertThat(worst(doc, "packetloss")).containsExactly("r2-sub-2 40", "r2-sub-1 12", "r1-sub-3 5", "r1-sub-2 1", "r1-sub-4 0.50",
                "r1-sub-1 0", "r3-sub-1 0", "r3-sub-2 0", "r3-sub-3 0", "r3-sub-4 0");
        assertThat(worst(doc, "rtt")).containsExactly("r2-sub-2 200", "r2-sub-1 70", "r1-sub-3 50", "r1-pub-2 40", "r1-sub-2 30",
                "r1-pub-1 20", "r1-sub-4 20", "r3-sub-1 15", "r3-sub-2 15", "r3-sub-3 15");
        assertThat(worst(doc, "video.delay")).as("r2-sub-1 never measured its delay: not in the list")
                .containsExactly("r2-sub-2 900", "r1-sub-3 300", "r1-sub-2 120", "r3-sub-1 100", "r3-sub-2 100", "r3-sub-3 100",
                        "r3-sub-4 100", "r3-sub-5 100", "r3-sub-6 100", "r1-sub-4 90");
        Element fps = doc.selectFirst("table.worst[data-metric=video.fps]");
        assertThat(fps.selectFirst("caption").text()).isEqualTo("Lowest video.fps (fps, each peer's p50)");
        assertThat(fps.select("tbody tr").get(0).select("td").eachText()).containsExactly("1", "r2-sub-2", "recvonly", "r2", "3");
        assertThat(doc.selectFirst("table.worst[data-metric=rtt] caption").text()).isEqualTo("Highest rtt (ms, each peer's p95)");
    }

    @Test
    void theFullPeerTableIsCollapsedSortableAndFilterable() {
        Document doc = Jsoup.parse(HtmlReportWriter.write(crowd()));

        Element details = doc.selectFirst("#peers-section > details#peer-table");
        assertThat(details).isNotNull();
        assertThat(details.hasAttr("open")).as("collapsed").isFalse();
        assertThat(details.selectFirst("summary").text()).startsWith("The full table of 16 peers");
        Element filter = details.selectFirst("input#peer-filter");
        assertThat(filter.attr("type")).isEqualTo("search");
        assertThat(details.select("table#peers tbody tr")).hasSize(16);
        assertThat(details.select("table#peers th[data-col]").eachAttr("data-col"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
                        "18", "19", "20", "21", "22");
        assertThat(doc.select("script[src]")).as("inline, nothing loaded").isEmpty();
        assertThat(doc.select("script").last().data()).contains("getElementById('peer-filter')", "aria-sort");
    }

    @Test
    void manyPeersAreChartedAsP5P50P95BandsAcrossPeers() throws Exception {
        Map<String, List<MetricPoint>> series = fpsOfPeers(12);
        JsonNode data = JSON.readTree(ChartData.json(series, null, null, List.of(), new ArrayList<>()));

        assertThat(data.path("bands").asBoolean()).isTrue();
        assertThat(data.path("peers").size()).as("no line per peer").isZero();
        JsonNode fps = data.path("band").path("video.fps");
        assertThat(longs(fps.path("t"))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        // peer k reports k fps; peer 12 missed second 2; nobody reported second 4
        assertThat(text(fps.path("p5"))).containsExactly("1", "1", "1", "1", "null", "1");
        assertThat(text(fps.path("p50"))).containsExactly("6", "6", "6", "6", "null", "6");
        assertThat(text(fps.path("p95"))).containsExactly("12", "12", "11", "12", "null", "12");
        assertThat(longs(fps.path("n"))).containsExactly(12L, 12L, 11L, 12L, 0L, 12L);
        assertThat(data.path("band").has("rtt")).as("a metric no peer reported has no band").isFalse();

        Document doc = Jsoup.parse(HtmlReportWriter.write(crowd(), series));
        assertThat(doc.getElementById("time-series-how").text()).startsWith("Across peers: at each second, the p5, p50");
        assertThat(doc.select("#charts .chart").eachAttr("data-chart")).containsExactly("metric:video.fps");
    }

    @Test
    void twoPeersAreChartedAsALineEach() throws Exception {
        Map<String, List<MetricPoint>> series = fpsOfPeers(2);
        JsonNode data = JSON.readTree(ChartData.json(series, null, null, List.of(), new ArrayList<>()));

        assertThat(data.path("bands").asBoolean()).isFalse();
        assertThat(data.has("band")).isFalse();
        assertThat(data.path("peers").fieldNames()).toIterable().containsExactly("peer-1", "peer-2");
        assertThat(text(data.path("peers").path("peer-2").path("video.fps"))).containsExactly("2", "2", "null", "2", "null", "2");
        assertThat(Jsoup.parse(HtmlReportWriter.write(ExampleRuns.failed(), series)).getElementById("time-series-how").text())
                .startsWith("One line per peer");
    }

    @Test
    void tenPeersAreStillLinesAndElevenAreBands() {
        assertThat(PeerBands.drawn(fpsOfPeers(PeerBands.LINES_UP_TO))).isFalse();
        assertThat(PeerBands.drawn(fpsOfPeers(PeerBands.LINES_UP_TO + 1))).isTrue();
        Map<String, List<MetricPoint>> withSilent = fpsOfPeers(PeerBands.LINES_UP_TO);
        withSilent.put("never-sampled", List.of());
        assertThat(PeerBands.drawn(withSilent)).as("a peer without samples draws no line").isFalse();
    }

    @Test
    void aLongRunsBandHasAtMostOnePointPerBinOfSeveralSeconds() {
        List<MetricPoint> points = new ArrayList<>();
        for (int s = 0; s <= 1800; s++) {
            points.add(new MetricPoint(s * 1000L, Map.of(Metric.RTT, (double) s)));
        }
        PeerBands band = PeerBands.of(List.of(points), Metric.RTT);

        assertThat(band.t()).hasSize(601).startsWith(0L, 3L, 6L).endsWith(1800L);
        assertThat(band.n()).startsWith(3, 3).endsWith(1);
        assertThat(band.p50()[1]).as("seconds 3, 4, 5").isEqualTo(4.0);
        assertThat(band.p95()[1]).isEqualTo(5.0);
    }

    /** Peers peer-1..peer-N, 6 s; peer k reports video.fps k each second but the 5th, and the last peer misses the 3rd. */
    private static Map<String, List<MetricPoint>> fpsOfPeers(int n) {
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        for (int k = 1; k <= n; k++) {
            List<MetricPoint> points = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                Map<Metric, Double> v = new EnumMap<>(Metric.class);
                if (s != 4 && !(k == n && s == 2)) {
                    v.put(Metric.VIDEO_FPS, (double) k);
                }
                points.add(new MetricPoint(s * 1000L + 7 * k, v));
            }
            out.put("peer-" + k, points);
        }
        return out;
    }

    /**
     * A load run through three rooms and one browser observer: r1 has two publishers and four subscribers,
     * r2 a publisher that never connected and two subscribers (one failed after connecting, one never
     * measured its delay), r3 six identical subscribers.
     */
    static RunSummary crowd() {
        List<PeerSummary> peers = new ArrayList<>();
        peers.add(publisher("r1-pub-1", 100L, "ok", 300, 20));
        peers.add(publisher("r1-pub-2", 120L, "ok", 310, 40));
        peers.add(subscriber("r1-sub-1", "ok", 15, 600, 0, 10, 80.0));
        peers.add(subscriber("r1-sub-2", "ok", 14, 580, 1, 30, 120.0));
        peers.add(subscriber("r1-sub-3", "ok", 12, 400, 5, 50, 300.0));
        peers.add(subscriber("r1-sub-4", "ok", 15, 610, 0.5, 20, 90.0));
        peers.add(new PeerSummary("r2-pub-1", "java", "sendonly", "libwebrtc", "0.14.0", null, null, 5L, null, "failed",
                "never connected", 0, Map.of()));
        peers.add(subscriber("r2-sub-1", "ok", 9, 200, 12, 70, null));
        peers.add(subscriber("r2-sub-2", "failed", 3, 50, 40, 200, 900.0));
        for (int i = 1; i <= 6; i++) {
            peers.add(subscriber("r3-sub-" + i, "ok", 15, 600, 0, 15, 100.0));
        }
        Map<String, Summary> chrome = metrics(30, 900, 0, 5, 60.0);
        peers.add(new PeerSummary("chrome-1", "chrome", "recvonly", "chromium", "156.0.8078.114", "chromedriver", "156.0.8078.114",
                900L, 400L, "ok", null, 10, chrome));
        RunSummary base = ExampleRuns.failed();
        return new RunSummary("20261206-170000-load", "load-crowd", base.status(), "2 peers failed", base.startedAt(), base.endedAt(),
                base.durationMs(), base.firstConnectedAfterLaunchMs(), base.rtcbenchVersion(), base.host(), peers, List.of(), List.of())
                .withLoad(ExampleRuns.loadSummary(false, null));
    }

    private static PeerSummary publisher(String name, Long connectMs, String outcome, double kbpsOut, double rttP95) {
        Map<String, Summary> m = new LinkedHashMap<>();
        m.put("bitrate.out", new Summary(10, kbpsOut - 50, kbpsOut, kbpsOut + 20, kbpsOut + 30, kbpsOut, kbpsOut));
        m.put("rtt", new Summary(10, 1, rttP95 / 2, rttP95, rttP95 + 1, rttP95, rttP95));
        return new PeerSummary(name, "java", "sendonly", "libwebrtc", "0.14.0", null, null, 5L, connectMs, outcome, null, 10, m);
    }

    private static PeerSummary subscriber(String name, String outcome, double fps, double kbpsIn, double lossP95, double rttP95,
                                          Double delayP95) {
        return new PeerSummary(name, "java", "recvonly", "libwebrtc", "0.14.0", null, null, 5L, 300L, outcome,
                "ok".equals(outcome) ? null : "disconnected after 20 s", 10, metrics(fps, kbpsIn, lossP95, rttP95, delayP95));
    }

    /**
     * Summaries whose p50 and p95 differ, so that a wrong choice shows: fps and bitrate are read at p50, loss,
     * RTT and delay at p95.
     */
    private static Map<String, Summary> metrics(double fps, double kbpsIn, double lossP95, double rttP95, Double delayP95) {
        Map<String, Summary> m = new LinkedHashMap<>();
        m.put("video.fps", new Summary(10, fps - 2, fps, fps + 1, fps + 1, fps, fps));
        m.put("bitrate.in", new Summary(10, kbpsIn - 50, kbpsIn, kbpsIn + 20, kbpsIn + 30, kbpsIn, kbpsIn));
        m.put("packetloss", new Summary(10, 0, lossP95 / 4, lossP95, lossP95, lossP95, lossP95));
        m.put("rtt", new Summary(10, 1, rttP95 / 2, rttP95, rttP95 + 1, rttP95, rttP95));
        if (delayP95 != null) {
            m.put("video.delay", new Summary(10, 10, delayP95 / 2, delayP95, delayP95 + 5, delayP95, delayP95));
        }
        return m;
    }

    /** The peers of a worst list, each as "name value". */
    private static List<String> worst(Document doc, String metric) {
        return doc.select("table.worst[data-metric=" + metric + "] tbody tr").stream()
                .map(tr -> tr.child(1).text() + " " + tr.child(4).text()).toList();
    }

    private static List<List<String>> rows(Document doc, String tableId) {
        List<List<String>> out = new ArrayList<>();
        for (Element tr : doc.getElementById(tableId).select("tbody > tr")) {
            out.add(tr.select("td").stream().map(Element::text).toList());
        }
        return out;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static List<String> text(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? "null" : n.asText()));
        return out;
    }
}
