package org.rtcbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.rtcbench.bench.SamplingCostBench;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Durations;
import org.rtcbench.core.ExitCode;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rtcbench bench ...}: benchmarks whose numbers go into the README, never into timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: measured numbers for the README and release notes.",
        subcommands = {BenchCommand.Sampling.class, BenchCommand.Startup.class, BenchCommand.Browsers.class, BenchCommand.Markers.class, BenchCommand.Peers.class,
                BenchCommand.Mesh.class, BenchCommand.Report.class, BenchCommand.Load.class, BenchCommand.Network.class})
final class BenchCommand {

    /** {@code bench sampling}: the CPU cost of 1 Hz getStats() sampling per browser. */
    @Command(name = "sampling", mixinStandardHelpOptions = true,
            description = "CPU cost of 1 Hz stats sampling per browser: the demo call (two Chromium peers, 640x480@30) "
                    + "run with sampling off and on, alternating, CPU of browsers+drivers and of the rtcbench JVM "
                    + "measured after a 5 s warm-up.")
    static final class Sampling implements Callable<Integer> {
        @Option(names = "--rounds", defaultValue = "3", description = "Off/on pairs to run (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Mixin
        RunFlags flags;

        @Override
        public Integer call() throws Exception {
            if (flags.duration == null) {
                flags.duration = "30s";
            }
            var scenario = flags.apply(ScenarioLoader.loadResource(DemoCommand.DEMO));
            System.out.printf("bench sampling: %d rounds of the demo call (%s), sampling off then on%n", rounds, flags.duration);
            List<SamplingCostBench.Measurement> all = new SamplingCostBench(scenario, flags.options().withForce(true), System.out).run(rounds);
            double offBrowser = mean(all, false, true);
            double onBrowser = mean(all, true, true);
            double offJvm = mean(all, false, false);
            double onJvm = mean(all, true, false);
            int browsers = all.get(0).browsers();
            System.out.printf(Locale.ROOT, "%nmean over %d rounds, %d browsers:%n", rounds, browsers);
            System.out.printf(Locale.ROOT, "  browsers+drivers: off %.3f cores, on %.3f cores -> sampling costs %+.4f cores per browser (%+.1f %%)%n",
                    offBrowser, onBrowser, (onBrowser - offBrowser) / browsers, 100 * (onBrowser - offBrowser) / offBrowser);
            System.out.printf(Locale.ROOT, "  rtcbench JVM:     off %.3f cores, on %.3f cores -> %+.4f cores per browser sampled%n",
                    offJvm, onJvm, (onJvm - offJvm) / browsers);
            return ExitCode.PASSED;
        }

        private static double mean(List<SamplingCostBench.Measurement> all, boolean sampling, boolean browser) {
            return all.stream().filter(m -> m.sampling() == sampling)
                    .mapToDouble(m -> browser ? m.browserCores() : m.jvmCores()).average().orElse(Double.NaN);
        }
    }

    /** {@code bench network}: what the userspace impairment path (the UDP relay) costs per packet rate. */
    @Command(name = "network", mixinStandardHelpOptions = true,
            description = "CPU and added delay of rtcbench's userspace impairment path (a UDP relay port through two shaped links, "
                    + "on loopback) per packet rate: 1200-byte packets through a link with a fixed delay. Prints the relay "
                    + "threads' CPU per 1,000 packets/s and the highest rate it carries before it adds delay of its own "
                    + "(p99 under --max-added, nothing lost). It is the path every peer of an impaired run (network:, --network) crosses.")
    static final class Network implements Callable<Integer> {
        @Option(names = "--rates", split = ",", defaultValue = "1000,5000,10000,20000,40000,80000",
                description = "Packets per second to try, in order (default: ${DEFAULT-VALUE}).")
        List<Integer> rates;

        @Option(names = "--delay", defaultValue = "20ms", description = "The link's delay (default: ${DEFAULT-VALUE}).")
        String delay;

        @Option(names = "--window", defaultValue = "3s", description = "How long each rate is sent (default: ${DEFAULT-VALUE}).")
        String window;

        @Option(names = "--max-added", defaultValue = "5", paramLabel = "MS",
                description = "The p99 delay the relay may add of its own, in ms, for a rate to count as carried (default: ${DEFAULT-VALUE}).")
        double maxAddedMs;

        @Override
        public Integer call() throws Exception {
            var bench = new org.rtcbench.bench.NetworkBench(System.out, org.rtcbench.core.Durations.parse(delay),
                    org.rtcbench.core.Durations.parse(window), 1200);
            System.out.printf("bench network: 1200-byte UDP packets through a %s link, %s per rate, on loopback%n", delay, window);
            var steps = bench.run(rates);
            System.out.printf(Locale.ROOT, "%ncarried up to %d packets/s (p99 added delay under %.1f ms, nothing lost)%n",
                    org.rtcbench.bench.NetworkBench.cleanCeiling(steps, maxAddedMs), maxAddedMs);
            return ExitCode.PASSED;
        }
    }

    /** {@code bench browsers}: launch-to-ready time, memory and CPU per browser peer, per kind. */
    @Command(name = "browsers", mixinStandardHelpOptions = true,
            description = "Cost of one browser peer, per kind: launch-to-ready time (process start to harness page loaded), "
                    + "and in a call of two peers of that kind (the demo's 640x480@30, or --video WxH@FPS) the PSS/RSS memory "
                    + "and CPU of each peer's processes, measured after a 5 s warm-up.")
    static final class Browsers implements Callable<Integer> {
        @Option(names = "--kinds", split = ",", defaultValue = "chrome,firefox", description = "Peer kinds to measure (default: ${DEFAULT-VALUE}).")
        List<String> kinds;

        @Option(names = "--providers", split = ",", defaultValue = "local", description = "Where the peers run, each measured "
                + "per kind: local, container (default: ${DEFAULT-VALUE}); e.g. local,container compares the two.")
        List<String> providers;

        @Option(names = "--rounds", defaultValue = "2", description = "Calls per kind (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--video", paramLabel = "WxH@FPS", description = "Video of the call, e.g. 320x240@15 (default: the demo's 640x480@30).")
        String video;

        @Mixin
        RunFlags flags;

        @Override
        public Integer call() throws Exception {
            if (flags.duration == null) {
                flags.duration = "20s";
            }
            org.rtcbench.core.scenario.VideoSpec v = video == null ? null : InteropCommand.parseVideo(video);
            List<org.rtcbench.core.peer.PeerType> types = new java.util.ArrayList<>();
            for (var kind : InteropCommand.parseKinds(kinds, "--kinds")) {
                for (String provider : providers) {
                    var type = new org.rtcbench.core.peer.PeerType(kind, provider.trim());
                    flags.options().providers().find(kind, type.provider()); // an unknown provider is bad input, before any peer starts
                    types.add(type);
                }
            }
            var scenario = org.rtcbench.bench.BrowserCostBench.callShape(flags.apply(ScenarioLoader.loadResource(DemoCommand.DEMO)), v);
            System.out.printf("bench browsers: %s, %d rounds, two peers per call, %s%n", types, rounds, scenario.media().video());
            var all = new org.rtcbench.bench.BrowserCostBench(scenario, flags.options().withForce(true), System.out).run(types, rounds);
            System.out.println();
            for (var type : types) {
                var mine = all.stream().filter(c -> c.type().equals(type)).toList();
                System.out.printf(Locale.ROOT, "%-18s per peer, mean of %d: launch-to-ready %.0f ms, PSS %.0f MB, RSS %.0f MB, CPU %.2f cores%n",
                        type.id(), mine.size(), mine.stream().mapToLong(c -> c.launchMs()).average().orElse(Double.NaN),
                        mine.stream().mapToDouble(c -> c.pssMb()).average().orElse(Double.NaN),
                        mine.stream().mapToDouble(c -> c.rssMb()).average().orElse(Double.NaN),
                        mine.stream().mapToDouble(c -> c.cores()).average().orElse(Double.NaN));
            }
            return ExitCode.PASSED;
        }
    }

    /** {@code bench markers}: what markers cost a browser peer: marked media against the same media unmarked, and its own fake devices. */
    @Command(name = "markers", mixinStandardHelpOptions = true,
            description = "CPU of a browser peer sending and reading marked media (the harness canvas camera and Web Audio "
                    + "microphone, the markers of received frames read (Chromium every frame, Firefox one in three), a frame's "
                    + "luma a second, the audio bursts heard) "
                    + "against the same pictures and tone with no marker (media.source unmarked), and against the browser's own "
                    + "fake devices (builtin): a pair of each kind, 320x240@15 unless --video; each round a builtin call alone, "
                    + "then an unmarked and a marked call at once (so the host's ups and downs weigh on both alike), CPU "
                    + "measured after a 5 s warm-up, in 40 s calls unless --duration.")
    static final class Markers implements Callable<Integer> {
        @Option(names = "--kinds", split = ",", defaultValue = "chrome,firefox", description = "Browser kinds to measure (default: ${DEFAULT-VALUE}).")
        List<String> kinds;

        @Option(names = "--rounds", defaultValue = "3", description = "Calls per kind and source (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--video", paramLabel = "WxH@FPS", defaultValue = "320x240@15", description = "Video of the call (default: ${DEFAULT-VALUE}).")
        String video;

        @Mixin
        RunFlags flags;

        @Override
        public Integer call() throws Exception {
            if (flags.duration == null) {
                flags.duration = "40s";
            }
            org.rtcbench.core.scenario.VideoSpec v = InteropCommand.parseVideo(video);
            var demo = flags.apply(ScenarioLoader.loadResource(DemoCommand.DEMO));
            System.out.printf("bench markers: %s, %d rounds of a builtin call, then an unmarked and a marked call at once, two peers per call, %s%n",
                    kinds, rounds, v);
            Map<String, List<Double>> cores = new java.util.LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (var kind : InteropCommand.parseKinds(kinds, "--kinds")) {
                    var type = new org.rtcbench.core.peer.PeerType(kind, "local");
                    // builtin alone, then unmarked and marked at once: the markers' cost is their difference
                    // in the same minutes of the host, which moved a lone call's CPU by as much as the markers
                    List<List<String>> batches = List.of(List.of(org.rtcbench.core.scenario.MediaSpec.BUILTIN),
                            List.of(org.rtcbench.core.scenario.MediaSpec.UNMARKED, org.rtcbench.core.scenario.MediaSpec.MARKED));
                    for (List<String> batch : batches) {
                        var costs = org.rtcbench.bench.BrowserCostBench.together(batch.stream()
                                .map(source -> org.rtcbench.bench.BrowserCostBench.callShape(demo, v, source)).toList(),
                                type, flags.options().withForce(true));
                        for (int i = 0; i < batch.size(); i++) {
                            String source = batch.get(i);
                            for (var c : costs.get(i)) {
                                cores.computeIfAbsent(kind.id() + " " + source, k -> new java.util.ArrayList<>()).add(c.cores());
                                System.out.printf(Locale.ROOT, "round %d %-8s %-8s %-10s CPU %.3f cores | received %s kbps p50%s%n", round, kind.id(),
                                        source, c.peer(), c.cores(), c.kbpsIn() == null ? "-" : String.format(Locale.ROOT, "%.0f", c.kbpsIn()),
                                        batch.size() > 1 ? " (" + String.join(" and ", batch) + " calls at once)" : " (alone)");
                            }
                        }
                    }
                }
            }
            System.out.println();
            for (var kind : InteropCommand.parseKinds(kinds, "--kinds")) {
                double builtin = cores.get(kind.id() + " builtin").stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double off = cores.get(kind.id() + " unmarked").stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double on = cores.get(kind.id() + " marked").stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                System.out.printf(Locale.ROOT, "%-8s per peer, mean of %d: builtin %.3f, unmarked %.3f, marked %.3f cores: the markers %+.1f %% "
                                + "of a peer's CPU (marked against unmarked), marked media %+.1f %% against the browser's own devices%n",
                        kind.id(), cores.get(kind.id() + " marked").size(), builtin, off, on, 100 * (on - off) / off, 100 * (on - builtin) / builtin);
            }
            System.out.println("each call's run directory (report.html, samples) is in " + flags.results.toAbsolutePath().normalize()
                    + " (--results), named *-demo-builtin, *-demo-unmarked and *-demo-marked");
            return ExitCode.PASSED;
        }
    }

    /** {@code bench peers}: a Java and a replay peer against a Chromium peer, and how many synthetic A/V peers one JVM sustains. */
    @Command(name = "peers", mixinStandardHelpOptions = true,
            description = "CPU and memory per synthetic Java peer and per replay peer versus per Chromium peer, measured in one "
                    + "call of the same shape (320x240@15 audio+video both ways, a pair of each), then how many A/V peers of "
                    + "--kind (each publishing one stream and receiving one) this JVM sustains with received fps (p50, worst "
                    + "receiver) >= --min-fps.")
    static final class Peers implements Callable<Integer> {
        @Option(names = "--kind", defaultValue = "java", description = "The synthetic kind the sweep grows: java or replay (default: ${DEFAULT-VALUE}).")
        String kind;

        @Option(names = "--from", defaultValue = "10", description = "First number of Java peers in the sweep (default: ${DEFAULT-VALUE}).")
        int from;

        @Option(names = "--step", defaultValue = "10", description = "Peers added per sweep step (default: ${DEFAULT-VALUE}).")
        int step;

        @Option(names = "--max", defaultValue = "80", description = "Largest sweep step (default: ${DEFAULT-VALUE}).")
        int max;

        @Option(names = "--min-fps", defaultValue = "14", description = "Received fps a step must sustain (default: ${DEFAULT-VALUE}).")
        double minFps;

        @Mixin
        RunFlags flags;

        @Override
        public Integer call() throws Exception {
            if (from < 2 || step < 2 || from % 2 != 0 || step % 2 != 0) {
                throw new BadInputException("--from and --step must be even and at least 2 (peers go in pairs)");
            }
            java.time.Duration duration = Durations.parse(flags.duration == null ? "20s" : flags.duration);
            org.rtcbench.core.peer.PeerKind swept;
            try {
                swept = org.rtcbench.core.peer.PeerKind.of(kind);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--kind: " + e.getMessage());
            }
            if (swept != org.rtcbench.core.peer.PeerKind.JAVA && swept != org.rtcbench.core.peer.PeerKind.REPLAY) {
                throw new BadInputException("--kind " + kind + ": the sweep grows synthetic peers, java or replay");
            }
            var bench = new org.rtcbench.bench.PeerCostBench(flags.options().withForce(true), duration, System.out);
            System.out.println("bench peers: one call with a Chromium pair, a Java pair and a replay pair, 320x240@15 A/V both ways, "
                    + duration.toSeconds() + " s");
            bench.compare();
            System.out.printf("sweep: %s A/V peers in pairs, %d s calls, until received fps < %s%n", swept.id(), duration.toSeconds(),
                    org.rtcbench.core.assertion.Assertion.formatNumber(minFps));
            var steps = bench.sweep(swept, from, step, max, minFps);
            var best = steps.stream().filter(org.rtcbench.bench.PeerCostBench.Step::sustained)
                    .reduce((a, b) -> b).orElse(null);
            System.out.println(best == null ? "no step sustained " + minFps + " fps"
                    : String.format(Locale.ROOT, "largest sustained: %d %s A/V peers in one JVM (%.2f cores, %.1f peers per core used; %d cores here)",
                            best.peers(), swept.id(), best.jvmCores(), best.peers() / best.jvmCores(), Runtime.getRuntime().availableProcessors()));
            return ExitCode.PASSED;
        }
    }

    /** {@code bench mesh}: what a peer of each kind costs per peer and per stream pair, the costs the capacity check uses. */
    @Command(name = "mesh", mixinStandardHelpOptions = true,
            description = "Full-mesh calls of each size per kind (320x240@15, audio, data channel): CPU after a 5 s warm-up, "
                    + "the browsers' PSS or the JVM's RSS, and JVM threads at the end, fitted to 'per peer + per A/V stream pair' "
                    + "and printed beside the reference costs that rtcbench's capacity check uses before every run.")
    static final class Mesh implements Callable<Integer> {
        @Option(names = "--kinds", split = ",", defaultValue = "java,chrome,firefox", description = "Peer kinds (default: ${DEFAULT-VALUE}).")
        List<String> kinds;

        @Option(names = "--sizes", split = ",", defaultValue = "2,4", description = "Mesh sizes, peers (default: ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Mixin
        RunFlags flags;

        @Override
        public Integer call() throws Exception {
            java.time.Duration duration = Durations.parse(flags.duration == null ? "20s" : flags.duration);
            if (sizes.stream().anyMatch(n -> n < 2)) {
                throw new BadInputException("--sizes: a mesh needs at least 2 peers");
            }
            var bench = new org.rtcbench.bench.MeshCostBench(flags.options().withForce(true), duration, System.out);
            System.out.println("bench mesh: full-mesh calls of " + sizes + " peers, " + duration.toSeconds() + " s each, 320x240@15 A/V");
            bench.run(InteropCommand.parseKinds(kinds, "--kinds"), sizes);
            return ExitCode.PASSED;
        }
    }

    /** {@code bench report}: render time and size of report.html for a big load run, and how long Chromium takes to draw it. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Writes a synthetic load run directory of PEERS peers x MINUTES minutes of 1 Hz getStats() samples "
                    + "(rooms of 2 publishers and 8 subscribers, one peer in 200 failed), then times writing all its reports "
                    + "(reading the samples and events; report.html with the peers summarised and charts as bands, junit.xml, "
                    + "metrics.csv, summary.json) and prints the sizes of report.html and metrics.csv. Then headless Chromium "
                    + "opens each round's report.html from disk: the time to its last chart drawn (the page's clock), the whole "
                    + "Chromium process, and opening, sorting and filtering the full peer table.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--peers", defaultValue = "100", description = "Peers (default: ${DEFAULT-VALUE}).")
        int peers;

        @Option(names = "--minutes", defaultValue = "10", description = "Minutes of samples (default: ${DEFAULT-VALUE}).")
        int minutes;

        @Option(names = "--rounds", defaultValue = "3", description = "Renders to time (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--chromium", defaultValue = "/usr/bin/chromium",
                description = "Chromium that draws the report (default: ${DEFAULT-VALUE}); 'none' to time the writing only.")
        String chromium;

        @Option(names = "--keep", description = "Keep the run directories (1,000 peers x 10 min: 1.9 GB) and print where; "
                + "by default they are deleted at the end.")
        boolean keep;

        @Override
        public Integer call() throws Exception {
            Path browser = "none".equals(chromium) ? null : Path.of(chromium);
            if (browser != null && !Files.isExecutable(browser)) {
                throw new BadInputException("--chromium " + chromium + ": no such executable (install chromium, or pass --chromium none)");
            }
            Path root = Files.createTempDirectory("rtcbench-report-bench-");
            try {
                for (int i = 1; i <= rounds; i++) {
                    var r = org.rtcbench.bench.ReportRenderBench.run(root, peers, minutes);
                    System.out.printf(Locale.ROOT, "round %d: %d peers x %d samples (%.1f MB of samples): all reports written in %.2f s; "
                                    + "report.html %.2f MB, metrics.csv %.2f MB%n",
                            i, r.peers(), r.samplesPerPeer(), r.sampleBytes() / 1e6, r.seconds(), r.reportBytes() / 1e6,
                            r.csvBytes() / 1e6);
                    if (browser != null) {
                        var d = org.rtcbench.bench.ReportRenderBench.draw(r.runDir().resolve("report.html"), browser,
                                Files.createTempDirectory(root, "chromium-"));
                        System.out.printf(Locale.ROOT, "  headless Chromium: %d charts drawn %.2f s after navigation began (whole process "
                                        + "%.2f s); peer table opened in %d ms, sorted in %d ms, filtered in %d ms (%d rows shown)%n",
                                d.charts(), d.chartsMs() / 1000.0, d.wallSeconds(), d.openMs(), d.sortMs(), d.filterMs(), d.rowsShown());
                    }
                }
            } finally {
                if (keep) {
                    System.out.println("run directories kept in " + root);
                } else {
                    OwnedProcesses.deleteTree(root);
                }
            }
            return ExitCode.PASSED;
        }
    }

    /** {@code bench startup}: cold start from the user's command to the first connected call. */
    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = "Cold start: launches 'rtcbench demo --duration 6s' as a new JVM, RUNS times, and reports the time "
                    + "from the command to the first connected call (run.json firstConnectedAfterLaunchMs).")
    static final class Startup implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "5", description = "How many cold starts (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws Exception {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jar.toString().endsWith(".jar")) {
                throw new BadInputException("bench startup must run from the rtcbench jar (./rtcbench bench startup)");
            }
            Path results = Files.createTempDirectory("rtcbench-startup-");
            ObjectMapper json = new ObjectMapper();
            List<Long> times = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Path out = results.resolve("run-" + i);
                long launchedAt = System.currentTimeMillis();
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Drtcbench.launchedAt=" + launchedAt, "-jar", jar.toString(), "demo", "--duration", "6s",
                        "--results", out.toString())
                        .redirectOutput(new File(out + ".out")).redirectError(new File(out + ".err")).start();
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroy();
                    throw new IllegalStateException("demo run " + i + " did not finish in 2 minutes");
                }
                try (var dirs = Files.list(out)) {
                    JsonNode run = json.readTree(dirs.findFirst().orElseThrow().resolve("run.json").toFile());
                    long ms = run.path("firstConnectedAfterLaunchMs").asLong(-1);
                    System.out.printf("run %d: first call connected %d ms after the command (exit %d)%n", i, ms, p.exitValue());
                    if (ms > 0) {
                        times.add(ms);
                    }
                }
            }
            Collections.sort(times);
            if (!times.isEmpty()) {
                System.out.printf("cold start to first connected call: min %d ms, median %d ms, max %d ms (%d runs)%n",
                        times.get(0), times.get(times.size() / 2), times.get(times.size() - 1), times.size());
            }
            return ExitCode.PASSED;
        }
    }

    /** {@code bench load}: how many synthetic peers go through the local Janus before the generator saturates. */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Capacity of this machine as a load generator: load runs through a local Janus (in a test network "
                    + "namespace) growing by one room of --publishers + --subscribers synthetic peers (320x240@15 A/V, each "
                    + "subscriber receiving every publisher of its room) per step, until the generator-limited flag trips, a "
                    + "peer fails, or the host saturates (CPU >= 90 %% over the hold, or receivers under 14 fps), then says whether "
                    + "Janus or the generator saturated first; prints the largest size that passed. With --peer-kind replay "
                    + "the generator should never be what saturates.")
    static final class Load implements Callable<Integer> {
        @Option(names = "--publishers", defaultValue = "2", description = "Publishers per room (default: ${DEFAULT-VALUE}).")
        int publishers;

        @Option(names = "--subscribers", defaultValue = "4", description = "Subscribers per room (default: ${DEFAULT-VALUE}).")
        int subscribers;

        @Option(names = "--from", defaultValue = "1", description = "Rooms in the first step (default: ${DEFAULT-VALUE}).")
        int from;

        @Option(names = "--step", defaultValue = "1", description = "Rooms added per step (default: ${DEFAULT-VALUE}).")
        int step;

        @Option(names = "--max", defaultValue = "20", description = "Rooms in the last step at most (default: ${DEFAULT-VALUE}).")
        int max;

        @Option(names = "--ramp", defaultValue = "10s", description = "Ramp of each step (default: ${DEFAULT-VALUE}).")
        String ramp;

        @Option(names = "--hold", defaultValue = "20s", description = "Hold of each step (default: ${DEFAULT-VALUE}).")
        String hold;

        @Option(names = "--janus-api", defaultValue = "http", description = "How rtcbench talks to the local Janus: http or ws (default: ${DEFAULT-VALUE}).")
        String janusApi;

        @Option(names = "--peer-kind", defaultValue = "java", description = "What every virtual user is: java or replay (default: ${DEFAULT-VALUE}).")
        String peerKind;

        @Mixin
        RunFlags flags;

        @Override
        public Integer call() {
            if (!org.rtcbench.core.scenario.LoadSpec.PEER_KINDS.contains(peerKind)) {
                throw new BadInputException("--peer-kind must be java or replay, got '" + peerKind + "'");
            }
            if (from < 1 || step < 1 || max < from) {
                throw new BadInputException("--from and --step must be at least 1 and --max at least --from");
            }
            var loaded = flags.apply(ScenarioLoader.loadResource(LoadCommand.DEFAULT)).withAssertions(List.of());
            var base = loaded.withLoad(LoadCommand.target(LoadCommand.roomTarget(flags.options().targets(), "janus"), null, janusApi, null), loaded.load());
            System.out.printf("bench load: rooms of %d publishers + %d subscribers (%s peers) through a local Janus over its %s API, %s ramp + %s hold a step%n",
                    publishers, subscribers, peerKind, janusApi.equals("ws") ? "WebSocket" : "HTTP", ramp, hold);
            var bench = new org.rtcbench.bench.LoadCapacityBench(base, flags.options().withForce(true), System.out);
            var steps = bench.run(publishers, subscribers, from, step, max, Durations.parse(ramp), Durations.parse(hold), peerKind);
            int capacity = org.rtcbench.bench.LoadCapacityBench.capacity(steps);
            System.out.printf("%nlargest load that passed (all connected, generator not limited): %d synthetic peers on %d cores%n",
                    capacity, Runtime.getRuntime().availableProcessors());
            String bottleneck = org.rtcbench.bench.LoadCapacityBench.bottleneck(steps);
            System.out.println(bottleneck == null ? "no step saturated the host: raise --max" : bottleneck);
            return ExitCode.PASSED;
        }
    }
}
