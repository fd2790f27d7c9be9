package org.rtcbench.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a set of processes, read from /proc: every process whose command line holds a
 * marker (the work directory of one run, which only its browsers and drivers name).
 */
public final class ProcessCpu {
    /** Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** CPU seconds (user + system) used so far by the live processes naming {@code marker}. */
    public static double secondsOf(String marker) {
        double ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (!cmdline.contains(marker)) {
                        continue;
                    }
                    ticks += ticks(p.resolve("stat"));
                } catch (IOException | RuntimeException ignored) {
                    // the process ended while we read it
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** CPU seconds (user + system) used so far by these processes. */
    public static double secondsOf(java.util.List<ProcessHandle> processes) {
        double ticks = 0;
        for (ProcessHandle p : processes) {
            try {
                ticks += ticks(Path.of("/proc", Long.toString(p.pid()), "stat"));
            } catch (IOException | RuntimeException ignored) {
                // ended while we read it
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds used so far by each of this JVM's threads, summed by thread name (/proc/self/task:
     * native threads too, e.g. libwebrtc's EncoderQueue). The Java peers' own pump threads
     * ({@code javapeer-<peer>}) are summed as {@code javapeer}.
     */
    public static java.util.Map<String, Double> byThreadOfThisJvm() {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm")).trim();
                    name = name.startsWith("javapeer-") ? "javapeer" : name;
                    out.merge(name, ticks(t.resolve("stat")) / TICKS_PER_SECOND, Double::sum);
                } catch (IOException | RuntimeException ignored) {
                    // the thread ended while we read it
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/task: " + e.getMessage(), e);
        }
        return out;
    }

    /** utime + stime of a /proc stat file: fields 14 and 15, counted after the ")" that closes the command name. */
    private static long ticks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Summed PSS and RSS in MB of these processes, from /proc/PID/smaps_rollup. */
    public static double[] memoryMb(java.util.List<ProcessHandle> processes) {
        double pssKb = 0;
        double rssKb = 0;
        for (ProcessHandle p : processes) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        pssKb += Double.parseDouble(line.replaceAll("[^0-9]", ""));
                    } else if (line.startsWith("Rss:")) {
                        rssKb += Double.parseDouble(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // ended while we read it
            }
        }
        return new double[] {pssKb / 1024, rssKb / 1024};
    }

    /**
     * The whole host's CPU since the previous call from anywhere in this JVM, in percent of all
     * cores; null when the JVM cannot tell (or on its first call).
     */
    public static Double hostPercentSinceLastCall() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getCpuLoad();
            return load < 0 ? null : 100 * load;
        }
        return null;
    }

    /** CPU seconds used so far by this JVM. */
    public static double ofThisJvm() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
