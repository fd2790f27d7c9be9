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

    /** One step: its size, whether all connected, the generator's flag, and what receivers got. */
    public record Step(int rooms, int peers, int connected, boolean generatorLimited, String limitedReason,
                       Double maxGeneratorCpu, Long joinP95Ms, Double minReceiverFpsP50) {
        boolean passed() {
            return connected == peers && !generatorLimited;
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

    /** Adds a room of {@code publishers} + {@code subscribers} each step, from {@code fromRooms} until a step fails or {@code maxRooms}. */
    public List<Step> run(int publishers, int subscribers, int fromRooms, int maxRooms, Duration ramp, Duration hold) {
        return run(publishers, subscribers, fromRooms, maxRooms, ramp, hold, "java");
    }

    /** As {@link #run(int, int, int, int, Duration, Duration)} with virtual users of {@code peerKind} (java or replay). */
    public List<Step> run(int publishers, int subscribers, int fromRooms, int maxRooms, Duration ramp, Duration hold, String peerKind) {
        List<Step> steps = new ArrayList<>();
        for (int rooms = fromRooms; rooms <= maxRooms; rooms++) {
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
            Step step = new Step(rooms, load.users(), l.connected(), l.generatorLimited(), l.generatorLimitedReason(), maxCpu,
                    l.join().p95Ms(), minFps);
            steps.add(step);
            out.printf(Locale.ROOT, "  %d/%d connected, generator %s, generator CPU max %s (host %s), join p95 %s ms, receivers' fps p50 min %s (run %s)%n",
                    step.connected(), step.peers(), step.generatorLimited() ? "LIMITED: " + step.limitedReason() : "not limited",
                    maxCpu == null ? "-" : String.format(Locale.ROOT, "%.0f%%", maxCpu),
                    maxHost == null ? "-" : String.format(Locale.ROOT, "%.0f%%", maxHost), l.join().p95Ms(),
                    minFps == null ? "-" : String.format(Locale.ROOT, "%.1f", minFps), run.runId());
            if (!step.passed()) {
                break;
            }
        }
        return steps;
    }

    /** The largest number of peers of a step that passed, or 0. */
    public static int capacity(List<Step> steps) {
        return steps.stream().filter(Step::passed).mapToInt(Step::peers).max().orElse(0);
    }
}
