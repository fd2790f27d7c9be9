package org.rtcbench.load;

import java.util.Locale;

/**
 * When a load generator counts as saturated: its CPU, the CPU of the whole host it runs on (shared
 * with a local Janus or browsers: when the host is saturated, receivers starve before the
 * generator's own share looks high), its scheduling lag or the share of video frames it produced
 * late stayed at or above a limit for {@code seconds} seconds in a row. Once
 * tripped, the run stays generator-limited, with the first reason found, so that nobody mistakes
 * rtcbench's bottleneck for the SFU's.
 *
 * @param cpuPercent  the generator's CPU, in percent of all cores of this host
 * @param hostCpuPercent the whole host's CPU, in percent of all its cores
 * @param lagMs       how late the generator's own timer woke up, worst in a second
 * @param latePercent the share of video frames produced more than one frame interval late
 */
public record GeneratorSaturation(double cpuPercent, double hostCpuPercent, long lagMs, double latePercent, int seconds) {

    /** 90 % CPU, 95 % host CPU, 100 ms scheduling lag or 10 % late frames, for 5 s. */
    public static GeneratorSaturation defaults() {
        return new GeneratorSaturation(90, 95, 100, 10, 5);
    }

    /** Follows one second after another and says when (and why) the generator first saturated. */
    public final class Judge {
        private int cpuRun;
        private int hostRun;
        private int lagRun;
        private int lateRun;
        private String reason;

        /**
         * Takes one second's measurements (null where not measured) and returns the reason once the
         * generator is saturated, else null.
         */
        public String second(long tMs, Double cpu, Double hostCpu, Long lag, Double late) {
            cpuRun = cpu != null && cpu >= cpuPercent ? cpuRun + 1 : 0;
            hostRun = hostCpu != null && hostCpu >= hostCpuPercent ? hostRun + 1 : 0;
            lagRun = lag != null && lag >= lagMs ? lagRun + 1 : 0;
            lateRun = late != null && late >= latePercent ? lateRun + 1 : 0;
            if (reason == null) {
                long since = Math.max(0, tMs / 1000 - seconds + 1);
                if (cpuRun >= seconds) {
                    reason = String.format(Locale.ROOT, "the generator's CPU stayed at or above %.0f %% of %d cores for %d s (from %d s; last %.0f %%)",
                            cpuPercent, Runtime.getRuntime().availableProcessors(), seconds, since, cpu);
                } else if (hostRun >= seconds) {
                    reason = String.format(Locale.ROOT, "this host's CPU stayed at or above %.0f %% of %d cores for %d s (from %d s; last %.0f %%, the generator's share %s)",
                            hostCpuPercent, Runtime.getRuntime().availableProcessors(), seconds, since, hostCpu,
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
