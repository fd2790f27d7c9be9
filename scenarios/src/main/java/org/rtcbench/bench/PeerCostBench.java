package org.rtcbench.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.process.ProcessCpu;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.runner.LinkPlan;
import org.rtcbench.runner.RunObserver;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;

/**
 * What a synthetic Java peer and a replay peer cost next to a Chromium peer, in one run and the same
 * call shape (320x240@15 audio+video both ways, one pair of each kind), and how many Java or replay
 * A/V peers (each publishing one stream and receiving one) this JVM sustains with received fps at or
 * above a floor.
 */
public final class PeerCostBench {
    private static final VideoSpec SHAPE = new VideoSpec(320, 240, 15);

    /** Per-peer cost of one kind: CPU cores and memory (Chromium: PSS of its processes; Java: the JVM's RSS growth). */
    public record KindCost(PeerKind kind, double coresPerPeer, double mbPerPeer) {
    }

    /** One step of the scale sweep. */
    public record Step(int peers, double jvmCores, double minFpsP50, boolean sustained) {
    }

    private final RunOptions options;
    private final Duration duration;
    private final PrintStream out;

    public PeerCostBench(RunOptions options, Duration duration, PrintStream out) {
        this.options = options;
        this.duration = WarmUp.measurable(duration);
        this.out = out;
    }

    private static Scenario call(String name, List<PeerGroup> peers, Duration duration) {
        return new Scenario(name, "", duration, Duration.ofSeconds(1), Duration.ofSeconds(30), TargetSpec.p2p(),
                new MediaSpec(SHAPE, true, true), peers, null, List.of());
    }

    /** Pairs peer 2k with peer 2k+1 (the earlier offers); no cells to judge. */
    private static LinkPlan pairs(List<String> names) {
        List<LinkPlan.PlannedLink> links = new ArrayList<>();
        for (int i = 0; i + 1 < names.size(); i += 2) {
            links.add(new LinkPlan.PlannedLink(names.get(i), names.get(i + 1), names.get(i) + "~" + names.get(i + 1), null));
        }
        return new LinkPlan(links, (l, m) -> List.of());
    }

    /** A Chromium pair, a Java pair and a replay pair in one call; CPU over the call after the warm-up. */
    public List<KindCost> compare() throws IOException {
        Path work = Files.createTempDirectory("rtcbench-bench-");
        Scenario scenario = call("bench-peers", List.of(new PeerGroup(PeerKind.CHROME, "chrome", 2, null, null),
                new PeerGroup(PeerKind.JAVA, "java", 2, null, null), new PeerGroup(PeerKind.REPLAY, "replay", 2, null, null)), duration);
        double[] start = new double[4];
        double[] end = new double[4];
        double[] rssBefore = new double[1];
        List<java.util.Map<String, Double>> threads = new ArrayList<>(List.of(java.util.Map.of(), java.util.Map.of()));
        RunObserver observer = new RunObserver() {
            @Override
            public void directoryCreated(org.rtcbench.core.run.RunDirectory dir) {
                rssBefore[0] = ProcessCpu.memoryMb(List.of(ProcessHandle.current()))[1];
            }

            @Override
            public void callStarted() {
                WarmUp.thenRun(() -> {
                    snapshot(start);
                    threads.set(0, ProcessCpu.byThreadOfThisJvm());
                });
            }

            @Override
            public void callEnding() {
                snapshot(end);
                threads.set(1, ProcessCpu.byThreadOfThisJvm());
            }

            private void snapshot(double[] into) {
                List<ProcessHandle> chrome = OwnedProcesses.running(work.toString());
                into[0] = System.nanoTime() / 1e9;
                into[1] = ProcessCpu.secondsOf(chrome);
                into[2] = ProcessCpu.ofThisJvm();
                into[3] = ProcessCpu.memoryMb(chrome)[0];
            }
        };
        RunSummary run = MeasuredCall.runThenDelete(new ScenarioRunner(scenario, quiet(work, observer), pairs(scenario.peerNames())), work);
        requireMeasured(run, start);
        double window = end[0] - start[0];
        double rssAfter = ProcessCpu.memoryMb(List.of(ProcessHandle.current()))[1];
        KindCost chrome = new KindCost(PeerKind.CHROME, (end[1] - start[1]) / window / 2, end[3] / 2);
        // The JVM also samples all four peers' stats and serves the harness: an upper bound for Java peers.
        KindCost java = new KindCost(PeerKind.JAVA, (end[2] - start[2]) / window / 2, (rssAfter - rssBefore[0]) / 2);
        out.printf(Locale.ROOT, "chromium peer: %.3f cores, %.0f MB PSS | java peer: %.3f cores (JVM incl. sampling), %.0f MB RSS growth"
                + " | java is %.1fx cheaper in CPU%n", chrome.coresPerPeer(), chrome.mbPerPeer(), java.coresPerPeer(),
                java.mbPerPeer(), chrome.coresPerPeer() / java.coresPerPeer());
        printJavaPeerThreads(threads.get(0), threads.get(1), window, chrome.coresPerPeer());
        double replayCores = threadCores(threads.get(0), threads.get(1), REPLAY_PEER_THREADS, window) / 2;
        KindCost replay = new KindCost(PeerKind.REPLAY, replayCores, Double.NaN);
        out.printf(Locale.ROOT, "replay peer: %.4f cores (its own threads: %s) | a Chromium peer costs %.0fx that, a java peer's "
                        + "libwebrtc threads %.0fx (memory: see the sweep)%n", replayCores, REPLAY_PEER_THREADS.pattern(),
                chrome.coresPerPeer() / replayCores, threadCores(threads.get(0), threads.get(1), JAVA_PEER_THREADS, window) / 2 / replayCores);
        return List.of(chrome, java, replay);
    }

    /** Threads only replay peers run: the pacer (every replay peer's sending), each connection's receive loop, ice4j's sockets. */
    private static final java.util.regex.Pattern REPLAY_PEER_THREADS =
            java.util.regex.Pattern.compile("replay-.*|IceConnector.*|ice4j\\..*");

    private static double threadCores(java.util.Map<String, Double> before, java.util.Map<String, Double> after,
                                      java.util.regex.Pattern names, double window) {
        double total = 0;
        for (var e : after.entrySet()) {
            if (names.matcher(e.getKey()).matches()) {
                total += (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / window;
            }
        }
        return total;
    }

    /** Threads only Java peers run: libwebrtc's (shared by every peer of the factory) and our frame and tone pumps. */
    private static final java.util.regex.Pattern JAVA_PEER_THREADS =
            java.util.regex.Pattern.compile("EncoderQueue|DecodingQueue|AudioEncoder|IncomingVideoSt.*|webrtc_jni_.*|rtc-low-prio|javapeer");

    /** Where the two Java peers' CPU went, per thread name, per peer: what the 15x goal is up against. */
    private void printJavaPeerThreads(java.util.Map<String, Double> before, java.util.Map<String, Double> after, double window,
                                      double chromeCores) {
        double total = 0;
        List<String> parts = new ArrayList<>();
        for (var e : after.entrySet()) {
            if (!JAVA_PEER_THREADS.matcher(e.getKey()).matches()) {
                continue;
            }
            double cores = (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / window / 2;
            total += cores;
            if (cores >= 0.0005) {
                parts.add(String.format(Locale.ROOT, "%s %.4f", e.getKey(), cores));
            }
        }
        out.printf(Locale.ROOT, "java peer threads, cores per peer: %s | total %.3f, a Chromium peer costs %.1fx that%n",
                String.join(", ", parts), total, chromeCores / total);
    }

    /** Synthetic A/V peers of {@code kind} in pairs, growing by {@code step} until received fps (p50, worst receiver) falls below {@code minFps}. */
    public List<Step> sweep(PeerKind kind, int from, int step, int max, double minFps) throws IOException {
        List<Step> steps = new ArrayList<>();
        for (int n = from; n <= max; n += step) {
            Path work = Files.createTempDirectory("rtcbench-bench-");
            Scenario scenario = call("bench-" + kind.id() + "-" + n, List.of(new PeerGroup(kind, kind.id(), n, null, null)), duration);
            double rssBefore = ProcessCpu.memoryMb(List.of(ProcessHandle.current()))[1];
            double[] start = new double[4];
            double[] end = new double[4];
            RunObserver observer = new RunObserver() {
                @Override
                public void callStarted() {
                    WarmUp.thenRun(() -> {
                        start[0] = System.nanoTime() / 1e9;
                        start[2] = ProcessCpu.ofThisJvm();
                    });
                }

                @Override
                public void callEnding() {
                    end[0] = System.nanoTime() / 1e9;
                    end[2] = ProcessCpu.ofThisJvm();
                    end[3] = ProcessCpu.memoryMb(List.of(ProcessHandle.current()))[1];
                }
            };
            RunSummary run = MeasuredCall.runThenDelete(new ScenarioRunner(scenario, quiet(work, observer), pairs(scenario.peerNames())), work);
            requireMeasured(run, start);
            double worst = Double.NaN;
            for (var p : run.peers()) {
                Summary fps = p.metrics().get(Metric.VIDEO_FPS.id());
                double v = fps == null ? 0 : fps.p50();
                worst = Double.isNaN(worst) ? v : Math.min(worst, v);
            }
            Step s = new Step(n, (end[2] - start[2]) / (end[0] - start[0]), worst, worst >= minFps);
            steps.add(s);
            double rssGrowth = end[3] - rssBefore;
            out.printf(Locale.ROOT, "%3d %s A/V peers: JVM %.2f cores (%.4f per peer), RSS +%.0f MB (%.1f per peer), worst receiver fps p50 %.1f -> %s%n",
                    n, kind.id(), s.jvmCores(), s.jvmCores() / n, rssGrowth, rssGrowth / n, worst, s.sustained() ? "sustained" : "below " + minFps);
            if (!s.sustained()) {
                break;
            }
        }
        return steps;
    }

    private RunOptions quiet(Path work, RunObserver observer) {
        return options.withWorkDir(work).withObserver(observer).withOut(new PrintStream(OutputStream.nullOutputStream()));
    }

    private static void requireMeasured(RunSummary run, double[] start) {
        if (start[0] == 0) {
            throw new IllegalStateException("the call was not measured (" + run.status().id() + ": " + run.reason()
                    + "); use a --duration over " + WarmUp.DURATION.toSeconds() + " s");
        }
    }
}
