package org.rtcbench.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations people write in scenarios and flags: {@code 500ms}, {@code 20s}, {@code 1m30s}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses a duration such as {@code 20s}, {@code 1m30s}, {@code 250ms} or {@code 1.5s}.
     *
     * @throws IllegalArgumentException with a message that says what is allowed
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("'" + s + "' is negative; a duration must be positive, e.g. 20s");
        }
        Matcher m = PART.matcher(s);
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            double value = Double.parseDouble(m.group(1));
            long unitNanos = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += Math.round(value * unitNanos);
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) {
            throw new IllegalArgumentException("'" + s + "' is not a duration; write e.g. 500ms, 20s, 1m30s");
        }
        return Duration.ofNanos(nanos);
    }

    /** Prints a duration the way {@link #parse} reads it, e.g. {@code 20s} or {@code 1m30s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, s / 3600, "h");
        append(out, s % 3600 / 60, "m");
        append(out, s % 60, "s");
        return out.toString();
    }

    private static void append(StringBuilder out, long value, String unit) {
        if (value != 0) {
            out.append(value).append(unit);
        }
    }
}
