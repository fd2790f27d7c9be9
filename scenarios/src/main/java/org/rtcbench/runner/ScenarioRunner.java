package org.rtcbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.rtcbench.browser.harness.HarnessServer;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Version;
import org.rtcbench.core.assertion.AssertionEvaluator;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.assertion.PeerMeasurements;
import org.rtcbench.core.capacity.HostResources;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerLauncher;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.target.PairCalls;
import org.rtcbench.core.target.Target;
import org.rtcbench.core.target.TargetContext;
import org.rtcbench.core.target.TargetType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario, start to end: harness server, peers launched in parallel, the P2P target,
 * stats sampled from every peer at the sampling interval (in parallel), assertions, and the run
 * directory. Everything started is stopped in {@code finally}, also when {@link #interrupt()}
 * is called from a signal handler.
 */
public final class ScenarioRunner extends RunLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final ObjectMapper JSON = ScenarioLoader.jsonMapper();

    private final Scenario scenario;
    private final RunOptions options;
    private final LinkPlan plan;
    private final TargetType targetType;
    /** The target, and its pairwise calls, once it is open. */
    private volatile Target target;
    private PairCalls calls;
    private volatile Map<String, PairCalls.LinkOutcome> linkOutcomes = Map.of();
    /** When each planned link came up, in ms since sampling started (0 for the first wave). */
    private final Map<String, Long> linkUpAtMs = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<PeerSlot> slots = new ArrayList<>();
    private long samplingStartNanos;
    /** Launches, stats calls and closes run on at most this many threads, however many peers a run has. */
    private static final int MAX_PEER_THREADS = 64;
    /** The host's CPU (percent of all cores) at each sampling tick, by ms since sampling started. */
    private final Map<Long, Double> hostCpuAt = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** What the run was estimated to ask of this host, and (interop) each wave's width and why. */
    private final Map<String, Object> capacity = new LinkedHashMap<>();
    private final List<Map<String, Object>> waveChoices = new ArrayList<>();
    /** How many of the plan's links have been made so far (they are made in order, wave by wave). */
    private int linksMade;
    /** The peers' launches, waited for before closing so that none launched late is left running. */
    private final List<Future<?>> launches = new ArrayList<>();
    /** The thread in {@link #run()}, woken by {@link #interrupt} while it waits for launches or connections. */
    private Thread runThread;
    /** Whether {@link #interrupt} may still wake {@link #runThread} (guarded by {@code this}). */
    private boolean wakeable;
    /** Threads launching a peer right now, woken too by {@link #interrupt} (guarded by {@code this}). */
    private final java.util.Set<Thread> launching = new java.util.HashSet<>();

    public ScenarioRunner(Scenario scenario, RunOptions options) {
        this(scenario, options, null);
    }

    /** A run that makes exactly the links of {@code plan} (null: every pair of peers) and judges them with it. */
    public ScenarioRunner(Scenario scenario, RunOptions options, LinkPlan plan) {
        this.targetType = options.targets().typeOf(scenario.target());
        if (!targetType.makesCalls()) {
            throw new BadInputException("a " + targetType.id() + " target needs a 'load:' section (rooms, publishers, subscribers, ramp, hold)");
        }
        this.scenario = scenario;
        this.options = options;
        this.plan = plan;
        slots.addAll(slotsOf(scenario));
    }

    /**
     * Runs the scenario and returns its summary (also written to run.json).
     *
     * @throws BadInputException when the environment cannot run it (missing browser): run.json says {@code error}
     */
    @Override
    public RunSummary run() {
        Instant startedAt = Instant.now();
        capacity.putAll(checkCapacity());
        openDirectory(options, scenario);
        dir.event("run-started", Map.of("runId", dir.runId(), "scenario", scenario.name()));
        dir.writeJson("run.json", summary(startedAt, RunStatus.RUNNING, null, List.of(), null, List.of()));
        options.out().printf("rtcbench %s: run %s, %d peers, %s%n", Version.get(), dir.runId(), slots.size(),
                org.rtcbench.core.Durations.format(scenario.duration()));

        HarnessServer harness = null;
        PeerSampler sampler = null;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PEER_THREADS, Math.max(2, slots.size())), daemon("peer"));
        RunStatus status;
        String reason = null;
        Long firstConnected = null;
        BadInputException badInput = null;
        synchronized (this) {
            runThread = Thread.currentThread();
            wakeable = !interrupted.get();
        }
        try {
            checkPeerKinds();
            target = targetType.open(scenario.target(), new TargetContext(scenario.connectTimeout(),
                    options.workDir().resolve("target-" + dir.runId()), dir::event));
            target.description().forEach(line -> options.out().println("  " + line));
            calls = target.calls();
            harness = HarnessServer.start();
            LOG.info("harness page at {}", harness.pageUri());
            launchAll(harness, pool);
            if (!interrupted.get()) {
                startMediaAll(pool);
            }
            if (!interrupted.get()) {
                firstConnected = connectAll();
            }
            if (!interrupted.get()) {
                samplingStartNanos = System.nanoTime();
                dir.event("sampling-started", Map.of("intervalMs", scenario.sampling().toMillis(), "enabled", options.sampling()));
                long interval = scenario.sampling().toMillis();
                sampler = new PeerSampler("sampler", samplingStartNanos, options.sampling() ? 0 : interval, interval, pool,
                        slots, s -> options.sampling() && s.alive(), this::sample, this::ticked);
                options.observer().callStarted();
                stop.await(scenario.duration().toMillis(), TimeUnit.MILLISECONDS);
                runLaterWaves();
                options.observer().callEnding();
            }
        } catch (BadInputException e) {
            badInput = e;
            reason = e.getMessage();
            LOG.error("bad input or environment", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupt("the runner thread was interrupted");
        } catch (RuntimeException e) {
            reason = "run aborted: " + e;
            LOG.error("run aborted", e);
        } finally {
            synchronized (this) {
                wakeable = false;
                Thread.interrupted(); // a signal's wake-up is spent: what follows must wait for peers to close
            }
            awaitLaunches();
            if (sampler != null) {
                sampler.close();
            }
            closeAll(pool);
            pool.shutdownNow();
            if (harness != null) {
                harness.close();
            }
            if (target != null) {
                target.close();
            }
        }

        List<AssertionResult> results = AssertionEvaluator.evaluate(scenario.assertions(), measurements());
        List<InteropCell> cells = plan == null ? List.of() : plan.judge().judge(linkOutcomes, perConnection());
        if (badInput != null) {
            status = RunStatus.ERROR;
        } else if (interrupted.get()) {
            status = RunStatus.INTERRUPTED;
            reason = interruptReason;
        } else if (reason != null || slots.stream().anyMatch(s -> s.failure != null)
                || results.stream().anyMatch(r -> !r.passed()) || cells.stream().anyMatch(InteropCell::failed)) {
            status = RunStatus.FAILED;
            if (reason == null) {
                reason = failureReason(results, cells);
            }
        } else {
            status = RunStatus.PASSED;
        }
        if (!waveChoices.isEmpty()) {
            capacity.put("parallel", "auto");
            capacity.put("waves", List.copyOf(waveChoices));
        }
        RunSummary summary = summary(startedAt, status, reason, results, firstConnected, cells).withCapacity(capacity);
        end(summary, done -> new ConsoleSummary(options.out()).print(done, dir.path()));
        if (badInput != null) {
            throw badInput;
        }
        return summary;
    }

    /**
     * Stops the run early, as {@link RunLifecycle#interrupt} does, and wakes the run's thread when it
     * is waiting for peers to launch or connect: however many peers a run asks for, a signal ends it
     * within seconds instead of after every launch and connection.
     */
    @Override
    public void interrupt(String reason) {
        super.interrupt(reason);
        synchronized (this) {
            if (wakeable) {
                wakeable = false;
                runThread.interrupt();
                // a browser half-way through starting gives up and ends what it started (its launcher's cleanup)
                launching.forEach(Thread::interrupt);
            }
        }
    }

    /** Waits for launches under way (those not yet begun skip themselves once interrupted). */
    private void awaitLaunches() {
        for (Future<?> f : launches) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.debug("a launch ended with {}", e.toString());
            }
        }
    }

    private void checkPeerKinds() {
        for (PeerSlot s : slots) {
            launcher(s).check();
        }
    }

    /** What launches a slot's peer: its provider's launcher; synthetic peers advertise the address the target reaches them at. */
    private PeerLauncher launcher(PeerSlot s) {
        Target t = target;
        return launcher(s, scenario, options, t == null ? "127.0.0.1" : t.peerAddress());
    }

    private void launchAll(HarnessServer harness, ExecutorService pool) throws InterruptedException {
        for (PeerSlot s : slots) {
            launches.add(pool.submit(() -> {
                if (interrupted.get()) {
                    return null; // stopped while peers were still being launched: launch no more
                }
                long t0 = System.nanoTime();
                PeerLauncher launcher = launcher(s);
                MediaFiles files = MediaFiles.of(launcher, s, options);
                try {
                    Peer peer;
                    synchronized (ScenarioRunner.this) {
                        if (!wakeable) {
                            return null; // interrupted between the check above and here
                        }
                        launching.add(Thread.currentThread());
                    }
                    try {
                        peer = launcher.launch(s.name, harness.pageUri(), files.video(), files.audio());
                    } finally {
                        synchronized (ScenarioRunner.this) {
                            launching.remove(Thread.currentThread());
                            Thread.interrupted(); // this pool thread goes on to other work
                        }
                    }
                    s.launchMs = (System.nanoTime() - t0) / 1_000_000;
                    s.peer = peer;
                    if (interrupted.get()) {
                        return null;
                    }
                    dir.event("peer-launched", Map.of("peer", s.name, "kind", s.kind.id(), "launchMs", s.launchMs,
                            "browser", String.valueOf(peer.info().browser()), "browserVersion", String.valueOf(peer.info().browserVersion())));
                    options.out().printf("  %s launched in %d ms (%s %s)%n", s.name, s.launchMs, peer.info().browser(), peer.info().browserVersion());
                } catch (PeerFailure e) {
                    peerFailed(s, e.getMessage(), e);
                }
                return null;
            }));
        }
        BadInputException bad = null;
        for (Future<?> f : launches) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof BadInputException b) {
                    bad = bad == null ? b : bad;
                } else {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        if (bad != null) {
            throw bad;
        }
    }

    private void startMediaAll(ExecutorService pool) throws InterruptedException {
        List<Future<?>> starts = new ArrayList<>();
        for (PeerSlot s : slots) {
            if (!s.alive()) {
                continue;
            }
            starts.add(pool.submit(() -> {
                if (interrupted.get()) {
                    return; // stopped: start no more media
                }
                try {
                    s.peer.startMedia(s.media, s.role);
                } catch (PeerFailure e) {
                    peerFailed(s, e.getMessage(), e);
                }
            }));
        }
        for (Future<?> f : starts) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Connects the live peers; returns ms from the user's command to the first connected call, or null. */
    private Long connectAll() {
        List<Peer> live = new ArrayList<>();
        for (PeerSlot s : slots) {
            if (s.alive()) {
                live.add(s.peer);
            }
        }
        PairCalls room = calls;
        if (plan != null) {
            List<LinkPlan.PlannedLink> first;
            if (plan.parallel() == LinkPlan.AUTO) {
                AutoWaves.Choice c = autoWaves().first();
                first = plan.links().subList(0, c.cells());
                chose(1, c);
                options.out().printf("  wave 1: %d of %d cells at once (--parallel auto: %s)%n", c.cells(), plan.links().size(), c.reason());
            } else {
                List<List<LinkPlan.PlannedLink>> waves = plan.waves();
                first = waves.get(0);
                if (waves.size() > 1) {
                    options.out().printf("  wave 1/%d: %d of %d cells at once (--parallel)%n", waves.size(), first.size(),
                            plan.links().size());
                }
            }
            linksMade = first.size();
            return connectPlanned(room, first);
        }
        Map<String, PairCalls.PeerConnectOutcome> outcomes = room.connectMesh(live);
        Long first = null;
        for (PeerSlot s : slots) {
            PairCalls.PeerConnectOutcome o = outcomes.get(s.name);
            if (o == null) {
                continue;
            }
            if (o.connected()) {
                s.connectMs = o.connectedAfterMs();
                first = first == null ? s.connectMs : Math.min(first, s.connectMs);
            } else {
                peerFailed(s, o.failure(), null);
            }
        }
        long connected = slots.stream().filter(s -> s.connectMs != null).count();
        options.out().printf("  %d/%d peers connected%n", connected, slots.size());
        return sinceLaunch(first);
    }

    /**
     * The plan's later waves, one after another, each for the scenario's duration: the previous wave's
     * connections are closed first, so at most {@code parallel} links are up at once (auto: each wave
     * sized from how the host carried the last one).
     */
    private void runLaterWaves() throws InterruptedException {
        if (plan == null) {
            return;
        }
        List<List<LinkPlan.PlannedLink>> fixed = plan.parallel() == LinkPlan.AUTO ? null : plan.waves();
        PairCalls room = calls;
        List<LinkPlan.PlannedLink> last = plan.links().subList(0, linksMade);
        long lastUpAtMs = 0;
        for (int w = 1; linksMade < plan.links().size() && !interrupted.get(); w++) {
            List<LinkPlan.PlannedLink> wave;
            if (fixed != null) {
                wave = fixed.get(w);
                options.out().printf("  wave %d/%d: %d cells%n", w + 1, fixed.size(), wave.size());
            } else {
                AutoWaves.Choice c = autoWaves().next(waveLoad(last, lastUpAtMs), plan.links().size() - linksMade);
                wave = plan.links().subList(linksMade, linksMade + c.cells());
                chose(w + 1, c);
                options.out().printf("  wave %d: %d cells (--parallel auto: %s)%n", w + 1, wave.size(), c.reason());
            }
            closeLinks(last);
            dir.event("wave-started", Map.of("wave", w + 1, "links", wave.size()));
            lastUpAtMs = (System.nanoTime() - samplingStartNanos) / 1_000_000;
            connectPlanned(room, wave);
            linksMade += wave.size();
            last = wave;
            stop.await(scenario.duration().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The auto-wave policy of this run's plan, priced with this host's resources. */
    private AutoWaves autoWaves() {
        return new AutoWaves(n -> HostCapacity.links(slots, plan.links().subList(0, Math.min(n, plan.links().size()))),
                plan.links().size(), HostResources.here());
    }

    private void chose(int wave, AutoWaves.Choice c) {
        waveChoices.add(Map.of("wave", wave, "cells", c.cells(), "reason", c.reason()));
        dir.event("wave-sized", Map.of("wave", wave, "cells", c.cells(), "reason", c.reason()));
    }

    /**
     * How the host carried a wave whose links came up at {@code upAtMs}: its mean CPU and the worst
     * received fps (p50) of its connected cells, both after the judge's warm-up.
     */
    private AutoWaves.WaveLoad waveLoad(List<LinkPlan.PlannedLink> wave, long upAtMs) {
        long from = upAtMs + 3000;
        Double cpu = hostCpuAt.entrySet().stream().filter(e -> e.getKey() >= from).mapToDouble(Map.Entry::getValue)
                .average().stream().boxed().findFirst().orElse(null);
        Double worst = null;
        LinkPlan.Measurements m = perConnection();
        for (LinkPlan.PlannedLink l : wave) {
            PairCalls.LinkOutcome o = linkOutcomes.get(l.id());
            if (o == null || !o.connected()) {
                continue; // failed at signaling (a codec): no media to judge the host by
            }
            for (String peer : List.of(l.offerer(), l.answerer())) {
                List<Double> fps = new ArrayList<>();
                for (MetricPoint p : m.points(peer, l.id())) {
                    Double v = p.values().get(org.rtcbench.core.metric.Metric.VIDEO_FPS);
                    if (v != null && p.atMs() >= from) {
                        fps.add(v);
                    }
                }
                org.rtcbench.core.metric.Summary sum = org.rtcbench.core.metric.Summary.of(fps);
                if (sum != null) {
                    worst = worst == null ? sum.p50() : Math.min(worst, sum.p50());
                }
            }
        }
        return new AutoWaves.WaveLoad(wave.size(), cpu, worst, scenario.media().video().fps());
    }

    /**
     * Estimates what the run asks of this host before anything starts, and refuses it (unless
     * {@code --force}) when the host cannot hold it; see {@link HostCapacity}.
     */
    private Map<String, Object> checkCapacity() {
        HostResources host = HostResources.here();
        if (plan == null) {
            return HostCapacity.require(slots.size() + " peers in a P2P full mesh", slots.size(), HostCapacity.mesh(slots, slots.size()),
                    n -> HostCapacity.mesh(slots, n), options, host);
        }
        if (plan.parallel() == LinkPlan.AUTO) {
            // waves are sized to fit as the run goes; only the peers themselves must fit
            return HostCapacity.require("the interop matrix's " + slots.size() + " peers", slots.size(),
                    HostCapacity.links(slots, List.of()), n -> HostCapacity.links(slots.subList(0, n), List.of()), options, host);
        }
        List<LinkPlan.PlannedLink> widest = plan.waves().stream().max(java.util.Comparator.comparingInt(List::size)).orElse(List.of());
        return HostCapacity.require(widest.size() + " interop cells at once", widest.size(), HostCapacity.links(slots, widest),
                n -> HostCapacity.links(slots, widest.subList(0, n)), options, host);
    }

    private void closeLinks(List<LinkPlan.PlannedLink> links) {
        for (LinkPlan.PlannedLink pl : links) {
            for (PeerSlot s : List.of(slot(pl.offerer()), slot(pl.answerer()))) {
                if (s.alive()) {
                    try {
                        s.peer.closeConnection(pl.id());
                    } catch (PeerFailure e) {
                        peerFailed(s, e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** Makes a wave of the plan's links; a failed link fails its cell, not its peers. */
    private Long connectPlanned(PairCalls room, List<LinkPlan.PlannedLink> wave) {
        Map<String, PairCalls.LinkOutcome> outcomes = new LinkedHashMap<>();
        List<PairCalls.Link> links = new ArrayList<>();
        for (LinkPlan.PlannedLink pl : wave) {
            PeerSlot a = slot(pl.offerer());
            PeerSlot b = slot(pl.answerer());
            PeerSlot down = !a.alive() ? a : !b.alive() ? b : null;
            if (down != null) {
                outcomes.put(pl.id(), new PairCalls.LinkOutcome(pl.id(), null, down.name + " did not start: "
                        + (down.failure == null ? "not launched" : down.failure), down.name));
            } else {
                links.add(new PairCalls.Link(a.peer, b.peer, pl.id(), pl.videoCodec()));
            }
        }
        Map<String, PairCalls.LinkOutcome> made = room.connectLinks(links);
        // The judge's warm-up counts from when this wave's links came up (the first wave: sampling start).
        long upAtMs = samplingStartNanos == 0 ? 0 : (System.nanoTime() - samplingStartNanos) / 1_000_000;
        Map<String, PairCalls.LinkOutcome> ordered = new LinkedHashMap<>(linkOutcomes);
        for (LinkPlan.PlannedLink pl : wave) {
            ordered.put(pl.id(), outcomes.containsKey(pl.id()) ? outcomes.get(pl.id()) : made.get(pl.id()));
            linkUpAtMs.put(pl.id(), upAtMs);
        }
        linkOutcomes = ordered;
        Long first = null;
        for (LinkPlan.PlannedLink pl : wave) {
            PairCalls.LinkOutcome o = ordered.get(pl.id());
            if (o.connected()) {
                for (PeerSlot s : List.of(slot(pl.offerer()), slot(pl.answerer()))) {
                    s.connectMs = s.connectMs == null ? o.connectedAfterMs() : Math.min(s.connectMs, o.connectedAfterMs());
                }
                first = first == null ? o.connectedAfterMs() : Math.min(first, o.connectedAfterMs());
            }
        }
        long connected = wave.stream().filter(pl -> ordered.get(pl.id()).connected()).count();
        options.out().printf("  %d/%d connections up%n", connected, wave.size());
        return sinceLaunch(first);
    }

    private Long sinceLaunch(Long firstConnected) {
        if (firstConnected == null) {
            return null;
        }
        long launchedAt = options.launchedAtMs() > 0 ? options.launchedAtMs()
                : ManagementFactory.getRuntimeMXBean().getStartTime();
        long fromLaunch = System.currentTimeMillis() - launchedAt;
        dir.event("first-call-connected", Map.of("afterLaunchMs", fromLaunch));
        return fromLaunch;
    }

    /** After each sampling tick (its stats calls under way): the host's CPU, and one progress line. */
    private void ticked(long atMs) {
        Double cpu = org.rtcbench.core.process.ProcessCpu.hostPercentSinceLastCall();
        if (cpu != null) {
            hostCpuAt.put(atMs, cpu);
        }
        if (!interrupted.get()) {
            options.out().println(Progress.line(atMs, slots));
        }
    }

    private void sample(PeerSlot s, long atMs) {
        try {
            s.sample(dir, atMs, plan != null);
        } catch (PeerFailure e) {
            peerFailed(s, e.getMessage(), e);
        } catch (java.io.IOException e) {
            peerFailed(s, s.name + ": its stats were not valid JSON: " + e.getMessage(), e);
        }
    }

    private void peerFailed(PeerSlot s, String reason, Throwable cause) {
        if (s.failure != null || interrupted.get()) {
            return;
        }
        s.fail(reason);
        LOG.warn("peer {} failed: {}", s.name, reason, cause);
        dir.event("peer-failed", Map.of("peer", s.name, "reason", reason));
        options.out().println("  peer failed: " + reason);
    }

    private void closeAll(ExecutorService pool) {
        List<Future<?>> closes = new ArrayList<>();
        for (PeerSlot s : slots) {
            if (s.peer != null) {
                closes.add(pool.submit(() -> s.peer.close()));
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

    private RunSummary summary(Instant startedAt, RunStatus status, String reason, List<AssertionResult> results,
                               Long firstConnected, List<InteropCell> cells) {
        List<PeerSummary> peers = new ArrayList<>();
        for (PeerSlot s : slots) {
            String outcome = status == RunStatus.RUNNING ? "running" : s.failure == null && s.connectMs != null ? "ok" : "failed";
            String failure = s.failure;
            if (failure == null && "failed".equals(outcome)) {
                failure = s.peer == null ? "not launched" : "never connected";
            }
            peers.add(s.summary(outcome, failure));
        }
        Instant now = Instant.now();
        return new RunSummary(dir.runId(), scenario.name(), status, reason, startedAt.toString(),
                status == RunStatus.RUNNING ? null : now.toString(),
                status == RunStatus.RUNNING ? null : now.toEpochMilli() - startedAt.toEpochMilli(),
                firstConnected, Version.get(), HostInfo.describe(), peers, results, cells);
    }

    private String failureReason(List<AssertionResult> results, List<InteropCell> cells) {
        for (PeerSlot s : slots) {
            if (s.failure != null) {
                return s.failure;
            }
        }
        long failedCells = cells.stream().filter(InteropCell::failed).count();
        if (failedCells > 0) {
            return failedCells + " of " + cells.size() + " interop cells failed";
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        return failed + " of " + results.size() + " assertions failed";
    }

    private LinkPlan.Measurements perConnection() {
        return new LinkPlan.Measurements() {
            @Override
            public List<MetricPoint> points(String peer, String connectionId) {
                PeerSlot s = slot(peer);
                synchronized (s.points) {
                    return List.copyOf(s.connectionPoints.getOrDefault(connectionId, List.of()));
                }
            }

            @Override
            public long upAtMs(String connectionId) {
                return linkUpAtMs.getOrDefault(connectionId, 0L);
            }

            @Override
            public JsonNode lastSample(String peer) {
                // A wave's connections are closed by the end: their last reports are kept per connection.
                return slot(peer).lastReportsOfEveryConnection();
            }
        };
    }

    private PeerSlot slot(String name) {
        return slots.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no peer " + name + " in this run"));
    }

}
