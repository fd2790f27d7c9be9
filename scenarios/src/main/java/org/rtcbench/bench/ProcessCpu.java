package org.rtcbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a set of processes, read from /proc: every process whose command line holds a
 * marker (the work directory of one run, which only its browsers and drivers name).
 */
final class ProcessCpu {
    /** Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** CPU seconds (user + system) used so far by the live processes naming {@code marker}. */
    static double secondsOf(String marker) {
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
                    String stat = Files.readString(p.resolve("stat"));
                    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
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
    static double secondsOf(java.util.List<ProcessHandle> processes) {
        double ticks = 0;
        for (ProcessHandle p : processes) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException ignored) {
                // ended while we read it
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Summed PSS and RSS in MB of these processes, from /proc/PID/smaps_rollup. */
    static double[] memoryMb(java.util.List<ProcessHandle> processes) {
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

    /** CPU seconds used so far by this JVM. */
    static double ofThisJvm() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
