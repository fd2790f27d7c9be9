package org.rtcbench.core.assertion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtcbench.core.Durations;
import org.rtcbench.core.metric.Aggregate;
import org.rtcbench.core.metric.Metric;

/**
 * One line of a scenario's {@code assertions:}, e.g. {@code video.fps.p50 >= 25 for receivers
 * after 5s} or {@code connected within 10s}.
 */
public sealed interface Assertion permits Assertion.MetricThreshold, Assertion.ConnectedWithin, Assertion.LoadTiming {

    /** The assertion as written. */
    @JsonValue
    String text();

    /** Which peers it applies to. */
    PeerSelection selection();

    /** {@code <metric>.<aggregate> <op> <number> [for <peers>] [after <duration>]}. */
    record MetricThreshold(String text, Metric metric, Aggregate aggregate, Comparison comparison, double expected,
                           PeerSelection selection, Duration after) implements Assertion {
        /** The expectation as words, e.g. {@code >= 25}. */
        public String expectation() {
            return comparison.symbol() + " " + formatNumber(expected);
        }
    }

    /** {@code connected within <duration> [for <peers>]}: every selected peer reached ICE connected in time. */
    record ConnectedWithin(String text, Duration within, PeerSelection selection) implements Assertion {
    }

    /**
     * {@code <join|ice|firstframe>.<p50|p95|max> <op> <number>[ms|s]}: a load run's distribution of
     * join, ICE-connected or first-frame times over all synthetic peers, in milliseconds.
     */
    record LoadTiming(String text, String timing, Aggregate aggregate, Comparison comparison, double expectedMs)
            implements Assertion {
        /** The load timings there are: Janus join, ICE connected, first video frame decoded. */
        public static final java.util.List<String> TIMINGS = java.util.List.of("join", "ice", "firstframe");

        @Override
        public PeerSelection selection() {
            return PeerSelection.ALL;
        }

        /** The expectation as words, e.g. {@code < 2000 ms}. */
        public String expectation() {
            return comparison.symbol() + " " + formatNumber(expectedMs) + " ms";
        }
    }

    Pattern LOAD_TIMING = Pattern.compile("(join|ice|firstframe)\\.(p50|p95|max)\\s*(>=|<=|>|<)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)?");
    Pattern CONNECTED = Pattern.compile("connected\\s+within\\s+(\\S+)(?:\\s+for\\s+(\\S+))?");
    Pattern THRESHOLD = Pattern.compile(
            "([a-z][a-z0-9.]*)\\.([a-z0-9]+)\\s*(>=|<=|==|!=|>|<)\\s*(-?\\d+(?:\\.\\d+)?)"
                    + "(?:\\s+for\\s+(\\S+))?(?:\\s+after\\s+(\\S+))?");

    /** Parses one assertion line, with a message naming what is wrong and what is allowed. */
    @JsonCreator
    public static Assertion parse(String text) {
        String t = text == null ? "" : text.trim().replaceAll("\\s+", " ");
        Matcher c = CONNECTED.matcher(t);
        if (c.matches()) {
            return new ConnectedWithin(t, Durations.parse(c.group(1)),
                    c.group(2) == null ? PeerSelection.ALL : PeerSelection.parse(c.group(2)));
        }
        Matcher l = LOAD_TIMING.matcher(t);
        if (l.matches()) {
            double value = Double.parseDouble(l.group(4)) * ("s".equals(l.group(5)) ? 1000 : 1);
            return new LoadTiming(t, l.group(1), Aggregate.of(l.group(2)), Comparison.of(l.group(3)), value);
        }
        Matcher m = THRESHOLD.matcher(t);
        if (m.matches()) {
            Metric metric = Metric.of(m.group(1));
            Aggregate aggregate = Aggregate.of(m.group(2));
            return new MetricThreshold(t, metric, aggregate, Comparison.of(m.group(3)), Double.parseDouble(m.group(4)),
                    m.group(5) == null ? PeerSelection.ALL : PeerSelection.parse(m.group(5)),
                    m.group(6) == null ? Duration.ZERO : Durations.parse(m.group(6)));
        }
        throw new IllegalArgumentException("cannot read assertion '" + t + "'; write '<metric>.<p50|p95|min|max|last|mean> "
                + "<op> <number> [for all|senders|receivers|<kind>|<peer>] [after <duration>]' "
                + "or 'connected within <duration>' or, for load runs, '<join|ice|firstframe>.<p50|p95|max> < <ms>'");
    }

    /** Prints a number without a useless ".0". */
    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
