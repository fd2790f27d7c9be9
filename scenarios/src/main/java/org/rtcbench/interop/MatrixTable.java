package org.rtcbench.interop;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rtcbench.core.run.InteropCell;

/** Prints the interop matrix in the terminal: callers down, callees across, one glance for what fails. */
public final class MatrixTable {
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private MatrixTable() {
    }

    /** Colors are used on a terminal unless NO_COLOR is set. */
    public static boolean colorWanted() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }

    public static void print(List<InteropCell> cells, PrintStream out, boolean color) {
        Set<String> callers = new LinkedHashSet<>();
        Set<String> codecs = new LinkedHashSet<>();
        for (InteropCell c : cells) {
            callers.add(c.caller());
            codecs.add(c.codec() == null ? "" : c.codec());
        }
        List<String> kinds = new ArrayList<>(callers);
        // the first column fits the longest row name (chrome@container), and at least "caller"
        int longest = kinds.stream().mapToInt(String::length).max().orElse(0);
        String first = "%-" + Math.max(10, longest + 1) + "s";
        String column = "%-" + Math.max(16, longest + 1) + "s";
        for (String codec : codecs) {
            out.printf("%ninterop matrix%s (rows: caller offers, columns: callee answers)%n",
                    codec.isEmpty() ? "" : ", video " + codec.toUpperCase(Locale.ROOT));
            StringBuilder header = new StringBuilder(String.format(first, "caller"));
            for (String callee : kinds) {
                header.append("| ").append(String.format(column, callee));
            }
            out.println(header);
            for (String caller : kinds) {
                StringBuilder row = new StringBuilder(String.format(first, caller));
                for (String callee : kinds) {
                    InteropCell c = find(cells, caller, callee, codec);
                    String text = c == null ? "-" : label(c);
                    String padded = String.format(column, text);
                    String colored = !color || c == null ? padded
                            : (c.failed() ? RED : "skipped".equals(c.outcome()) ? YELLOW : GREEN) + padded + RESET;
                    row.append("| ").append(colored);
                }
                out.println(row);
            }
        }
        for (InteropCell c : cells) {
            if (!"passed".equals(c.outcome())) {
                out.printf("  %s %s: %s%n", c.outcome().toUpperCase(Locale.ROOT), c.title(), c.reason());
            }
        }
    }

    /** PASS with the lower of the two received frame rates, FAIL, or SKIP. */
    static String label(InteropCell c) {
        return switch (c.outcome()) {
            case "passed" -> {
                Double a = c.measured().get("caller.video.fps.p50");
                Double b = c.measured().get("callee.video.fps.p50");
                yield a == null || b == null ? "PASS" : String.format(Locale.ROOT, "PASS %.0f fps", Math.min(a, b));
            }
            case "failed" -> "FAIL";
            default -> "SKIP";
        };
    }

    private static InteropCell find(List<InteropCell> cells, String caller, String callee, String codec) {
        for (InteropCell c : cells) {
            if (c.caller().equals(caller) && c.callee().equals(callee) && (c.codec() == null ? "" : c.codec()).equals(codec)) {
                return c;
            }
        }
        return null;
    }
}
