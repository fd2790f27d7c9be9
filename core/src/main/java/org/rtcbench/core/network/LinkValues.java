package org.rtcbench.core.network;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtcbench.core.Durations;

/** Reads and writes the values of a {@code network:} section: {@code 25ms}, {@code 5%}, {@code 500kbps}. */
public final class LinkValues {
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(bps|kbps|mbps|gbps|bit|kbit|mbit|gbit)",
            Pattern.CASE_INSENSITIVE);

    private LinkValues() {
    }

    /** A duration that may be zero, e.g. {@code 0ms} or {@code 25ms}; negative is refused. */
    public static Duration duration(String field, String text) {
        String s = text.trim();
        if (s.startsWith("-")) {
            throw new IllegalArgumentException(field + " must not be negative, got " + s);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is a duration such as 25ms, got '" + s + "'");
        }
    }

    /** A percentage, {@code 5%} or {@code 0.5%}, as a fraction; {@code 0} alone is allowed too. */
    public static double percent(String field, String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return 0;
        }
        if (!s.endsWith("%")) {
            throw new IllegalArgumentException(field + " is a percentage such as 5%, got '" + s + "'");
        }
        double v;
        try {
            v = Double.parseDouble(s.substring(0, s.length() - 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is a percentage such as 5%, got '" + s + "'");
        }
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException(field + " must be between 0% and 100%, got " + s);
        }
        return v / 100;
    }

    /** A bit rate such as {@code 500kbps}, {@code 1.5mbps} or {@code 64000bps}, in bits/s; {@code none} is no cap (0). */
    public static long bitrate(String field, String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("none")) {
            return 0;
        }
        Matcher m = RATE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " is a bit rate such as 500kbps or 2mbps (or none), got '" + s + "'");
        }
        double v = Double.parseDouble(m.group(1));
        long scale = switch (m.group(2).toLowerCase(Locale.ROOT).charAt(0)) {
            case 'k' -> 1_000L;
            case 'm' -> 1_000_000L;
            case 'g' -> 1_000_000_000L;
            default -> 1L;
        };
        long bits = Math.round(v * scale);
        if (bits < 8_000) {
            throw new IllegalArgumentException(field + " must be at least 8kbps (or none), got " + s);
        }
        return bits;
    }

    /** A bit rate as people write it: {@code 300kbps}, {@code 1.5mbps}. */
    public static String formatBitrate(long bits) {
        if (bits >= 1_000_000 && bits % 100_000 == 0) {
            return trim(bits / 1e6) + "mbps";
        }
        if (bits % 1000 == 0) {
            return bits / 1000 + "kbps";
        }
        return bits + "bps";
    }

    /** A fraction as a percentage: {@code 5%}, {@code 0.5%}. */
    public static String formatPercent(double fraction) {
        return trim(Math.round(fraction * 100_000) / 1000.0) + "%";
    }

    /** A plain number as written in a scenario: {@code 3}, {@code 2.5}. */
    public static String formatNumber(double v) {
        return trim(v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A link as one line, only what it changes, e.g. {@code delay 25ms, loss 5%}; {@code clean} for a perfect one. */
    public static String describe(LinkSpec l) {
        StringBuilder sb = new StringBuilder();
        if (!l.delay().isZero()) {
            append(sb, "delay " + l.delay().toMillis() + "ms");
        }
        if (!l.jitter().isZero()) {
            append(sb, "jitter " + l.jitter().toMillis() + "ms");
        }
        if (l.loss() > 0) {
            append(sb, "loss " + formatPercent(l.loss()) + (l.burst() > 1 ? " (bursts of " + trim(l.burst()) + ")" : ""));
        }
        if (l.bandwidth() > 0) {
            append(sb, "bandwidth " + formatBitrate(l.bandwidth()) + " (queue " + l.queue().toMillis() + "ms)");
        }
        if (l.reorder() > 0) {
            append(sb, "reorder " + formatPercent(l.reorder()));
        }
        if (l.duplicate() > 0) {
            append(sb, "duplicate " + formatPercent(l.duplicate()));
        }
        return sb.length() == 0 ? "clean" : sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(part);
    }
}
