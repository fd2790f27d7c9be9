package org.rtcbench.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;

/**
 * What report.jte shows, worked out from a run: every value already formatted as text, and a value that
 * was not measured kept as {@code null} so that the templates show it as missing, never as 0.
 */
record ReportView(String scenario, String status, String reason, List<Fact> run, List<Fact> environment,
                  List<VersionRow> versions, List<Metric> peerMetrics, List<PeerRow> peers, List<ChartRef> charts,
                  List<MatrixTable> matrix, LoadView load, List<AssertionRow> assertions, List<EventRow> events,
                  int eventsTotal, List<FileLink> files, String chartData, String rtcbenchVersion, NetworkView network,
                  PeerSummaryView peerSummary, boolean bands) {

    /** The metrics the peers table shows, each as p50 and p95. */
    static final List<Metric> PEER_METRICS = List.of(Metric.VIDEO_FPS, Metric.BITRATE_IN, Metric.BITRATE_OUT,
            Metric.RTT, Metric.VIDEO_DELAY, Metric.AUDIO_JITTER, Metric.PACKET_LOSS);
    /** The event timeline shows at most this many events; all of them stay in events.jsonl. */
    static final int MAX_EVENTS = 500;
    /** The load view's tables of rooms and of feeds start closed above this many rows, so a big run's summary is not pushed down. */
    static final int LONG_TABLE = 20;
    /** In a load run, an assertion's value per peer is listed closed when it names more peers than this. */
    static final int MEASURED_OPEN_UP_TO = 10;
    /** The per-room breakdown of the peer summary starts closed above this many rooms (the worst lists name the peers to look at). */
    static final int ROOMS_OPEN_UP_TO = 10;

    /**
     * A load run's peers by role and room, and the worst peers by each telling metric (see {@link PeerGroups}):
     * what a load run's report shows before its full peer table.
     */
    record PeerSummaryView(List<SummaryColumn> columns, List<GroupRow> roles, List<WorstList> worst, List<GroupRow> rooms,
                           int roomCount, boolean roomsOpen) {
    }

    /** A telling metric: which of each peer's percentiles is taken ({@code p50} or {@code p95}) and which tail across peers. */
    record SummaryColumn(String id, String unit, String description, String perPeer, String tail) {
    }

    /** One role in one room (or all rooms): counts, and per telling metric its p50 and tail across peers (null: none measured it). */
    record GroupRow(String role, String room, boolean allRooms, String peers, String connected, String failed, boolean degraded,
                    List<String> values) {
    }

    record WorstList(String metric, String title, List<WorstRow> rows) {
    }

    record WorstRow(String rank, String peer, String role, String room, String value) {
    }

    /** A term and its value (null: not known or not measured). */
    record Fact(String term, String value) {
    }

    /** One browser (or library) and driver version, with the peers that ran it. */
    record VersionRow(String kind, String browser, String driver, String peers) {
    }

    record PeerRow(String name, String kind, String role, String browser, String driver, String launchMs,
                   String connectMs, String outcome, boolean ok, String failure, String samples, List<String> metrics) {
    }

    /** One chart container: what it draws ({@code metric:video.fps}, {@code load:peers}, ...) and its title. */
    record ChartRef(String key, String title) {
    }

    record MatrixTable(String codec, List<String> kinds, List<MatrixRow> rows) {
    }

    record MatrixRow(String caller, List<MatrixCellView> cells) {
    }

    /** A cell; {@code outcome} null when the pair was not run. */
    record MatrixCellView(String title, String outcome, String css, List<String> details) {
    }

    record LoadView(List<Fact> setup, String requested, String joined, String connected, String failed,
                    boolean generatorLimited, String generatorLimitedReason, List<TimingRow> timings, List<RoomRow> rooms,
                    List<ChartRef> charts, String gatlingReport, String gatlingReportText, List<FeedRow> feeds) {
    }

    /** A feed the subscribers took: room, the target's id, its display name, who published it (this run's peer, or not this run). */
    record FeedRow(String room, String feedId, String display, boolean own, String publishedBy, String subscriptions) {
    }

    /**
     * One room of a load run: its name (r1, r2, ...), Janus's id, whether it existed before the run,
     * its publishers and subscribers that connected out of those asked, and its subscribers' worst
     * fps p50 and worst packet loss p95 (null when none measured them).
     */
    record RoomRow(String name, String janusId, boolean reused, String publishers, String subscribers, String worstFpsP50,
                   String worstLossP95, boolean degraded) {
    }

    record TimingRow(String what, String count, String p50, String p95, String max) {
    }

    record Measured(String peer, String value) {
    }

    record AssertionRow(String assertion, boolean passed, String expected, List<Measured> measured, String message) {
    }

    record EventRow(String at, String type, String peer, String details) {
    }

    record FileLink(String href, String what, boolean linked) {
    }

    /** run.json's network section, formatted: where it was impaired, each link direction's setting and measurement, the timeline. */
    record NetworkView(String backend, String seed, String relayPorts, String relayCpu, List<NetworkLinkRow> links,
                       List<NetworkStepRow> steps) {
    }

    record NetworkLinkRow(String peer, String direction, String configured, String last, String arrived, String passed,
                          String dropped, String dropPercent, String drops, String meanAddedMs, String peakKbps) {
    }

    record NetworkStepRow(String at, String peers, String change) {
    }

    private static NetworkView network(org.rtcbench.core.run.NetworkSummary n) {
        if (n == null) {
            return null;
        }
        List<NetworkLinkRow> links = new ArrayList<>();
        for (org.rtcbench.core.run.NetworkSummary.Link l : n.links()) {
            links.add(new NetworkLinkRow(l.peer(), l.direction(), l.configured(), l.last(), Long.toString(l.arrived()),
                    Long.toString(l.passed()), Long.toString(l.dropped()), String.format(Locale.ROOT, "%.2f", l.dropPercent()),
                    l.drops().getOrDefault("loss", 0L) + " / " + l.drops().getOrDefault("queue", 0L) + " / "
                            + l.drops().getOrDefault("blackout", 0L),
                    String.format(Locale.ROOT, "%.1f", l.meanAddedMs()), String.format(Locale.ROOT, "%.0f", l.peakKbps())));
        }
        List<NetworkStepRow> steps = new ArrayList<>();
        for (org.rtcbench.core.run.NetworkSummary.Step s : Objects.requireNonNullElse(n.steps(), List.<org.rtcbench.core.run.NetworkSummary.Step>of())) {
            steps.add(new NetworkStepRow(String.format(Locale.ROOT, "+%.1f s", s.atMs() / 1000.0), s.peers(), s.change()));
        }
        return new NetworkView(n.backend(), Long.toString(n.seed()), Integer.toString(n.relayPorts()),
                String.format(Locale.ROOT, "%.2f s", n.relayCpuSeconds()), links, steps);
    }

    static ReportView of(RunSummary run, Map<String, List<MetricPoint>> series, List<RunEvents.Event> events) {
        List<PeerSummary> peers = Objects.requireNonNullElse(run.peers(), List.of());
        String status = run.status() == null ? "unknown" : run.status().id();
        List<ChartRef> charts = new ArrayList<>();
        String chartData = ChartData.json(series, run.load(), run.network(), peers, charts);
        LoadView load = run.load() == null ? null : load(run.load(), peers);
        boolean anyChart = !charts.isEmpty() || load != null && !load.charts().isEmpty();
        return new ReportView(Objects.requireNonNullElse(run.scenario(), "scenario"), status, blankToNull(run.reason()),
                runFacts(run, status), environment(run), versions(peers), PEER_METRICS, peerRows(peers), charts,
                matrix(Objects.requireNonNullElse(run.matrix(), List.of())), load,
                assertions(Objects.requireNonNullElse(run.assertions(), List.of())), eventRows(run, events), events.size(),
                files(run, peers), anyChart ? chartData : null, Objects.requireNonNullElse(run.rtcbenchVersion(), ""), network(run.network()),
                load == null ? null : peerSummary(peers), PeerBands.drawn(series));
    }

    private static PeerSummaryView peerSummary(List<PeerSummary> peers) {
        List<SummaryColumn> columns = new ArrayList<>();
        for (Metric m : PeerGroups.TELLING) {
            columns.add(new SummaryColumn(m.id(), m.unit(), m.description(), PeerGroups.aggregate(m).name().toLowerCase(Locale.ROOT),
                    "p" + PeerGroups.tail(m)));
        }
        List<GroupRow> groups = new ArrayList<>();
        for (PeerGroups.Group g : PeerGroups.groups(peers)) {
            List<String> values = new ArrayList<>();
            for (PeerGroups.Spread s : g.spreads()) {
                values.add(s.p50() == null ? null : number(s.p50()));
                values.add(s.tail() == null ? null : number(s.tail()));
            }
            groups.add(new GroupRow(g.role(), g.allRooms() ? "all" : g.room(), g.allRooms(), Integer.toString(g.peers()),
                    Integer.toString(g.connected()), Integer.toString(g.failed()), g.connected() < g.peers() || g.failed() > 0, values));
        }
        List<WorstList> worst = new ArrayList<>();
        for (PeerGroups.Worst w : PeerGroups.worst(peers)) {
            Metric m = w.metric();
            String title = (m.higherIsBetter() ? "Lowest " : "Highest ") + m.id() + " (" + m.unit() + ", each peer's "
                    + PeerGroups.aggregate(m).name().toLowerCase(Locale.ROOT) + ")";
            List<WorstRow> rows = new ArrayList<>();
            for (PeerGroups.Ranked r : w.peers()) {
                rows.add(new WorstRow(Integer.toString(rows.size() + 1), r.peer(), r.role(), r.room(), number(r.value())));
            }
            worst.add(new WorstList(m.id(), title, rows));
        }
        List<GroupRow> roles = groups.stream().filter(GroupRow::allRooms).toList();
        List<GroupRow> rooms = groups.stream().filter(g -> !g.allRooms()).toList();
        int roomCount = (int) rooms.stream().map(GroupRow::room).filter(Objects::nonNull).distinct().count();
        return new PeerSummaryView(columns, roles, worst, rooms, roomCount, roomCount <= ROOMS_OPEN_UP_TO);
    }

    private static List<Fact> runFacts(RunSummary run, String status) {
        return List.of(new Fact("Run id", run.runId()), new Fact("Status", status), new Fact("Started", run.startedAt()),
                new Fact("Ended", run.endedAt()), new Fact("Duration", duration(run.durationMs())),
                new Fact("First connection after the command started", millis(run.firstConnectedAfterLaunchMs())));
    }

    /** rtcbench and everything run.json says about the host, memory in GiB. */
    private static List<Fact> environment(RunSummary run) {
        List<Fact> out = new ArrayList<>();
        out.add(new Fact("rtcbench", run.rtcbenchVersion()));
        Map<String, Object> host = run.host() == null ? Map.of() : run.host();
        Map<String, String> known = new LinkedHashMap<>();
        known.put("cores", "CPU cores");
        known.put("memoryBytes", "Memory");
        known.put("os", "OS");
        known.put("java", "Java");
        known.put("hostname", "Host name");
        known.forEach((key, term) -> {
            Object v = host.get(key);
            out.add(new Fact(term, v == null ? null : "memoryBytes".equals(key) && v instanceof Number n
                    ? String.format(Locale.ROOT, "%.1f GiB", n.doubleValue() / (1L << 30)) : String.valueOf(v)));
        });
        host.forEach((key, v) -> {
            if (!known.containsKey(key)) {
                out.add(new Fact(key, v == null ? null : String.valueOf(v)));
            }
        });
        return out;
    }

    private static List<VersionRow> versions(List<PeerSummary> peers) {
        Map<List<String>, List<String>> byVersion = new LinkedHashMap<>();
        for (PeerSummary p : peers) {
            List<String> key = new ArrayList<>();
            key.add(Objects.requireNonNullElse(p.kind(), ""));
            key.add(Objects.requireNonNullElse(withWhere(joined(p.browser(), p.browserVersion()), p), ""));
            key.add(Objects.requireNonNullElse(joined(p.driver(), p.driverVersion()), ""));
            byVersion.computeIfAbsent(key, k -> new ArrayList<>()).add(p.name());
        }
        List<VersionRow> out = new ArrayList<>();
        byVersion.forEach((k, names) -> out.add(new VersionRow(blankToNull(k.get(0)), blankToNull(k.get(1)),
                blankToNull(k.get(2)), names.size() <= 6 ? String.join(", ", names)
                : names.size() + " peers (" + names.get(0) + " … " + names.get(names.size() - 1) + ")")));
        return out;
    }

    /** A browser's name and version, and where it ran when that was a container or a Grid. */
    private static String withWhere(String browser, PeerSummary p) {
        return p.where() == null ? browser : (browser == null ? "" : browser + ", ") + "in " + p.where();
    }

    private static List<PeerRow> peerRows(List<PeerSummary> peers) {
        List<PeerRow> out = new ArrayList<>();
        for (PeerSummary p : peers) {
            Map<String, Summary> metrics = p.metrics() == null ? Map.of() : p.metrics();
            List<String> values = new ArrayList<>();
            for (Metric m : PEER_METRICS) {
                Summary s = metrics.get(m.id());
                values.add(s == null ? null : number(s.p50()));
                values.add(s == null ? null : number(s.p95()));
            }
            out.add(new PeerRow(p.name(), p.kind(), p.role(), withWhere(joined(p.browser(), p.browserVersion()), p),
                    joined(p.driver(), p.driverVersion()), p.launchMs() == null ? null : p.launchMs().toString(),
                    p.connectMs() == null ? null : p.connectMs().toString(), p.outcome(),
                    JunitXmlWriter.PEER_OK.equals(p.outcome()), blankToNull(p.failure()), Integer.toString(p.samples()), values));
        }
        return out;
    }

    /** One table per codec; callers down, callees across. */
    private static List<MatrixTable> matrix(List<InteropCell> cells) {
        Set<String> codecs = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (InteropCell c : cells) {
            codecs.add(c.codec() == null ? "" : c.codec());
            kinds.add(c.caller());
            kinds.add(c.callee());
        }
        List<MatrixTable> out = new ArrayList<>();
        for (String codec : codecs) {
            List<MatrixRow> rows = new ArrayList<>();
            for (String caller : kinds) {
                List<MatrixCellView> row = new ArrayList<>();
                for (String callee : kinds) {
                    InteropCell cell = cells.stream().filter(c -> c.caller().equals(caller) && c.callee().equals(callee)
                            && (c.codec() == null ? "" : c.codec()).equals(codec)).findFirst().orElse(null);
                    row.add(cell == null ? new MatrixCellView(caller + " -> " + callee + (codec.isEmpty() ? "" : " (" + codec + ")"),
                            null, "missing", List.of()) : cell(cell));
                }
                rows.add(new MatrixRow(caller, row));
            }
            out.add(new MatrixTable(codec.isEmpty() ? null : "video " + codec.toUpperCase(Locale.ROOT), List.copyOf(kinds), rows));
        }
        return out;
    }

    private static MatrixCellView cell(InteropCell c) {
        List<String> details = new ArrayList<>();
        if (c.reason() != null) {
            details.add(c.reason());
        }
        details.add(c.connectMs() == null ? "connect time: not measured" : "connected in " + c.connectMs() + " ms");
        if (c.measured() != null) {
            c.measured().forEach((k, v) -> details.add(k + ": " + (v == null ? "not measured" : number(v))));
        }
        if (c.codecs() != null) {
            c.codecs().forEach((k, v) -> details.add(k + ": " + v));
        }
        String css = "passed".equals(c.outcome()) ? "pass" : c.failed() ? "fail" : "skip";
        return new MatrixCellView(c.title(), Objects.requireNonNullElse(c.outcome(), "unknown"), css, details);
    }

    private static LoadView load(LoadSummary l, List<PeerSummary> peers) {
        List<Fact> setup = List.of(new Fact("Target", l.target()), new Fact("URL", l.url() != null ? l.url() : "a local Janus that rtcbench started (its address: the janus-started event)"),
                new Fact("Rooms", Integer.toString(l.rooms())), new Fact("Publishers", Integer.toString(l.publishers()) + " per room"),
                new Fact("Subscribers", Integer.toString(l.subscribers()) + " per room, each subscribing to "
                        + ("own".equals(l.subscribeTo()) ? "every publisher this run put in its room" : "every publisher of its room, also those this run did not create")),
                new Fact("Injection", l.injection()));
        List<TimingRow> timings = new ArrayList<>();
        timings.add(timing("join", l.join()));
        timings.add(timing("ICE connected", l.iceConnected()));
        timings.add(timing("first frame", l.firstFrame()));
        List<ChartRef> charts = new ArrayList<>();
        if (!l.timeline().isEmpty()) {
            charts.add(new ChartRef("load:peers", "Peers joined, connected and failed over time"));
        }
        if (l.join() != null && !l.join().valuesMs().isEmpty()) {
            charts.add(new ChartRef("load:join", "Join time distribution"));
        }
        if (l.timeline().stream().anyMatch(p -> p.generatorCpuPercent() != null || p.lateFramesPercent() != null)) {
            charts.add(new ChartRef("load:generator", "Load generator: its CPU, the host's CPU and late frames"));
        }
        if (!ChartData.subscriptions(peers).isEmpty()) {
            charts.add(new ChartRef("load:subscriptions", "Per subscription, from the markers: end-to-end delay and PSNR"));
        }
        String gatling = blankToNull(l.gatlingReport());
        return new LoadView(setup, Integer.toString(l.requested()), Integer.toString(l.joined()),
                Integer.toString(l.connected()), Integer.toString(l.failed()), l.generatorLimited(),
                blankToNull(l.generatorLimitedReason()), timings, rooms(l, peers), charts, relativeHref(gatling), gatling,
                l.feeds().stream().map(f -> new FeedRow(Long.toString(f.room()), Long.toString(f.feedId()), f.display(), f.own(),
                        f.own() ? f.publisher() : "not this run", Integer.toString(f.subscriptions()))).toList());
    }

    /** Per room, from the synthetic peers' names ({@code r<k>-pub-<i>}, {@code r<k>-sub-<j>}): who connected and how its subscribers fared. */
    static List<RoomRow> rooms(LoadSummary l, List<PeerSummary> peers) {
        List<RoomRow> out = new ArrayList<>();
        for (int k = 1; k <= l.rooms(); k++) {
            String prefix = "r" + k + "-";
            List<PeerSummary> pubs = peers.stream().filter(p -> p.name().startsWith(prefix + "pub-")).toList();
            List<PeerSummary> subs = peers.stream().filter(p -> p.name().startsWith(prefix + "sub-")).toList();
            Double fps = subs.stream().map(p -> metric(p, "video.fps")).filter(Objects::nonNull).map(m -> m.p50()).min(Double::compare).orElse(null);
            Double loss = subs.stream().map(p -> metric(p, "packetloss")).filter(Objects::nonNull).map(m -> m.p95()).max(Double::compare).orElse(null);
            long pubsOk = pubs.stream().filter(p -> "ok".equals(p.outcome())).count();
            long subsOk = subs.stream().filter(p -> "ok".equals(p.outcome())).count();
            Long id = k <= l.roomIds().size() ? l.roomIds().get(k - 1) : null;
            boolean degraded = pubsOk < l.publishers() || subsOk < l.subscribers();
            out.add(new RoomRow("r" + k, id == null ? null : Long.toString(id), id != null && l.reusedRoomIds().contains(id),
                    pubsOk + "/" + l.publishers(), subsOk + "/" + l.subscribers(),
                    fps == null ? null : number(fps), loss == null ? null : number(loss), degraded));
        }
        return out;
    }

    private static org.rtcbench.core.metric.Summary metric(PeerSummary p, String key) {
        return p.metrics() == null ? null : p.metrics().get(key);
    }

    private static TimingRow timing(String what, LoadSummary.Timing t) {
        if (t == null) {
            return new TimingRow(what, null, null, null, null);
        }
        return new TimingRow(what, Integer.toString(t.count()), millisOrNull(t.p50Ms()), millisOrNull(t.p95Ms()),
                millisOrNull(t.maxMs()));
    }

    private static List<AssertionRow> assertions(List<AssertionResult> results) {
        List<AssertionRow> out = new ArrayList<>();
        for (AssertionResult a : results) {
            List<Measured> measured = new ArrayList<>();
            if (a.measured() != null) {
                a.measured().forEach((peer, v) -> measured.add(new Measured(peer, v == null ? null : number(v))));
            }
            out.add(new AssertionRow(a.assertion(), a.passed(), blankToNull(a.expected()), measured, blankToNull(a.message())));
        }
        return out;
    }

    /** Times since the run started (or since the first event when run.json has no start). */
    private static List<EventRow> eventRows(RunSummary run, List<RunEvents.Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        long origin = events.get(0).timestamp();
        try {
            if (run.startedAt() != null) {
                origin = Instant.parse(run.startedAt()).toEpochMilli();
            }
        } catch (RuntimeException e) {
            // not an instant: keep the first event as time zero
        }
        List<EventRow> out = new ArrayList<>();
        for (RunEvents.Event e : events.subList(0, Math.min(MAX_EVENTS, events.size()))) {
            Map<String, String> fields = new LinkedHashMap<>(e.fields());
            String peer = fields.remove("peer");
            StringBuilder details = new StringBuilder();
            fields.forEach((k, v) -> details.append(details.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            out.add(new EventRow(String.format(Locale.ROOT, "%+.1f s", (e.timestamp() - origin) / 1000.0), e.type(), peer,
                    details.toString()));
        }
        return out;
    }

    private static List<FileLink> files(RunSummary run, List<PeerSummary> peers) {
        List<FileLink> out = new ArrayList<>();
        out.add(new FileLink("run.json", "summary of the run", true));
        out.add(new FileLink(RunReports.SUMMARY_JSON, "stable summary for dashboards (schema " + SummaryJson.SCHEMA + ")", true));
        out.add(new FileLink(RunReports.METRICS_CSV, "every peer's metrics, one row per sample", true));
        out.add(new FileLink(RunReports.JUNIT_XML, "for CI", true));
        out.add(new FileLink("events.jsonl", "joins, state changes, errors and timeline steps", true));
        out.add(new FileLink("rtcbench.log", "the run's log", true));
        out.add(new FileLink("scenario.yaml", "the scenario as run", true));
        for (PeerSummary p : peers) {
            String file = "samples/" + pathSegment(p.name()) + ".jsonl";
            // the file is created by the first sample, so without samples there is nothing to link to
            out.add(p.samples() > 0 ? new FileLink(file, p.samples() + " getStats() samples of " + p.name(), true)
                    : new FileLink("samples/" + p.name() + ".jsonl", "no samples of " + p.name(), false));
        }
        if (run.load() != null && run.load().gatlingReport() != null) {
            String href = relativeHref(run.load().gatlingReport());
            out.add(new FileLink(href == null ? run.load().gatlingReport() : href, "the Gatling report", href != null));
        }
        return out;
    }

    /** A link target from run.json only when it is a relative path (no scheme, not absolute), else null. */
    static String relativeHref(String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.startsWith("\\")) {
            return null;
        }
        int colon = path.indexOf(':');
        int slash = path.indexOf('/');
        return colon >= 0 && (slash < 0 || colon < slash) ? null : path;
    }

    static String number(double v) {
        return Double.isNaN(v) ? null : Assertion.formatNumber(v);
    }

    private static String joined(String name, String version) {
        if (name == null) {
            return version;
        }
        return version == null ? name : name + " " + version;
    }

    private static String duration(Long ms) {
        return ms == null ? null : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String millis(Long ms) {
        return ms == null ? null : ms + " ms";
    }

    private static String millisOrNull(Long ms) {
        return ms == null ? null : ms.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A peer name as one URL path segment (names are checked when read, but run.json may come from anywhere). */
    private static String pathSegment(String s) {
        return URLEncoder.encode(Objects.requireNonNullElse(s, ""), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
