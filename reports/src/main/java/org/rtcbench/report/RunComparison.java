package org.rtcbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.metric.Aggregate;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;

/**
 * Compares two runs of the same scenario metric by metric and cell by cell, matching peers by name
 * and cells by caller, callee and codec (never by run ids), and says what moved, by how much,
 * whether that direction is worse, and whether it is worse beyond its tolerance (a regression).
 */
public final class RunComparison {
    /**
     * How far a value may move in its worse direction before it counts as a regression: beyond
     * both {@code relative} (a share of the base value) and {@code absolute} (in the metric's unit).
     */
    public record Tolerance(double relative, double absolute) {
        boolean exceededBy(double base, double change) {
            return Math.abs(change) > Math.max(relative * Math.abs(base), absolute);
        }

        @Override
        public String toString() {
            String rel = relative > 0 ? Assertion.formatNumber(100 * relative) + "%" : "";
            String abs = absolute > 0 ? Assertion.formatNumber(absolute) : "";
            return rel.isEmpty() ? abs : abs.isEmpty() ? rel : "max(" + rel + ", " + abs + ")";
        }
    }

    /** One compared value: which peer (or cell) and what, base and new values, and the verdict. */
    public record Change(String subject, String what, String unit, Double base, Double now, Double change,
                         Double relative, boolean worse, boolean regressed, String note) {
    }

    /** What is compared for each metric: the aggregate a regression shows in, and the default tolerance. */
    private record Rule(Aggregate aggregate, Tolerance tolerance) {
    }

    private static final Map<Metric, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put(Metric.VIDEO_FPS, new Rule(Aggregate.P50, new Tolerance(0.10, 1)));
        RULES.put(Metric.VIDEO_FPS_SENT, new Rule(Aggregate.P50, new Tolerance(0.10, 1)));
        RULES.put(Metric.VIDEO_WIDTH, new Rule(Aggregate.P50, new Tolerance(0.25, 0)));
        RULES.put(Metric.VIDEO_HEIGHT, new Rule(Aggregate.P50, new Tolerance(0.25, 0)));
        RULES.put(Metric.BITRATE_IN, new Rule(Aggregate.P50, new Tolerance(0.25, 50)));
        RULES.put(Metric.BITRATE_OUT, new Rule(Aggregate.P50, new Tolerance(0.25, 50)));
        RULES.put(Metric.RTT, new Rule(Aggregate.P95, new Tolerance(0.50, 10)));
        RULES.put(Metric.AUDIO_JITTER, new Rule(Aggregate.P95, new Tolerance(0.50, 10)));
        RULES.put(Metric.VIDEO_JITTER, new Rule(Aggregate.P95, new Tolerance(0.50, 10)));
        RULES.put(Metric.PACKET_LOSS, new Rule(Aggregate.P95, new Tolerance(0, 1)));
        RULES.put(Metric.AUDIO_CONCEALED, new Rule(Aggregate.P95, new Tolerance(0, 2)));
        RULES.put(Metric.VIDEO_FREEZES, new Rule(Aggregate.LAST, new Tolerance(0, 1)));
        // from the frame markers: what a viewer saw. A short call's p95 is its worst second, which libwebrtc's jitter
        // buffer decides now and then (the same 10 s Java call: video.delay p95 13 ms, then 73 ms): the typical delay and
        // the share of the call frozen are what a release changes
        RULES.put(Metric.VIDEO_FPS_RENDERED, new Rule(Aggregate.P50, new Tolerance(0.10, 1)));
        RULES.put(Metric.VIDEO_DELAY, new Rule(Aggregate.P50, new Tolerance(0.50, 20)));
        RULES.put(Metric.VIDEO_FROZEN, new Rule(Aggregate.MEAN, new Tolerance(0, 5)));
        RULES.put(Metric.VIDEO_FRAMES_SKIPPED, new Rule(Aggregate.MEAN, new Tolerance(0, 1)));
        RULES.put(Metric.VIDEO_PSNR, new Rule(Aggregate.P50, new Tolerance(0, 2)));
        RULES.put(Metric.VIDEO_SSIM, new Rule(Aggregate.P50, new Tolerance(0, 0.02)));
        RULES.put(Metric.VIDEO_JITTER_BUFFER, new Rule(Aggregate.P50, new Tolerance(0.50, 20)));
        RULES.put(Metric.AUDIO_DELAY, new Rule(Aggregate.P50, new Tolerance(0.50, 20)));
        // av.sync is signed (audio ahead or behind) and either way is worse: a lower-is-better rule would call audio
        // running ahead an improvement, so it is shown, not judged
        // one ping a second: a short call's p95 is its single worst ping, which scheduling decides (two identical 10 s
        // Java runs on this 2-core host measured p95 6 -> 20 ms); the typical round trip is what a release changes
        RULES.put(Metric.DATACHANNEL_RTT, new Rule(Aggregate.P50, new Tolerance(0.50, 10)));
    }

    /**
     * RTT and jitter are compared on their p95 only when both runs have at least this many samples of
     * them: with fewer, a nearest-rank p95 is the single worst second, which the host's scheduling
     * decides on a short call (two identical 8 s Java calls while the test suite ran: rtt.p95 1 -> 13 ms,
     * video.jitter.p95 1 -> 56 ms, p50 unchanged). Then their p50 is compared, and named so.
     */
    static final int TAIL_SAMPLES = 20;
    private static final java.util.Set<Metric> TAIL_NEEDS_SAMPLES = java.util.Set.of(Metric.RTT, Metric.AUDIO_JITTER, Metric.VIDEO_JITTER);

    /** Connect time of a peer, compared like a metric. */
    private static final String CONNECT = "connect";
    private static final Tolerance CONNECT_TOLERANCE = new Tolerance(0.50, 500);
    /** Load timings compared by their p95; what {@code --tolerance join=10%} and the like override. */
    private static final List<String> LOAD_TIMINGS = List.of("join", "ice", "firstframe");
    private static final String LOAD_CONNECTED = "connected";
    private static final Tolerance LOAD_TIMING_TOLERANCE = new Tolerance(0.50, 100);

    private final Map<String, Tolerance> overrides;

    /** @param overrides tolerances by metric name (or {@code connect}), from {@link #parseTolerances} */
    public RunComparison(Map<String, Tolerance> overrides) {
        this.overrides = overrides;
    }

    /**
     * Reads {@code fps=5%,rtt=20,video.width=0%}: a metric's id or its last part, with an optional
     * aggregate suffix (ignored: each metric is compared on its own aggregate), {@code N%} relative
     * or {@code N} absolute in the metric's unit; {@code connect} for connect time in ms.
     */
    public static Map<String, Tolerance> parseTolerances(String text) {
        Map<String, Tolerance> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new BadInputException("--tolerance '" + part.trim() + "': write METRIC=N% or METRIC=N, e.g. fps=5%,rtt=20");
            }
            String key = resolve(kv[0].trim());
            String v = kv[1].trim();
            try {
                out.put(key, v.endsWith("%") ? new Tolerance(Double.parseDouble(v.substring(0, v.length() - 1)) / 100, 0)
                        : new Tolerance(0, Double.parseDouble(v)));
            } catch (NumberFormatException e) {
                throw new BadInputException("--tolerance " + kv[0].trim() + ": '" + v + "' is not a number or a percentage");
            }
        }
        return out;
    }

    private static String resolve(String key) {
        String k = key;
        for (Aggregate a : Aggregate.values()) {
            if (k.endsWith("." + a.id())) {
                k = k.substring(0, k.length() - a.id().length() - 1);
            }
        }
        if (k.equals(CONNECT) || LOAD_TIMINGS.contains(k) || k.equals(LOAD_CONNECTED)) {
            return k;
        }
        for (Metric m : RULES.keySet()) {
            if (m.id().equals(k) || m.id().endsWith("." + k) && !m.id().endsWith(".sent")) {
                return m.id();
            }
        }
        throw new BadInputException("--tolerance: unknown metric '" + key + "' (comparable: connect, join, ice, firstframe, connected, "
                + String.join(", ", RULES.keySet().stream().map(Metric::id).toList()) + ")");
    }

    private Tolerance tolerance(String key, Tolerance fallback) {
        return overrides.getOrDefault(key, fallback);
    }

    /** Every compared value, regressions first. */
    public List<Change> compare(RunSummary base, RunSummary now) {
        List<Change> out = new ArrayList<>();
        Map<String, PeerSummary> nowPeers = new LinkedHashMap<>();
        now.peers().forEach(p -> nowPeers.put(p.name(), p));
        for (PeerSummary b : base.peers()) {
            PeerSummary n = nowPeers.remove(b.name());
            if (n == null) {
                out.add(new Change(b.name(), "peer", "", null, null, null, null, true, true, "not in the new run"));
                continue;
            }
            if ("ok".equals(b.outcome()) && !"ok".equals(n.outcome())) {
                out.add(new Change(b.name(), "outcome", "", null, null, null, null, true, true,
                        "ok before, now " + n.outcome() + (n.failure() == null ? "" : ": " + n.failure())));
            }
            out.add(value(b.name(), CONNECT, "ms", false, ms(b.connectMs()), ms(n.connectMs()),
                    tolerance(CONNECT, CONNECT_TOLERANCE)));
            RULES.forEach((metric, rule) -> {
                Summary sb = b.metrics().get(metric.id());
                Summary sn = n.metrics().get(metric.id());
                if (sb == null && sn == null) {
                    return;
                }
                Aggregate aggregate = rule.aggregate() == Aggregate.P95 && TAIL_NEEDS_SAMPLES.contains(metric)
                        && (sb != null && sb.count() < TAIL_SAMPLES || sn != null && sn.count() < TAIL_SAMPLES) ? Aggregate.P50 : rule.aggregate();
                out.add(value(b.name(), metric.id() + "." + aggregate.id(), metric.unit(), metric.higherIsBetter(),
                        sb == null ? null : sb.get(aggregate), sn == null ? null : sn.get(aggregate),
                        tolerance(metric.id(), rule.tolerance())));
            });
        }
        nowPeers.keySet().forEach(name -> out.add(new Change(name, "peer", "", null, null, null, null, false, false, "new in this run")));
        Map<String, InteropCell> nowCells = new LinkedHashMap<>();
        now.matrix().forEach(c -> nowCells.put(c.title(), c));
        for (InteropCell b : base.matrix()) {
            InteropCell n = nowCells.get(b.title());
            String nowOutcome = n == null ? "missing" : n.outcome();
            boolean regressed = "passed".equals(b.outcome()) && !"passed".equals(nowOutcome);
            out.add(new Change("cell " + b.title(), "outcome", "", null, null, null, null, regressed, regressed,
                    b.outcome() + " -> " + nowOutcome + (regressed && n != null && n.reason() != null ? ": " + n.reason() : "")));
        }
        compareLoad(base.load(), now.load(), out);
        out.sort((x, y) -> Boolean.compare(y.regressed(), x.regressed()));
        return out;
    }

    /** Load runs: the p95 of join, ICE-connected and first-frame times, peers connected, and the generator's flag. */
    private void compareLoad(LoadSummary base, LoadSummary now, List<Change> out) {
        if (base == null && now == null) {
            return;
        }
        if (base == null || now == null) {
            out.add(new Change("load", "run", "", null, null, null, null, base != null, base != null,
                    base == null ? "only the new run is a load run" : "the new run is not a load run"));
            return;
        }
        out.add(value("load", LOAD_CONNECTED, "peers", true, (double) base.connected(), (double) now.connected(),
                tolerance(LOAD_CONNECTED, new Tolerance(0, 0))));
        LoadSummary.Timing[][] timings = {{base.join(), now.join()}, {base.iceConnected(), now.iceConnected()},
                {base.firstFrame(), now.firstFrame()}};
        for (int i = 0; i < LOAD_TIMINGS.size(); i++) {
            String key = LOAD_TIMINGS.get(i);
            out.add(value("load", key + ".p95", "ms", false, ms(timings[i][0].p95Ms()), ms(timings[i][1].p95Ms()),
                    tolerance(key, LOAD_TIMING_TOLERANCE)));
        }
        if (now.generatorLimited()) {
            // Not a regression of the system under test, but the numbers of the new run may be the generator's.
            out.add(new Change("load", "generator", "", null, null, null, null, true, false,
                    "the new run was generator-limited (" + now.generatorLimitedReason() + "): its numbers may show rtcbench's limit"));
        }
    }

    private static Change value(String subject, String what, String unit, boolean higherIsBetter, Double base, Double now,
                                Tolerance tolerance) {
        if (base == null || now == null) {
            boolean lost = base != null;
            return new Change(subject, what, unit, base, now, null, null, lost, lost,
                    lost ? "no longer measured" : "measured only in the new run");
        }
        double change = now - base;
        boolean worse = higherIsBetter ? change < 0 : change > 0;
        boolean regressed = worse && tolerance.exceededBy(base, change);
        Double relative = base == 0 ? null : change / Math.abs(base);
        return new Change(subject, what, unit, base, now, change, relative, worse, regressed,
                regressed ? "worse beyond " + tolerance : worse ? "worse within " + tolerance : change == 0 ? "same" : "better");
    }

    private static Double ms(Long v) {
        return v == null ? null : v.doubleValue();
    }

    /** A change as one line, e.g. {@code chrome-1 video.fps.p50 30 -> 15 fps (-50.0%) REGRESSED}. */
    public static String line(Change c) {
        if (c.base() == null || c.now() == null) {
            return String.format(Locale.ROOT, "%-18s %-24s %s%s", c.subject(), c.what(), c.note(), c.regressed() ? "  REGRESSED" : "");
        }
        return String.format(Locale.ROOT, "%-18s %-24s %10s -> %-10s %-6s %8s  %s", c.subject(), c.what(),
                Assertion.formatNumber(c.base()), Assertion.formatNumber(c.now()), c.unit(),
                c.relative() == null ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * c.relative()),
                c.regressed() ? "REGRESSED (" + c.note() + ")" : c.note());
    }
}
