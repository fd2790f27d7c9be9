package org.rtcbench.report;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;

/**
 * Writes a run as JUnit XML for CI: one testcase per assertion, one per peer, one per interop
 * cell, for a load run one that all asked peers connected (its numbers and the generator-limited
 * flag go to the properties), and an error testcase {@code run} when the run did not finish normally.
 */
public final class JunitXmlWriter {
    /** The outcome {@link PeerSummary#outcome()} has when a peer did everything asked of it. */
    static final String PEER_OK = "ok";

    private JunitXmlWriter() {
    }

    /** The run's JUnit XML document; the caller writes it to {@code junit.xml} as UTF-8. */
    public static String write(RunSummary run) {
        String suite = "rtcbench." + Objects.requireNonNullElse(run.scenario(), "scenario");
        List<AssertionResult> assertions = Objects.requireNonNullElse(run.assertions(), List.of());
        List<PeerSummary> peers = Objects.requireNonNullElse(run.peers(), List.of());
        String runError = runError(run);

        List<InteropCell> cells = Objects.requireNonNullElse(run.matrix(), List.of());
        LoadSummary load = run.load();
        boolean loadShort = load != null && load.connected() < load.requested();
        long failures = assertions.stream().filter(a -> !a.passed()).count()
                + peers.stream().filter(p -> !PEER_OK.equals(p.outcome())).count()
                + cells.stream().filter(InteropCell::failed).count() + (loadShort ? 1 : 0);
        long skipped = cells.stream().filter(c -> "skipped".equals(c.outcome())).count();
        int errors = runError == null ? 0 : 1;
        int tests = assertions.size() + peers.size() + cells.size() + (load == null ? 0 : 1) + errors;
        String time = seconds(run.durationMs());

        return Xml.document("JUnit XML for run " + run.runId(), xml -> {
            xml.start(0, "testsuites", "name", "rtcbench", "tests", tests, "failures", failures, "errors", errors,
                    "time", time);
            xml.start(1, "testsuite", "name", suite, "tests", tests, "failures", failures, "errors", errors,
                    "skipped", skipped, "time", time, "timestamp", timestamp(run.startedAt()));
            writeProperties(xml, run, peers);
            for (AssertionResult a : assertions) {
                Object[] testcase = {"classname", suite, "name", a.assertion(), "time", "0"};
                if (a.passed()) {
                    xml.testcase(testcase, null, null);
                } else {
                    xml.testcase(testcase, "failure", assertionFailureBody(a), "message", assertionFailureMessage(a),
                            "type", "AssertionFailed");
                }
            }
            if (load != null) {
                Object[] testcase = {"classname", suite + ".load", "name", "all " + load.requested() + " synthetic peers connected", "time", "0"};
                if (loadShort) {
                    String message = "only " + load.connected() + " of " + load.requested() + " synthetic peers connected ("
                            + load.joined() + " joined, " + load.failed() + " failed)";
                    xml.testcase(testcase, "failure", message + (load.generatorLimited()
                            ? "\nthe generator was limited: " + load.generatorLimitedReason() : ""), "message", message,
                            "type", "PeersNotConnected");
                } else {
                    xml.testcase(testcase, null, null);
                }
            }
            for (PeerSummary p : peers) {
                Object[] testcase = {"classname", suite, "name", "peer " + p.name(), "time", "0"};
                if (PEER_OK.equals(p.outcome())) {
                    xml.testcase(testcase, null, null);
                } else {
                    xml.testcase(testcase, "failure", peerFailureBody(p), "message", peerFailureMessage(p), "type", "PeerFailed");
                }
            }
            for (InteropCell c : cells) {
                Object[] testcase = {"classname", suite + ".interop", "name", c.title(), "time", "0"};
                if ("passed".equals(c.outcome())) {
                    xml.testcase(testcase, null, null);
                } else if (c.failed()) {
                    xml.testcase(testcase, "failure", cellBody(c), "message", oneLine(c.title() + " failed: " + c.reason()),
                            "type", "InteropCellFailed");
                } else {
                    xml.testcase(testcase, "skipped", "", "message", oneLine(c.reason()));
                }
            }
            if (runError != null) {
                String type = run.status() == RunStatus.INTERRUPTED ? "RunInterrupted" : "RunError";
                xml.testcase(new Object[] {"classname", suite, "name", "run", "time", time}, "error", runError,
                        "message", runError, "type", type);
            }
            xml.end(1);
            xml.end(0);
        });
    }

    private static String cellBody(InteropCell c) {
        StringBuilder b = new StringBuilder(c.title()).append(": ").append(c.reason()).append('\n');
        c.measured().forEach((k, v) -> b.append("  ").append(k).append(" = ").append(number(v)).append('\n'));
        c.codecs().forEach((k, v) -> b.append("  codec ").append(k).append(" = ").append(v).append('\n'));
        return b.toString();
    }

    /** One line a CI page shows next to the red test: what was expected and what each peer measured. */
    static String assertionFailureMessage(AssertionResult a) {
        List<String> measured = new ArrayList<>();
        measuredOf(a).forEach((peer, v) -> measured.add(peer + " " + number(v)));
        String expected = a.expected() == null || a.expected().isBlank() ? "" : "expected " + a.expected() + ", ";
        String values = measured.isEmpty() ? "nothing measured" : "measured " + String.join(", ", measured);
        return oneLine(expected + values + (a.message() == null || a.message().isBlank() ? "" : " (" + a.message() + ")"));
    }

    private static String assertionFailureBody(AssertionResult a) {
        StringBuilder body = new StringBuilder();
        body.append("assertion: ").append(a.assertion()).append('\n');
        body.append("expected: ").append(Objects.requireNonNullElse(a.expected(), "")).append('\n');
        body.append("measured:\n");
        measuredOf(a).forEach((peer, v) -> body.append("  ").append(peer).append(": ").append(number(v)).append('\n'));
        if (a.message() != null) {
            body.append(a.message()).append('\n');
        }
        return body.toString();
    }

    private static String peerFailureMessage(PeerSummary p) {
        String outcome = p.outcome() == null ? "did not report an outcome" : p.outcome();
        return oneLine("peer " + p.name() + " " + outcome + (p.failure() == null ? "" : ": " + p.failure()));
    }

    private static String peerFailureBody(PeerSummary p) {
        StringBuilder body = new StringBuilder();
        body.append("outcome: ").append(p.outcome()).append('\n');
        if (p.failure() != null) {
            body.append("failure: ").append(p.failure()).append('\n');
        }
        body.append("browser: ").append(joined(p.browser(), p.browserVersion())).append('\n');
        body.append("driver: ").append(joined(p.driver(), p.driverVersion())).append('\n');
        if (p.where() != null) {
            body.append("runs in: ").append(p.where()).append('\n');
        }
        body.append("launch: ").append(p.launchMs() == null ? "missing" : p.launchMs() + " ms").append('\n');
        body.append("connect: ").append(p.connectMs() == null ? "never connected" : p.connectMs() + " ms").append('\n');
        body.append("samples: ").append(p.samples()).append('\n');
        return body.toString();
    }

    /** Why the run itself is an error, or null when it finished (passed or failed) normally. */
    private static String runError(RunSummary run) {
        RunStatus status = run.status();
        if (status == RunStatus.INTERRUPTED || status == RunStatus.ERROR || status == RunStatus.RUNNING || status == null) {
            String what = status == null ? "the run has no status"
                    : status == RunStatus.RUNNING ? "the run did not finish (run.json still says running)"
                    : "the run ended " + status.id();
            return oneLine(run.reason() == null || run.reason().isBlank() ? what : what + ": " + run.reason());
        }
        return null;
    }

    private static void writeProperties(Xml xml, RunSummary run, List<PeerSummary> peers) throws XMLStreamException {
        xml.start(2, "properties");
        property(xml, "rtcbench.version", run.rtcbenchVersion());
        property(xml, "run.id", run.runId());
        property(xml, "run.status", run.status() == null ? null : run.status().id());
        if (run.host() != null) {
            for (Map.Entry<String, Object> e : run.host().entrySet()) {
                property(xml, "host." + e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue()));
            }
        }
        LoadSummary load = run.load();
        if (load != null) {
            property(xml, "load.requested", Integer.toString(load.requested()));
            property(xml, "load.connected", Integer.toString(load.connected()));
            property(xml, "load.failed", Integer.toString(load.failed()));
            property(xml, "load.join.p95Ms", load.join() == null || load.join().p95Ms() == null ? null : load.join().p95Ms().toString());
            property(xml, "load.generatorLimited", Boolean.toString(load.generatorLimited()));
            property(xml, "load.generatorLimitedReason", load.generatorLimitedReason());
            property(xml, "load.gatlingReport", load.gatlingReport());
        }
        for (PeerSummary p : peers) {
            property(xml, "peer." + p.name() + ".browser", joined(p.browser(), p.browserVersion()));
            property(xml, "peer." + p.name() + ".driver", joined(p.driver(), p.driverVersion()));
            property(xml, "peer." + p.name() + ".provider", p.provider());
            property(xml, "peer." + p.name() + ".image", p.image());
            property(xml, "peer." + p.name() + ".imageId", p.imageId());
            property(xml, "peer." + p.name() + ".grid", p.grid());
        }
        xml.end(2);
    }

    private static void property(Xml xml, String name, String value) throws XMLStreamException {
        if (value != null && !value.isEmpty()) {
            xml.empty(3, "property", "name", name, "value", value);
        }
    }

    private static Map<String, Double> measuredOf(AssertionResult a) {
        return a.measured() == null ? Map.of() : a.measured();
    }

    private static String number(Double v) {
        return v == null ? "missing" : Assertion.formatNumber(v);
    }

    private static String joined(String name, String version) {
        if (name == null && version == null) {
            return "";
        }
        return name == null ? version : version == null ? name : name + " " + version;
    }

    private static String seconds(Long ms) {
        return ms == null ? "0" : String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /** JUnit's timestamp is an ISO date-time without zone; run.json keeps the zone, so convert to UTC. */
    private static String timestamp(String startedAt) {
        if (startedAt == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(startedAt).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            return startedAt;
        }
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /**
     * An XMLStreamWriter with indentation and with text made safe for XML 1.0: browser logs can
     * carry control characters (ANSI colours) that would otherwise make the whole file unreadable.
     */
}
