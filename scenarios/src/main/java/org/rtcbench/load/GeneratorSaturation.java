package org.rtcbench.load;

import java.util.Locale;

/**
 * When a load generator counts as saturated: its CPU, the CPU of the run's processes on this host
 * (the generator with the local Janus and browsers it started, which share its cores: receivers
 * starve before the generator's own share looks high), its scheduling lag or the share of video
 * frames it produced late stayed at or above a limit for {@code seconds} seconds in a row. Once
 * tripped, the run stays generator-limited, with the first reason found, so that nobody mistakes
 * rtcbench's bottleneck for the SFU's. Other work on the host counts only through what it does to
 * the generator (lag, late frames), never through the host's total: a busy host is not a saturated
 * generator.
 *
 * @param cpuPercent  the generator's CPU, in percent of all cores of this host
 * @param runCpuPercent the CPU of the generator and the processes it started, in percent of all cores
 * @param lagMs       how late the generator's own timer woke up, worst in a second
 * @param latePercent the share of video frames produced more than one frame interval late
 */
public record GeneratorSaturation(double cpuPercent, double runCpuPercent, long lagMs, double latePercent, int seconds) {

    /** 90 % CPU, 95 % CPU of the run's processes, 100 ms scheduling lag or 10 % late frames, for 5 s. */
    public static GeneratorSaturation defaults() {
        return new GeneratorSaturation(90, 95, 100, 10, 5);
    }

    /** Follows one second after another and says when (and why) the generator first saturated. */
    public final class Judge {
        private int cpuRun;
        private int runCpuRun;
        private int lagRun;
        private int lateRun;
        private String reason;

        /**
         * Takes one second's measurements (null where not measured) and returns the reason once the
         * generator is saturated, else null.
         */
        public String second(long tMs, Double cpu, Double runCpu, Long lag, Double late) {
            cpuRun = cpu != null && cpu >= cpuPercent ? cpuRun + 1 : 0;
            runCpuRun = runCpu != null && runCpu >= runCpuPercent ? runCpuRun + 1 : 0;
            lagRun = lag != null && lag >= lagMs ? lagRun + 1 : 0;
            lateRun = late != null && late >= latePercent ? lateRun + 1 : 0;
            if (reason == null) {
                long since = Math.max(0, tMs / 1000 - seconds + 1);
                if (cpuRun >= seconds) {
                    reason = String.format(Locale.ROOT, "the generator's CPU stayed at or above %.0f %% of %d cores for %d s (from %d s; last %.0f %%)",
                            cpuPercent, Runtime.getRuntime().availableProcessors(), seconds, since, cpu);
                } else if (runCpuRun >= seconds) {
                    reason = String.format(Locale.ROOT, "the CPU of the run's processes (the generator, its local Janus and browsers) "
                                    + "stayed at or above %.0f %% of %d cores for %d s (from %d s; last %.0f %%, the generator's share %s)",
                            runCpuPercent, Runtime.getRuntime().availableProcessors(), seconds, since, runCpu,
                            cpu == null ? "unknown" : String.format(Locale.ROOT, "%.0f %%", cpu));
                } else if (lateRun >= seconds) {
                    reason = String.format(Locale.ROOT, "the generator produced at least %.0f %% of its video frames late for %d s (from %d s; last %.1f %%)",
                            latePercent, seconds, since, late);
                } else if (lagRun >= seconds) {
                    reason = String.format(Locale.ROOT, "the generator's timers woke up %d ms or more late for %d s (from %d s; last %d ms)",
                            lagMs, seconds, since, lag);
                }
            }
            return reason;
        }

        /** Why the generator saturated, or null when it never did. */
        public String reason() {
            return reason;
        }
    }

    /** A fresh judge for one run. */
    public Judge judge() {
        return new Judge();
    }
}
