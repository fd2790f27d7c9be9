package org.rtcbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;

/**
 * summary.json: the run for dashboards, in a schema that changes only with {@link #VERSION} (documented
 * in reports/README.md). Unlike run.json it never drops a key: every documented key is always there,
 * {@code null} when not known or not measured (never 0), and every peer lists every metric of
 * {@link MetricsCsv#METRICS}.
 */
public final class SummaryJson {
    /** The schema's name, written as {@code schema}. */
    public static final String SCHEMA = "rtcbench.summary/v1";
    /** Raised on any change that removes, renames or retypes a key; adding a key keeps it. */
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    /** The document as pretty-printed JSON text. */
    public static String write(RunSummary run) {
        try {
            return JSON.writeValueAsString(tree(run)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(RunSummary run) {
        List<PeerSummary> peers = Objects.requireNonNullElse(run.peers(), List.of());
        List<AssertionResult> assertions = Objects.requireNonNullElse(run.assertions(), List.of());
        List<InteropCell> matrix = Objects.requireNonNullElse(run.matrix(), List.of());
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("schemaVersion", VERSION);
        root.put("runId", run.runId());
        root.put("scenario", run.scenario());
        root.put("verdict", run.status() == null ? null : run.status().id());
        root.put("reason", run.reason());
        root.put("startedAt", run.startedAt());
        root.put("endedAt", run.endedAt());
        root.put("durationMs", run.durationMs());
        root.put("firstConnectedAfterLaunchMs", run.firstConnectedAfterLaunchMs());
        root.put("rtcbenchVersion", run.rtcbenchVersion());
        root.set("host", JSON.valueToTree(run.host() == null ? Map.of() : run.host()));

        ObjectNode counts = root.putObject("counts");
        counts.put("peers", peers.size());
        counts.put("peersOk", peers.stream().filter(p -> JunitXmlWriter.PEER_OK.equals(p.outcome())).count());
        counts.put("assertions", assertions.size());
        counts.put("assertionsFailed", assertions.stream().filter(a -> !a.passed()).count());
        counts.put("cells", matrix.size());
        counts.put("cellsFailed", matrix.stream().filter(InteropCell::failed).count());

        ArrayNode peerArray = root.putArray("peers");
        for (PeerSummary p : peers) {
            ObjectNode o = peerArray.addObject();
            o.put("name", p.name());
            o.put("kind", p.kind());
            o.put("role", p.role());
            o.put("browser", p.browser());
            o.put("browserVersion", p.browserVersion());
            o.put("driver", p.driver());
            o.put("driverVersion", p.driverVersion());
            o.put("launchMs", p.launchMs());
            o.put("connectMs", p.connectMs());
            o.put("outcome", p.outcome());
            o.put("failure", p.failure());
            o.put("samples", p.samples());
            ObjectNode metrics = o.putObject("metrics");
            Map<String, Summary> measured = p.metrics() == null ? Map.of() : p.metrics();
            for (Metric m : MetricsCsv.METRICS) {
                Summary s = measured.get(m.id());
                if (s == null) {
                    metrics.putNull(m.id());
                    continue;
                }
                ObjectNode agg = metrics.putObject(m.id());
                agg.put("unit", m.unit());
                agg.put("count", s.count());
                agg.put("min", s.min());
                agg.put("p50", s.p50());
                agg.put("p95", s.p95());
                agg.put("max", s.max());
                agg.put("last", s.last());
                agg.put("mean", s.mean());
            }
        }

        ArrayNode assertionArray = root.putArray("assertions");
        for (AssertionResult a : assertions) {
            ObjectNode o = assertionArray.addObject();
            o.put("assertion", a.assertion());
            o.put("passed", a.passed());
            o.put("expected", a.expected());
            ObjectNode values = o.putObject("measured");
            if (a.measured() != null) {
                a.measured().forEach(values::put);
            }
            o.put("message", a.message());
        }

        ArrayNode cells = root.putArray("matrix");
        for (InteropCell c : matrix) {
            ObjectNode o = cells.addObject();
            o.put("title", c.title());
            o.put("caller", c.caller());
            o.put("callee", c.callee());
            o.put("codec", c.codec());
            o.put("outcome", c.outcome());
            o.put("reason", c.reason());
            o.put("connectMs", c.connectMs());
            ObjectNode values = o.putObject("measured");
            if (c.measured() != null) {
                c.measured().forEach(values::put);
            }
            ObjectNode codecs = o.putObject("codecs");
            if (c.codecs() != null) {
                c.codecs().forEach(codecs::put);
            }
        }

        LoadSummary l = run.load();
        if (l == null) {
            root.putNull("load");
        } else {
            ObjectNode o = root.putObject("load");
            o.put("target", l.target());
            o.put("url", l.url());
            o.put("rooms", l.rooms());
            o.put("publishers", l.publishers());
            o.put("subscribers", l.subscribers());
            o.put("injection", l.injection());
            o.put("requested", l.requested());
            o.put("joined", l.joined());
            o.put("connected", l.connected());
            o.put("failed", l.failed());
            o.put("generatorLimited", l.generatorLimited());
            o.put("generatorLimitedReason", l.generatorLimitedReason());
            timing(o, "join", l.join());
            timing(o, "iceConnected", l.iceConnected());
            timing(o, "firstFrame", l.firstFrame());
            o.put("gatlingReport", l.gatlingReport());
            l.roomIds().forEach(o.putArray("roomIds")::add);
            l.reusedRoomIds().forEach(o.putArray("reusedRoomIds")::add);
            o.put("subscribeTo", l.subscribeTo());
            com.fasterxml.jackson.databind.node.ArrayNode feeds = o.putArray("feeds");
            for (LoadSummary.Feed f : l.feeds()) {
                ObjectNode feed = feeds.addObject();
                feed.put("room", f.room());
                feed.put("feedId", f.feedId());
                feed.put("display", f.display());
                feed.put("own", f.own());
                feed.put("publisher", f.publisher());
                feed.put("subscriptions", f.subscriptions());
            }
        }
        return root;
    }

    private static void timing(ObjectNode parent, String name, LoadSummary.Timing t) {
        ObjectNode o = parent.putObject(name);
        o.put("count", t == null ? 0 : t.count());
        o.put("p50Ms", t == null ? null : t.p50Ms());
        o.put("p95Ms", t == null ? null : t.p95Ms());
        o.put("maxMs", t == null ? null : t.maxMs());
    }
}
