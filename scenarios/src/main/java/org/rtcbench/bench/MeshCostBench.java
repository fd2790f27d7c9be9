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
import org.rtcbench.core.capacity.PeerCost;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.process.ProcessCpu;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.runner.RunObserver;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;

/**
 * What peers of one kind cost in full-mesh calls of growing size (320x240@15, audio, data channel):
 * CPU of the rtcbench JVM and of the processes it started, the browsers' PSS, the JVM's RSS and
 * threads; fitted to "per peer + per A/V stream pair" as {@link PeerCost} uses them, and printed
 * beside rtcbench's reference costs.
 */
public final class MeshCostBench {
    private static final VideoSpec SHAPE = new VideoSpec(320, 240, 15);

    /** One mesh measured: peers, stream pairs (peer-connection ends), CPU cores, MB, JVM threads. */
    public record Mesh(PeerKind kind, int peers, int streamPairs, double jvmCores, double childCores, double childPssMb,
                       double jvmRssMb, int jvmThreads, boolean passed) {
        /** The cores and MB that belong to the peers: the browsers' own for browsers, the JVM's for Java peers. */
        double cores() {
            return kind == PeerKind.JAVA ? jvmCores : childCores;
        }

        double mb() {
            return kind == PeerKind.JAVA ? jvmRssMb : childPssMb;
        }
    }

    private final RunOptions options;
    private final Duration duration;
    private final PrintStream out;

    public MeshCostBench(RunOptions options, Duration duration, PrintStream out) {
        this.options = options;
        this.duration = WarmUp.measurable(duration);
        this.out = out;
    }

    /** Measures a mesh of each size, then fits the two smallest that passed (and the largest) per kind. */
    public List<Mesh> run(List<PeerKind> kinds, List<Integer> sizes) throws IOException {
        List<Mesh> all = new ArrayList<>();
        for (PeerKind kind : kinds) {
            List<Mesh> ofKind = new ArrayList<>();
            for (int n : sizes) {
                Mesh m = measure(kind, n);
                ofKind.add(m);
                out.printf(Locale.ROOT, "%-7s mesh of %2d (%3d stream pairs): %s cores (jvm %.3f, its children %.3f), "
                                + "%s MB (browsers' PSS %.0f, jvm RSS growth %.0f), jvm threads %d%s%n", kind.id(), n, m.streamPairs(),
                        fmt(m.cores()), m.jvmCores(), m.childCores(), fmt(m.mb()), m.childPssMb(), m.jvmRssMb(), m.jvmThreads(),
                        m.passed() ? "" : " (the call did not pass: not used in the fit)");
            }
            all.addAll(ofKind);
            // a mesh that filled the host's cores measures the host, not the peers
            double full = 0.85 * Runtime.getRuntime().availableProcessors();
            fit(kind, ofKind.stream().filter(m -> m.passed() && m.jvmCores() + m.childCores() < full).toList());
        }
        return all;
    }

    /** Least squares of "peers x a + pairs x b" over the meshes that passed without filling the host, for cores and MB. */
    private void fit(PeerKind kind, List<Mesh> meshes) {
        if (meshes.size() < 2) {
            out.printf("%s: fewer than two meshes passed without filling this host's cores; nothing to fit%n", kind.id());
            return;
        }
        // total = peers * a + pairs * b: two unknowns, solved by least squares over the meshes
        double[] cores = solve(meshes, Mesh::cores);
        double[] mb = solve(meshes, Mesh::mb);
        PeerCost ref = PeerCost.reference(kind);
        out.printf(Locale.ROOT, "%s fit: %s cores a peer + %s per stream pair, %s MB a peer + %s per pair | reference: "
                        + "%s + %s cores, %s + %s MB%n", kind.id(), fmt(cores[0]), fmt(cores[1]), fmt(mb[0]), fmt(mb[1]),
                fmt(ref.cores()), fmt(ref.coresPerStreamPair()), fmt(ref.mb()), fmt(ref.mbPerStreamPair()));
    }

    private static double[] solve(List<Mesh> meshes, java.util.function.ToDoubleFunction<Mesh> total) {
        double spp = 0;
        double spq = 0;
        double sqq = 0;
        double spy = 0;
        double sqy = 0;
        for (Mesh m : meshes) {
            double p = m.peers();
            double q = m.streamPairs();
            double y = total.applyAsDouble(m);
            spp += p * p;
            spq += p * q;
            sqq += q * q;
            spy += p * y;
            sqy += q * y;
        }
        double det = spp * sqq - spq * spq;
        return new double[] {(spy * sqq - sqy * spq) / det, (sqy * spp - spy * spq) / det};
    }

    private Mesh measure(PeerKind kind, int n) throws IOException {
        Path work = Files.createTempDirectory("rtcbench-bench-mesh-");
        Scenario scenario = new Scenario("bench-mesh-" + kind.id() + "-" + n, "", duration, Duration.ofSeconds(1),
                Duration.ofSeconds(30), TargetSpec.p2p(), new MediaSpec(SHAPE, true, true),
                List.of(new PeerGroup(kind, kind.id(), n, null, null)), null, List.of());
        double[] start = new double[3];
        double[] end = new double[6];
        double[] rssBefore = new double[1];
        RunObserver observer = new RunObserver() {
            @Override
            public void directoryCreated(org.rtcbench.core.run.RunDirectory dir) {
                rssBefore[0] = ProcessCpu.memoryMb(List.of(ProcessHandle.current()))[1];
            }

            @Override
            public void callStarted() {
                WarmUp.thenRun(() -> {
                    start[0] = System.nanoTime() / 1e9;
                    start[1] = ProcessCpu.ofThisJvm();
                    start[2] = ProcessCpu.secondsOf(children());
                });
            }

            @Override
            public void callEnding() {
                end[0] = System.nanoTime() / 1e9;
                end[1] = ProcessCpu.ofThisJvm();
                end[2] = ProcessCpu.secondsOf(children());
                end[3] = ProcessCpu.memoryMb(children())[0];
                end[4] = ProcessCpu.memoryMb(List.of(ProcessHandle.current()))[1];
                end[5] = threadsOfThisJvm();
            }
        };
        RunSummary run = MeasuredCall.runThenDelete(new ScenarioRunner(scenario, options.withWorkDir(work).withObserver(observer)
                .withOut(new PrintStream(OutputStream.nullOutputStream())), null), work);
        if (start[0] == 0) {
            throw new IllegalStateException("the mesh call was not measured (" + run.status().id() + ": " + run.reason()
                    + "); use a --duration over " + WarmUp.DURATION.toSeconds() + " s");
        }
        double window = end[0] - start[0];
        // the JVM's own RSS before the peers (harness, libraries, earlier meshes' heap) is not theirs
        return new Mesh(kind, n, n * (n - 1), (end[1] - start[1]) / window, (end[2] - start[2]) / window, end[3],
                end[4] - rssBefore[0], (int) end[5], run.status() == RunStatus.PASSED);
    }

    private static List<ProcessHandle> children() {
        return ProcessHandle.current().descendants().toList();
    }

    /** Every thread of this JVM, native ones too (libwebrtc's), from /proc/self/status. */
    private static int threadsOfThisJvm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return Thread.getAllStackTraces().size();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.3f", v);
    }
}
