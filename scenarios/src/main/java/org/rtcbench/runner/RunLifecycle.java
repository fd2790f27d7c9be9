package org.rtcbench.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.rtcbench.browser.harness.HarnessServer;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Version;
import org.rtcbench.core.assertion.AssertionEvaluator;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.assertion.PeerMeasurements;
import org.rtcbench.core.peer.LaunchContext;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerLauncher;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.core.target.Target;
import org.rtcbench.core.target.TargetContext;
import org.rtcbench.core.target.TargetType;
import org.rtcbench.media.FakeMediaCache;
import org.rtcbench.report.RunReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one run loop every kind of run goes through: a call ({@link ScenarioRunner}, also the interop
 * matrix's waves) and a load run ({@link LoadRunner}) differ only in how peers arrive
 * ({@link #arrive}) and in what is judged besides the assertions ({@link #failure}). The loop checks
 * what the run asks of the host, opens the run directory, opens the target through {@code Targets},
 * starts the harness page, lets peers arrive (launched through {@code PeerProviders}), samples every
 * peer on one tick, then, also on failure and on a signal ({@link #interrupt}), stops sampling and
 * closes every peer, the harness and the target in one place; it evaluates the assertions, decides
 * the status, and writes run.json and the reports.
 */
abstract class RunLifecycle implements Run {
    private static final Logger LOG = LoggerFactory.getLogger(RunLifecycle.class);
    /** Length of the generated media files, which the browsers loop. */
    private static final Duration MEDIA_LOOP = Duration.ofSeconds(5);
    /** Launches, stats calls and closes run on at most this many threads, however many peers a run has. */
    private static final int MAX_PEER_THREADS = 64;

    protected final Scenario scenario;
    protected final RunOptions options;
    protected final TargetType targetType;
    /** Every peer the run samples and reports: the scenario's own, then (load) the synthetic ones as they join. */
    protected final List<PeerSlot> slots = new CopyOnWriteArrayList<>();
    /** What the run was estimated to ask of this host, and how it chose its waves; run.json's {@code capacity}. */
    protected final Map<String, Object> capacity = new LinkedHashMap<>();
    /** Counts down when the run must end: its time is up, it was interrupted, or its target failed. */
    protected final CountDownLatch stop = new CountDownLatch(1);
    /** Counts down once {@link #run()} has stopped everything and written its files. */
    protected final CountDownLatch finished = new CountDownLatch(1);
    protected final AtomicBoolean interrupted = new AtomicBoolean();
    protected volatile String interruptReason;
    protected volatile RunDirectory dir;
    /** The target, once open. */
    protected volatile Target target;
    /** The peers' access links and the relay under them, or null on a perfect network. */
    protected volatile RunNetwork network;
    /** The run's own TURN server ({@code ice.turn: local}), or null. */
    protected volatile org.rtcbench.target.turn.LocalTurn turn;
    /** What every peer's connections gather and may use: TURN servers and the transport policy. */
    protected volatile org.rtcbench.core.peer.IceConfig ice = org.rtcbench.core.peer.IceConfig.NONE;
    /** Why the target stopped working mid-run, or null. */
    protected volatile String targetFailure;
    /** When sampling began ({@link System#nanoTime()}), 0 before: the origin of every sample's {@code atMs}. */
    protected volatile long samplingStartNanos;
    private volatile PeerSampler sampler;
    /** The thread in {@link #run()}, woken by {@link #interrupt} while {@link #wakeable} (guarded by {@code this}). */
    private Thread runThread;
    private boolean wakeable;
    /** Threads launching a peer right now, woken too by {@link #interrupt} (guarded by {@code this}). */
    private final Set<Thread> launching = new HashSet<>();

    /**
     * @param needs   what this kind of run needs of its target's type
     * @param refusal the one line that says so when the scenario's target type does not have it
     */
    protected RunLifecycle(Scenario scenario, RunOptions options, Predicate<TargetType> needs, String refusal) {
        this.targetType = options.targets().typeOf(scenario.target());
        if (!needs.test(targetType)) {
            throw new BadInputException(refusal.replace("{type}", targetType.id()));
        }
        this.scenario = scenario;
        this.options = options;
        slots.addAll(slotsOf(scenario));
    }

    // ---------------------------------------------------------------- what each kind of run says

    /** What the run asks of this host; refuses it (unless {@code --force}) when the host cannot hold it. */
    protected abstract Map<String, Object> checkCapacity();

    /** The first line in the terminal, once the run directory exists. */
    protected abstract String header();

    /** The size and name of the pool that launches, samples and closes peers. */
    protected int poolSize() {
        return Math.min(MAX_PEER_THREADS, Math.max(2, slots.size()));
    }

    /**
     * The run's own part, between the open target and the end: peers arrive (all at start, in waves,
     * injected by Gatling), connect through the target, and the run holds until its time is up or
     * {@link #stop} counts down. Sampling starts here ({@link #startSampling}).
     */
    protected abstract void arrive(ExecutorService pool, HarnessServer harness) throws InterruptedException;

    /** What the run still has to end before its peers are closed (launches under way, Gatling's users). */
    protected void stopping() {
    }

    /** What the run ends after its peers are closed (a monitor). */
    protected void stopped() {
    }

    /** Timings the assertions may judge besides the samples (join, ICE, first frame of a load run). */
    protected Map<String, List<Long>> timings() {
        return Map.of();
    }

    /**
     * Why the run failed besides its assertions, in the order a user should read it (a peer that
     * failed, an interop cell, fewer peers connected than asked), or null.
     */
    protected abstract String failure(List<AssertionResult> results);

    /** The reason as the summary gives it, e.g. with a note on the generator; by default as it is. */
    protected String annotate(String reason) {
        return reason;
    }

    /** ms from the user's command to the first connected call, or null. */
    protected Long firstConnectedMs() {
        return null;
    }

    /** The interop cells, when the run judges a matrix. */
    protected List<InteropCell> cells() {
        return List.of();
    }

    /** The summary with what only this kind of run reports (a load summary). */
    protected RunSummary complete(RunSummary summary) {
        return summary;
    }

    /** Prints the end of the run in the terminal. */
    protected abstract void printSummary(RunSummary summary);

    /** Whether a peer whose stats cannot be read fails (a call), or only loses that sample (a load run's peers come and go). */
    protected boolean samplingErrorFailsPeer() {
        return true;
    }

    /** Whether samples are also kept per connection (the interop matrix judges each cell's connection). */
    protected boolean samplesPerConnection() {
        return false;
    }

    // ---------------------------------------------------------------- the loop

    /**
     * Runs to the end and returns the summary (also written to run.json).
     *
     * @throws BadInputException when the environment cannot run it (a missing browser, an unreachable target):
     *                           run.json says {@code error}
     */
    @Override
    public final RunSummary run() {
        Instant startedAt = Instant.now();
        capacity.putAll(checkCapacity());
        openDirectory();
        dir.event("run-started", Map.of("runId", dir.runId(), "scenario", scenario.name()));
        dir.writeJson("run.json", summary(startedAt, RunStatus.RUNNING, null, List.of()));
        options.out().println(header());

        ExecutorService pool = Executors.newFixedThreadPool(poolSize(), daemon("peer"));
        HarnessServer harness = null;
        String reason = null;
        BadInputException badInput = null;
        synchronized (this) {
            runThread = Thread.currentThread();
        }
        try {
            for (PeerSlot s : slots) {
                launcher(s).check();
            }
            network = RunNetwork.open(scenario, dir);
            ice = openIce();
            target = targetType.open(scenario.target(), new TargetContext(scenario.connectTimeout(),
                    options.workDir().resolve("target-" + dir.runId()), dir::event, network == null ? null : network.path()));
            target.description().forEach(line -> options.out().println("  " + line));
            target.onFailure(this::stopFor);
            if (network != null) {
                network.onFailure(why -> {
                    dir.event("network-failed", Map.of("reason", why));
                    stopFor(why);
                });
            }
            if (!slots.isEmpty()) {
                String host = options.harnessHost() == null ? HarnessServer.LOOPBACK : options.harnessHost();
                harness = HarnessServer.start(host);
                LOG.info("harness page at {}", harness.pageUri());
                if (!host.equals(HarnessServer.LOOPBACK)) {
                    options.out().println("  harness page at " + harness.pageUri() + ": bound beyond loopback, as --harness-host asked");
                }
            }
            arrive(pool, harness);
        } catch (BadInputException e) {
            badInput = e;
            reason = e.getMessage();
            LOG.error("bad input or environment", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupt("the runner thread was interrupted");
        } catch (RuntimeException e) {
            reason = "run aborted: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.error("run aborted", e);
        } finally {
            stop.countDown();
            synchronized (this) {
                wakeable = false;
                Thread.interrupted(); // a signal's wake-up is spent: what follows must wait for peers to close
            }
            stopping();
            PeerSampler s = sampler;
            if (s != null) {
                s.close();
            }
            closePeers(pool);
            pool.shutdownNow();
            stopped();
            if (harness != null) {
                harness.close();
            }
            if (target != null) {
                target.close();
            }
            if (network != null) {
                network.close();
            }
            if (turn != null) {
                turn.close();
            }
        }

        List<AssertionResult> results = AssertionEvaluator.evaluate(scenario.assertions(), measurements(), timings());
        RunStatus status;
        if (badInput != null) {
            status = RunStatus.ERROR;
        } else if (interrupted.get()) {
            status = RunStatus.INTERRUPTED;
            reason = interruptReason;
        } else {
            String why = reason != null ? reason : targetFailure != null ? targetFailure : failure(results);
            long failedAssertions = results.stream().filter(r -> !r.passed()).count();
            if (why == null && failedAssertions > 0) {
                why = failedAssertions + " of " + results.size() + " assertions failed";
            }
            status = why == null ? RunStatus.PASSED : RunStatus.FAILED;
            reason = why;
        }
        if (reason != null && status != RunStatus.ERROR) {
            reason = annotate(reason);
        }
        RunSummary summary = complete(summary(startedAt, status, reason, results)).withCapacity(capacity)
                .withNetwork(network == null ? null : network.summary());
        end(summary, this::printSummary);
        if (badInput != null) {
            throw badInput;
        }
        return summary;
    }

    /**
     * The peers' ICE configuration from the scenario's {@code ice:}: none; the run's own coturn
     * ({@code turn: local}, started here, its failure mid-run failing the relayed peers and the run);
     * or the user's TURN server.
     */
    private org.rtcbench.core.peer.IceConfig openIce() {
        org.rtcbench.core.scenario.IceSpec spec = scenario.ice();
        if (spec == null) {
            return org.rtcbench.core.peer.IceConfig.NONE;
        }
        List<org.rtcbench.core.peer.IceConfig.Server> servers = new ArrayList<>();
        if (spec.turn() != null && spec.turn().local()) {
            turn = org.rtcbench.target.turn.LocalTurn.start(options.workDir().resolve("turn-" + dir.runId()), spec.localTransport());
            servers.add(turn.server());
            dir.event("turn-started", Map.of("address", turn.address(), "pid", turn.pid(), "transport", spec.localTransport()));
            options.out().println("  TURN: local coturn at " + turn.address() + " (" + spec.localTransport() + ")"
                    + (spec.transportPolicy().equals("relay") ? ", relay candidates only" : ""));
            turn.onFailure(why -> {
                if (stop.getCount() > 0) {
                    dir.event("turn-failed", Map.of("reason", why));
                    if (ice.relayOnly()) {
                        for (PeerSlot s : slots) {
                            if (s.alive()) {
                                peerFailed(s, s.name + ": its relayed connection lost the TURN server: " + why, null);
                            }
                        }
                    }
                    stopFor(why);
                }
            });
        } else if (spec.turn() != null) {
            servers.add(new org.rtcbench.core.peer.IceConfig.Server(spec.turn().urls(), spec.turn().username(), spec.turn().credential()));
            dir.event("turn-configured", Map.of("urls", spec.turn().urls()));
        }
        return new org.rtcbench.core.peer.IceConfig(servers, spec.transportPolicy());
    }

    /**
     * Stops the run early (SIGINT/SIGTERM): what was measured is kept and run.json says
     * {@code interrupted}. A run thread waiting for peers to launch or connect ({@link #wakeOnInterrupt})
     * is woken, and so is a browser half-way through starting: however many peers a run asks for, a
     * signal ends it within seconds.
     */
    @Override
    public void interrupt(String reason) {
        if (interrupted.compareAndSet(false, true)) {
            interruptReason = reason;
            stop.countDown();
        }
        synchronized (this) {
            if (wakeable) {
                wakeable = false;
                runThread.interrupt();
                // a browser half-way through starting gives up and ends what it started (its launcher's cleanup)
                launching.forEach(Thread::interrupt);
            }
        }
    }

    /** Whether {@link #interrupt} wakes the run's thread from now on (while peers launch and connect), or no longer. */
    protected final synchronized void wakeOnInterrupt(boolean on) {
        wakeable = on && !interrupted.get();
    }

    /** Waits until {@link #run()} has stopped everything and written its files. */
    @Override
    public boolean awaitFinished(long timeoutMs) throws InterruptedException {
        return finished.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The run directory, once created. */
    @Override
    public RunDirectory directory() {
        return dir;
    }

    // ---------------------------------------------------------------- peers

    /**
     * What launches {@code slot}'s peer in this run: its provider's launcher, with driver logs in the
     * run's {@code logs/} and synthetic peers' ICE candidates naming the address the target reaches them at.
     */
    protected PeerLauncher launcher(PeerSlot slot) {
        return options.providers().launcher(slot.kind, slot.provider, launchContext().forPeer(slot.image, slot.url));
    }

    /** What this run gives a provider: the scenario's browsers, the work dir, the run's logs/, and the target's peer address. */
    protected LaunchContext launchContext() {
        Target t = target;
        return new LaunchContext(scenario.browsers(), options.workDir(), dir.path().resolve("logs"), t == null ? "127.0.0.1" : t.peerAddress(),
                null, options.gridUrl());
    }

    /**
     * Launches one of the scenario's peers (with the fake media files its launcher plays), notes its
     * launch time and writes the {@code peer-launched} event with {@code extra} fields; a signal while
     * it starts makes it give up.
     *
     * @return the peer, or null when the run was stopped before or while it launched
     * @throws PeerFailure when it could not start
     */
    protected Peer launch(PeerSlot s, HarnessServer harness, Map<String, Object> extra) {
        long t0 = System.nanoTime();
        PeerLauncher launcher = launcher(s);
        MediaFiles files = MediaFiles.of(launcher, s, options);
        synchronized (this) {
            if (interrupted.get()) {
                return null; // stopped while peers were still being launched: launch no more
            }
            launching.add(Thread.currentThread());
        }
        Peer peer;
        try {
            peer = launcher.launch(s.name, harness.pageUri(), files.video(), files.audio());
            s.peer = peer; // before this thread leaves 'launching': closePeers() waits for that, then closes what is set
            peer.useIce(ice);
        } finally {
            synchronized (this) {
                launching.remove(Thread.currentThread());
                Thread.interrupted(); // this pool thread goes on to other work
                notifyAll();
            }
        }
        s.launchMs = (System.nanoTime() - t0) / 1_000_000;
        if (interrupted.get()) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("peer", s.name, "kind", s.kind.id(), "launchMs", s.launchMs,
                "browser", String.valueOf(peer.info().browser()), "browserVersion", String.valueOf(peer.info().browserVersion())));
        if (peer.info().image() != null) {
            fields.put("image", peer.info().image());
            fields.put("imageId", peer.info().imageId());
        }
        if (peer.info().grid() != null) {
            fields.put("grid", peer.info().grid());
        }
        fields.putAll(extra);
        dir.event("peer-launched", fields);
        return peer;
    }

    /** Marks a peer failed (once, and not while the run is being stopped): the event, the log, and one line. */
    /** Ends the run early because what its peers depend on (the target, the network relay, the TURN server) failed. */
    private void stopFor(String why) {
        if (stop.getCount() > 0) {
            targetFailure = why;
            options.out().println("  " + why + ": stopping the run");
            stop.countDown();
        }
    }

    protected void peerFailed(PeerSlot s, String reason, Throwable cause) {
        if (s.failure != null || interrupted.get()) {
            return;
        }
        s.fail(reason);
        LOG.warn("peer {} failed: {}", s.name, reason, cause);
        dir.event("peer-failed", Map.of("peer", s.name, "reason", reason));
        options.out().println("  peer failed: " + reason);
    }

    /**
     * Starts the one sampling tick: every live peer that has not left, every {@code scenario.sampling()},
     * the first after {@code initialDelayMs}; {@code afterTick} hears each tick's time.
     */
    protected void startSampling(ExecutorService pool, long initialDelayMs, Consumer<Long> afterTick) {
        samplingStartNanos = System.nanoTime();
        long interval = scenario.sampling().toMillis();
        dir.event("sampling-started", Map.of("intervalMs", interval, "enabled", options.sampling()));
        if (network != null) {
            network.startTimeline(samplingStartNanos);
        }
        sampler = new PeerSampler("sampler", samplingStartNanos, initialDelayMs, interval, pool, slots,
                s -> options.sampling() && s.alive() && !s.left, this::sample, afterTick);
    }

    private void sample(PeerSlot s, long atMs) {
        try {
            s.sample(dir, atMs, samplesPerConnection());
        } catch (PeerFailure | IOException e) {
            String why = e instanceof IOException ? s.name + ": its stats were not valid JSON: " + e.getMessage() : e.getMessage();
            if (s.left || stop.getCount() == 0) {
                return; // it left, or the run is ending: its connections are going away
            }
            if (samplingErrorFailsPeer()) {
                peerFailed(s, why, e);
            } else {
                LOG.info("sampling {} failed: {}", s.name, why);
            }
        }
    }

    /** Closes every peer that was launched, in parallel, each given 20 s. */
    private void closePeers(ExecutorService pool) {
        // A peer still launching (a signal woke it) gives up or finishes within seconds: wait for it,
        // so that what it started is closed here too, not left to end with the JVM.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (this) {
            while (!launching.isEmpty() && System.nanoTime() < until) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Future<?>> closes = new ArrayList<>();
        for (PeerSlot s : slots) {
            Peer p = s.peer;
            if (p != null) {
                closes.add(pool.submit(p::close));
            }
        }
        for (Future<?> f : closes) {
            try {
                f.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("closing a peer did not finish", e);
            }
        }
        dir.event("peers-closed", Map.of("count", closes.size()));
    }

    private List<PeerMeasurements> measurements() {
        return slots.stream().map(PeerSlot::measurements).toList();
    }

    // ---------------------------------------------------------------- the run directory

    /** Creates this run's directory, tells the observer, and keeps the scenario as run in it. */
    private void openDirectory() {
        dir = RunDirectory.create(options.resultsRoot(), scenario.name());
        options.observer().directoryCreated(dir);
        dir.writeText("scenario.yaml", ScenarioLoader.toYaml(scenario));
    }

    /**
     * Who sends what a receiver gets on {@code connectionId}, when the run knows it better than the markers do (a load
     * run's subscription to a feed it did not publish: its display name); null to name the sender from its markers.
     */
    protected String senderOf(String connectionId) {
        return null;
    }

    private RunSummary summary(Instant startedAt, RunStatus status, String reason, List<AssertionResult> results) {
        boolean running = status == RunStatus.RUNNING;
        List<PeerSummary> peers = new ArrayList<>();
        // who sent which markers: every peer of the run by its marker id (a shared id names the first)
        Map<Integer, String> senders = new java.util.HashMap<>();
        for (PeerSlot s : slots) {
            senders.putIfAbsent(org.rtcbench.media.FrameStamp.senderId(s.name), s.name);
        }
        for (PeerSlot s : slots) {
            String outcome = running ? "running" : s.failure == null && s.connectMs != null ? "ok" : "failed";
            String failure = s.failure;
            if (failure == null && "failed".equals(outcome)) {
                failure = s.peer == null ? "not launched" : "never connected";
            }
            peers.add(s.summary(outcome, failure, senders, this::senderOf));
        }
        Map<String, Object> host = new LinkedHashMap<>(HostInfo.describe());
        Target t = target;
        if (t != null) {
            host.putAll(t.versions());
        }
        org.rtcbench.target.turn.LocalTurn tu = turn;
        if (tu != null) {
            host.put("turn", "local coturn at " + tu.address());
        } else if (scenario.ice() != null && scenario.ice().turn() != null) {
            host.put("turn", String.join(", ", scenario.ice().turn().urls()));
        }
        Instant now = Instant.now();
        return new RunSummary(dir.runId(), scenario.name(), status, reason, startedAt.toString(), running ? null : now.toString(),
                running ? null : now.toEpochMilli() - startedAt.toEpochMilli(), firstConnectedMs(), Version.get(), host, peers,
                results, cells());
    }

    /**
     * Ends the run in one place: the run-ended event, run.json and every report written, the directory
     * closed and {@link #finished} counted down whatever fails on the way, then {@code printSummary}.
     * When a file cannot be written, what is already on disk stays, and one line says what failed.
     *
     * @throws BadInputException when run.json or a report could not be written (disk full, no permission)
     */
    private void end(RunSummary summary, Consumer<RunSummary> printSummary) {
        RuntimeException writeFailure = null;
        try {
            dir.event("run-ended", Map.of("status", summary.status().id()));
            dir.writeJson("run.json", summary);
            // report.html, junit.xml, metrics.csv and summary.json, from run.json and the samples and events on disk
            RunReports.write(dir.path(), summary);
            scrubSecrets();
        } catch (RuntimeException e) {
            writeFailure = e;
            LOG.error("writing the files of run {} failed", dir.runId(), e);
        } finally {
            try {
                dir.close();
            } finally {
                finished.countDown();
            }
        }
        if (writeFailure != null) {
            throw new BadInputException("run " + dir.runId() + " ended " + summary.status().id() + ", but its files could not "
                    + "all be written: " + writeFailure.getMessage() + " (what was measured is in " + dir.path()
                    + "; free space or fix permissions there, then: rtcbench report " + dir.path() + ")");
        }
        printSummary.accept(summary);
    }

    /**
     * The last guard of the rule that secrets (TURN credentials, a target's token) never reach a run directory: any file in it that
     * holds one (a driver's log, a browser's error message) has it replaced by {@code (hidden)}.
     */
    private void scrubSecrets() {
        List<String> secrets = new ArrayList<>(ice.secrets());
        if (scenario.target().token() != null) {
            secrets.add(scenario.target().token());
        }
        if (secrets.isEmpty()) {
            return;
        }
        try (var files = java.nio.file.Files.walk(dir.path())) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                if (java.nio.file.Files.size(f) > 256L << 20) {
                    continue;
                }
                String text = new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                String clean = text;
                for (String secret : secrets) {
                    clean = clean.replace(secret, "(hidden)");
                }
                if (!clean.equals(text)) {
                    java.nio.file.Files.write(f, clean.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    LOG.warn("a secret (a TURN credential or the target's token) was written to {}; replaced it by (hidden)", dir.path().relativize(f));
                }
            }
        } catch (IOException e) {
            LOG.warn("could not check the run directory for credentials", e);
        }
    }

    /** The fake camera and microphone files a peer plays: none for a launcher that makes its own media, or a peer that only receives. */
    private record MediaFiles(Path video, Path audio) {
        static MediaFiles of(PeerLauncher launcher, PeerSlot slot, RunOptions options) {
            if (!launcher.playsMediaFiles() || !slot.role.sends()) {
                return new MediaFiles(null, null);
            }
            FakeMediaCache cache = new FakeMediaCache(options.mediaCache());
            try {
                VideoSpec v = slot.media.video();
                return new MediaFiles(cache.video(v.width(), v.height(), v.fps(), MEDIA_LOOP),
                        slot.media.audio() ? cache.audio(MEDIA_LOOP) : null);
            } catch (IOException e) {
                throw new BadInputException("cannot write fake media files to " + options.mediaCache() + ": " + e.getMessage());
            }
        }
    }

    /** One slot per peer the scenario names, in its order. */
    static List<PeerSlot> slotsOf(Scenario scenario) {
        List<PeerSlot> out = new ArrayList<>();
        for (PeerGroup g : scenario.peers()) {
            for (String name : g.peerNames()) {
                out.add(new PeerSlot(name, g.kind(), g.provider(), g.image(), g.url(), g.role(), scenario.mediaOf(g)));
            }
        }
        return out;
    }

    /** Daemon threads named {@code rtcbench-<name>}, so no run thread keeps the JVM alive. */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, "rtcbench-" + name);
            t.setDaemon(true);
            return t;
        };
    }
}
