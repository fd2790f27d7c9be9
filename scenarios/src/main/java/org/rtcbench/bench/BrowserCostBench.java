package org.rtcbench.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.process.ProcessCpu;
import org.rtcbench.browser.container.ContainerOwner;
import org.rtcbench.browser.container.DockerAccess;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerType;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.runner.RunObserver;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;

/**
 * What one browser peer costs: launch-to-ready time (process start to harness page loaded), and,
 * in a call of two peers of the same type, the PSS/RSS memory and CPU of each peer's processes
 * (the browser, its children and its driver; for a container peer, every process in its
 * container), measured after a warm-up. Local and container peers of one kind compare this way.
 */
public final class BrowserCostBench {
    private static final Duration WARM_UP = WarmUp.DURATION;

    /**
     * One peer measured in one call.
     *
     * @param kbpsIn the bitrate it received, p50 over the call (null: not measured): a call whose bandwidth
     *               estimate settled higher costs more to decode, whatever else is compared
     */
    public record PeerCost(PeerType type, String peer, long launchMs, double pssMb, double rssMb, double cores, int processes, Double kbpsIn) {
    }

    private final Scenario base;
    private final RunOptions options;
    private final PrintStream out;

    /** @param base supplies media, sampling and browser paths; its peers are replaced by two of each kind measured */
    public BrowserCostBench(Scenario base, RunOptions options, PrintStream out) {
        this.base = base;
        this.options = options;
        this.out = out;
    }

    public List<PeerCost> run(List<PeerType> types, int rounds) throws IOException {
        List<PeerCost> all = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            for (PeerType type : types) {
                for (PeerCost c : measure(base, options, type)) {
                    out.printf(Locale.ROOT, "round %d %-18s %-10s launch %5d ms | PSS %6.0f MB | RSS %6.0f MB | CPU %.2f cores | %d processes%n",
                            i, type.id(), c.peer(), c.launchMs(), c.pssMb(), c.rssMb(), c.cores(), c.processes());
                    all.add(c);
                }
            }
        }
        return all;
    }

    /**
     * One call of two {@code type} peers per scenario, all the calls at once, each measured as
     * {@link #run} measures one: the calls share the same minutes of the host, so a host busier in
     * one minute than the next (on this machine one call's CPU moved by 15-30 % from one minute to
     * the next) weighs on each alike, and their difference is what the scenarios differ in. The
     * costs come in the order of the scenarios.
     */
    public static List<List<PeerCost>> together(List<Scenario> calls, PeerType type, RunOptions options) throws IOException {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size(), r -> {
            Thread t = new Thread(r, "bench-call");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<List<PeerCost>>> running = new ArrayList<>();
            for (Scenario call : calls) {
                running.add(pool.submit(() -> measure(call, options, type)));
            }
            List<List<PeerCost>> costs = new ArrayList<>();
            Throwable failed = null;
            for (var call : running) { // every call ends before any failure is told, so none runs on unwatched
                try {
                    costs.add(call.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failed = failed == null ? e.getCause() : failed;
                }
            }
            if (failed instanceof IOException io) {
                throw io;
            }
            if (failed instanceof RuntimeException r) {
                throw r;
            }
            if (failed != null) {
                throw new IllegalStateException(failed);
            }
            return costs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while measuring " + type.id() + " calls", e);
        } finally {
            pool.shutdown();
        }
    }

    private static List<PeerCost> measure(Scenario base, RunOptions options, PeerType type) throws IOException {
        PeerKind kind = type.kind();
        boolean container = PeerGroup.CONTAINER.equals(type.provider());
        Path work = Files.createTempDirectory("rtcbench-bench-");
        Scenario scenario = base.withPeers(List.of(new PeerGroup(kind, null, 2, null, null, type.provider(), type.image(), null)));
        List<String> peers = scenario.peerNames();
        Map<String, double[]> start = new LinkedHashMap<>();
        Map<String, double[]> end = new LinkedHashMap<>();
        RunObserver observer = new RunObserver() {
            @Override
            public void callStarted() {
                WarmUp.thenRun(() -> snapshot(start));
            }

            @Override
            public void callEnding() {
                snapshot(end);
            }

            private void snapshot(Map<String, double[]> into) {
                double now = System.nanoTime() / 1e9;
                for (String peer : peers) {
                    List<ProcessHandle> procs = container ? ContainerOwner.processesOf(DockerAccess.client(), peer)
                            : OwnedProcesses.running(work.resolve(kind.id() + "-" + peer + "-").toString());
                    double[] mem = ProcessCpu.memoryMb(procs);
                    into.put(peer, new double[] {now, ProcessCpu.secondsOf(procs), mem[0], mem[1], procs.size()});
                }
            }
        };
        RunSummary run = MeasuredCall.runThenDelete(new ScenarioRunner(scenario, options.withWorkDir(work).withObserver(observer)
                .withOut(new PrintStream(OutputStream.nullOutputStream()))), work);
        List<PeerCost> costs = new ArrayList<>();
        for (PeerSummary p : run.peers()) {
            double[] a = start.get(p.name());
            double[] b = end.get(p.name());
            if (p.launchMs() == null || a == null || b == null) {
                throw new IllegalStateException(type.id() + " peer " + p.name() + " was not measured: " + run.reason()
                        + " (use a --duration over " + WARM_UP.toSeconds() + " s)");
            }
            var in = p.metrics().get("bitrate.in");
            costs.add(new PeerCost(type, p.name(), p.launchMs(), b[2], b[3], (b[1] - a[1]) / (b[0] - a[0]), (int) b[4], in == null ? null : in.p50()));
        }
        return costs;
    }

    /** The call every kind is measured in: the demo's media unless told otherwise. */
    public static Scenario callShape(Scenario demo, VideoSpec video) {
        return callShape(demo, video, demo.media().source());
    }

    /**
     * The call with this video (null: the demo's) and media source ({@code marked}, {@code unmarked} or
     * {@code builtin}), named after the demo and the source (its run directory is {@code *-demo-marked}).
     */
    public static Scenario callShape(Scenario demo, VideoSpec video, String source) {
        MediaSpec m = demo.media();
        return new Scenario(demo.name() + "-" + source, demo.description(), demo.duration(), demo.sampling(), demo.connectTimeout(),
                demo.target(), new MediaSpec(video == null ? m.video() : video, m.audio(), m.datachannel(), source), demo.peers(),
                demo.browsers(), List.of());
    }
}
