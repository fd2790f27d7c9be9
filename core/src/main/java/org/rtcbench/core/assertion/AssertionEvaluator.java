package org.rtcbench.core.assertion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.metric.Summary;

/** Judges assertions against the measurements of a run. A selected peer with no value fails: missing is not zero. */
public final class AssertionEvaluator {
    private AssertionEvaluator() {
    }

    public static List<AssertionResult> evaluate(List<Assertion> assertions, List<PeerMeasurements> peers) {
        return evaluate(assertions, peers, Map.of());
    }

    /**
     * Judges assertions, load timings included: {@code timings} holds every measured value in ms per
     * timing ({@code join}, {@code ice}, {@code firstframe}); empty for runs that were not load runs.
     */
    public static List<AssertionResult> evaluate(List<Assertion> assertions, List<PeerMeasurements> peers,
                                                 Map<String, List<Long>> timings) {
        List<AssertionResult> out = new ArrayList<>();
        for (Assertion a : assertions) {
            out.add(a instanceof Assertion.LoadTiming l ? loadTiming(l, timings.getOrDefault(l.timing(), List.of()))
                    : evaluate(a, peers));
        }
        return out;
    }

    private static AssertionResult loadTiming(Assertion.LoadTiming l, List<Long> values) {
        String what = l.timing() + "." + l.aggregate().id();
        if (values.isEmpty()) {
            Map<String, Double> none = new LinkedHashMap<>();
            none.put(what, null);
            return new AssertionResult(l.text(), false, l.expectation(), none,
                    what + " not measured: no peer got that far (or this was not a load run)");
        }
        double v = Summary.of(values.stream().map(Long::doubleValue).toList()).get(l.aggregate());
        boolean ok = l.comparison().test(v, l.expectedMs());
        String measured = what + " " + Assertion.formatNumber(v) + " ms (" + values.size() + " measured)";
        return new AssertionResult(l.text(), ok, l.expectation(), Map.of(what, v),
                ok ? measured + ", " + l.expectation() + " held" : measured + ", expected " + l.expectation());
    }

    public static AssertionResult evaluate(Assertion assertion, List<PeerMeasurements> peers) {
        List<PeerMeasurements> selected = peers.stream()
                .filter(p -> assertion.selection().matches(p.name(), p.kind(), p.sends(), p.receives()))
                .toList();
        if (selected.isEmpty()) {
            return new AssertionResult(assertion.text(), false, "", Map.of(),
                    "no peer matches 'for " + assertion.selection() + "'");
        }
        if (assertion instanceof Assertion.ConnectedWithin c) {
            return connectedWithin(c, selected);
        }
        return threshold((Assertion.MetricThreshold) assertion, selected);
    }

    private static AssertionResult connectedWithin(Assertion.ConnectedWithin c, List<PeerMeasurements> selected) {
        Map<String, Double> measured = new LinkedHashMap<>();
        List<String> late = new ArrayList<>();
        long limit = c.within().toMillis();
        for (PeerMeasurements p : selected) {
            Long ms = p.connectedAfterMs();
            measured.put(p.name(), ms == null ? null : ms.doubleValue());
            if (ms == null) {
                late.add(p.name() + " never connected");
            } else if (ms > limit) {
                late.add(p.name() + " connected after " + ms + " ms");
            }
        }
        String expected = "<= " + limit + " ms";
        if (late.isEmpty()) {
            return new AssertionResult(c.text(), true, expected, measured, "all " + selected.size() + " peers connected within " + limit + " ms");
        }
        return new AssertionResult(c.text(), false, expected, measured, String.join("; ", late) + " (expected within " + limit + " ms)");
    }

    private static AssertionResult threshold(Assertion.MetricThreshold t, List<PeerMeasurements> selected) {
        Map<String, Double> measured = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        long after = t.after().toMillis();
        for (PeerMeasurements p : selected) {
            List<Double> values = new ArrayList<>();
            for (MetricPoint point : p.points()) {
                Double v = point.values().get(t.metric());
                if (point.atMs() >= after && v != null) {
                    values.add(v);
                }
            }
            Summary s = Summary.of(values);
            if (s == null) {
                measured.put(p.name(), null);
                failures.add(p.name() + ": " + t.metric().id() + " not measured");
                continue;
            }
            double v = s.get(t.aggregate());
            measured.put(p.name(), v);
            if (!t.comparison().test(v, t.expected())) {
                failures.add(p.name() + ": measured " + Assertion.formatNumber(v) + " " + t.metric().unit());
            }
        }
        String what = t.metric().id() + "." + t.aggregate().id();
        if (failures.isEmpty()) {
            return new AssertionResult(t.text(), true, t.expectation(), measured,
                    what + " " + t.expectation() + " held for " + describe(measured, t));
        }
        return new AssertionResult(t.text(), false, t.expectation(), measured,
                what + " expected " + t.expectation() + " " + t.metric().unit() + "; " + String.join("; ", failures));
    }

    private static String describe(Map<String, Double> measured, Assertion.MetricThreshold t) {
        List<String> parts = new ArrayList<>();
        measured.forEach((peer, v) -> parts.add(peer + " " + Assertion.formatNumber(v)));
        return String.join(", ", parts) + " " + t.metric().unit();
    }
}
