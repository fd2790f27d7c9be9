package org.rtcbench.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.LoadSpec;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.runner.LoadRunner;
import org.rtcbench.runner.RunOptions;

/**
 * How many synthetic peers go through the local Janus on this machine before the generator
 * saturates: load runs of growing size (one more room of the same shape each step, 320x240@15
 * audio+video), each judged by the generator-limited flag and by every peer connecting; the answer
 * is the last size that passed both.
 */
public final class LoadCapacityBench {

    /** One step: its size, whether all connected, the generator's flag, what receivers got, and who used the CPU over the hold. */
    public record Step(int rooms, int peers, int connected, boolean generatorLimited, String limitedReason,
                       Double maxGeneratorCpu, Long joinP95Ms, Double minReceiverFpsP50, HoldCpu hold) {
        boolean passed() {
            return connected == peers && !generatorLimited;
        }

        /** The host's CPU reached 90 % over the hold, or a receiver fell under 14 fps: the SFU or the generator is at its limit. */
        boolean saturated() {
            return (hold != null && hold.host() >= 90) || (minReceiverFpsP50 != null && minReceiverFpsP50 < 14);
        }
    }

    /**
     * Mean CPU over a step's hold (every peer joined; its first 2 and last 2 seconds left out), in percent of
     * all the host's cores: this JVM (the generator), the processes it started (the local Janus), the host.
     */
    public record HoldCpu(double generator, double started, double host, int seconds) {
        static HoldCpu of(List<LoadSummary.LoadPoint> timeline, int users) {
            List<LoadSummary.LoadPoint> full = timeline.stream().filter(p -> p.joined() >= users && p.generatorCpuPercent() != null
                    && p.startedCpuPercent() != null && p.hostCpuPercent() != null).toList();
            if (full.size() <= 4) {
                return null;
            }
            List<LoadSummary.LoadPoint> hold = full.subList(2, full.size() - 2);
            return new HoldCpu(hold.stream().mapToDouble(LoadSummary.LoadPoint::generatorCpuPercent).average().orElseThrow(),
                    hold.stream().mapToDouble(LoadSummary.LoadPoint::startedCpuPercent).average().orElseThrow(),
                    hold.stream().mapToDouble(LoadSummary.LoadPoint::hostCpuPercent).average().orElseThrow(), hold.size());
        }
    }

    private final Scenario base;
    private final RunOptions options;
    private final PrintStream out;

    public LoadCapacityBench(Scenario base, RunOptions options, PrintStream out) {
        this.base = base;
        this.options = options;
        this.out = out;
    }

    /**
     * Adds {@code stepRooms} rooms of {@code publishers} + {@code subscribers} virtual users of {@code peerKind}
     * (java or replay) each step, from {@code fromRooms} until a step fails, the host saturates, or {@code maxRooms}.
     */
    public List<Step> run(int publishers, int subscribers, int fromRooms, int stepRooms, int maxRooms, Duration ramp, Duration hold,
                          String peerKind) {
        List<Step> steps = new ArrayList<>();
        for (int rooms = fromRooms; rooms <= maxRooms; rooms += stepRooms) {
            LoadSpec load = new LoadSpec(rooms, publishers, subscribers, "ramp", ramp, hold, null, null, null, peerKind);
            Scenario s = base.withLoad("janus".equals(base.target().type()) ? base.target() : TargetSpec.of("janus"), load);
            out.printf("step %d rooms x (%d+%d) = %d synthetic peers ...%n", rooms, publishers, subscribers, load.users());
            RunSummary run = new LoadRunner(s, options.withOut(new PrintStream(OutputStream.nullOutputStream()))).run();
            LoadSummary l = run.load();
            Double maxCpu = l.timeline().stream().map(LoadSummary.LoadPoint::generatorCpuPercent)
                    .filter(java.util.Objects::nonNull).max(Double::compare).orElse(null);
            Double maxHost = l.timeline().stream().map(LoadSummary.LoadPoint::hostCpuPercent)
                    .filter(java.util.Objects::nonNull).max(Double::compare).orElse(null);
            Double minFps = run.peers().stream().filter(p -> "recvonly".equals(p.role()) && p.metrics().containsKey("video.fps"))
                    .map(p -> p.metrics().get("video.fps").p50()).min(Double::compare).orElse(null);
            HoldCpu holdCpu = HoldCpu.of(l.timeline(), load.users());
            Step step = new Step(rooms, load.users(), l.connected(), l.generatorLimited(), l.generatorLimitedReason(), maxCpu,
                    l.join().p95Ms(), minFps, holdCpu);
            steps.add(step);
            out.printf(Locale.ROOT, "  %d/%d connected, generator %s, generator CPU max %s (host %s), join p95 %s ms, receivers' fps p50 min %s (run %s)%n",
                    step.connected(), step.peers(), step.generatorLimited() ? "LIMITED: " + step.limitedReason() : "not limited",
                    maxCpu == null ? "-" : String.format(Locale.ROOT, "%.0f%%", maxCpu),
                    maxHost == null ? "-" : String.format(Locale.ROOT, "%.0f%%", maxHost), l.join().p95Ms(),
                    minFps == null ? "-" : String.format(Locale.ROOT, "%.1f", minFps), run.runId());
            if (holdCpu != null) {
                out.printf(Locale.ROOT, "  over the hold (%d s, all joined): generator %.0f%% of the host's CPU, the local Janus %.0f%%, host %.0f%%%n",
                        holdCpu.seconds(), holdCpu.generator(), holdCpu.started(), holdCpu.host());
            }
            if (!step.passed() || step.saturated()) {
                break;
            }
        }
        return steps;
    }

    /**
     * Who ran out first, from the last step: the local Janus when the host saturated (or receivers fell
     * behind) while the generator used less CPU than Janus; null when no step saturated.
     */
    public static String bottleneck(List<Step> steps) {
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last == null || !(last.saturated() || last.generatorLimited()) || last.hold() == null) {
            return null;
        }
        HoldCpu h = last.hold();
        String who = h.started() > h.generator() ? "the local Janus" : "the generator";
        return String.format(Locale.ROOT, "%s saturated first: at %d peers the host's CPU over the hold was %.0f%% (Janus %.0f%%, "
                + "the generator %.0f%%), receivers' fps p50 min %s", who, last.peers(), h.host(), h.started(), h.generator(),
                last.minReceiverFpsP50() == null ? "-" : String.format(Locale.ROOT, "%.1f", last.minReceiverFpsP50()));
    }

    /** The largest number of peers of a step that passed, or 0. */
    public static int capacity(List<Step> steps) {
        return steps.stream().filter(Step::passed).mapToInt(Step::peers).max().orElse(0);
    }
}
