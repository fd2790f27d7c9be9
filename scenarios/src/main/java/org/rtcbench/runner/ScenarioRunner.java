package org.rtcbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.rtcbench.browser.harness.HarnessServer;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Version;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.capacity.HostResources;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.target.PairCalls;
import org.rtcbench.core.target.Rooms;
import org.rtcbench.core.target.TargetType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call run, through the run loop ({@link RunLifecycle}): every peer of the scenario arrives at
 * the start, launched in parallel, and the target's pairwise calls connect them, a full mesh, or
 * exactly the links of an interop matrix's {@link LinkPlan}, wave after wave. Judged by its
 * assertions, its peers' failures and (a matrix) its cells.
 */
public final class ScenarioRunner extends RunLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);
    private final LinkPlan plan;
    /** The target's pairwise calls, once it is open. */
    private PairCalls calls;
    private volatile Map<String, PairCalls.LinkOutcome> linkOutcomes = Map.of();
    /** When each planned link came up, in ms since sampling started (0 for the first wave). */
    private final Map<String, Long> linkUpAtMs = new java.util.concurrent.ConcurrentHashMap<>();
    /** The host's CPU (percent of all cores) at each sampling tick, by ms since sampling started. */
    private final Map<Long, Double> hostCpuAt = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Each auto wave's width and why. */
    private final List<Map<String, Object>> waveChoices = new ArrayList<>();
    /** How many of the plan's links have been made so far (they are made in order, wave by wave). */
    private int linksMade;
    /** The peers' launches, waited for before closing so that none launched late is left running. */
    private final List<Future<?>> launches = new ArrayList<>();
    private volatile Long firstConnected;
    private volatile List<InteropCell> cells = List.of();
    /** The sessions started with a streams target (WHIP, WHEP), ended before the peers close. */
    private final List<org.rtcbench.core.target.Streams.Session> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ScenarioRunner(Scenario scenario, RunOptions options) {
        this(scenario, options, null);
    }

    /** A run that makes exactly the links of {@code plan} (null: every pair of peers) and judges them with it. */
    public ScenarioRunner(Scenario scenario, RunOptions options, LinkPlan plan) {
        super(scenario, options, t -> t.makesCalls() || ((t.hasStreams() || t.hasRooms()) && plan == null),
                plan == null ? "a {type} target has neither calls, rooms nor sessions for a call run"
                        : "the interop matrix needs a target that makes pairwise calls (p2p); {type} does not");
        this.plan = plan;
    }

    @Override
    protected String header() {
        return String.format("rtcbench %s: run %s, %d peers, %s", Version.get(), dir.runId(), slots.size(),
                org.rtcbench.core.Durations.format(scenario.duration()));
    }

    @Override
    protected void arrive(ExecutorService pool, HarnessServer harness) throws InterruptedException {
        wakeOnInterrupt(true);
        calls = target.calls();
        launchAll(harness, pool);
        if (!interrupted.get()) {
            startMediaAll(pool);
        }
        if (!interrupted.get()) {
            firstConnected = calls != null ? connectAll() : target.streams() != null ? startStreams(pool, target.streams())
                    : meetInRoom(pool, target.rooms());
        }
        if (!interrupted.get()) {
            long interval = scenario.sampling().toMillis();
            startSampling(pool, options.sampling() ? 0 : interval, this::ticked);
            options.observer().callStarted();
            stop.await(scenario.duration().toMillis(), TimeUnit.MILLISECONDS);
            runLaterWaves();
            options.observer().callEnding();
        }
    }

    /**
     * Waits for launches under way (those not yet begun skip themselves once interrupted); ends the streams
     * sessions first, as their protocol has it (a DELETE, then the peer hangs up), not by a peer closing under them.
     */
    @Override
    protected void stopping() {
        if (target != null && target.streams() != null) {
            sessions.forEach(target.streams()::stop);
        }
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

    /** Every cell judged, and the auto waves' choices kept, also for a run that was interrupted or erred. */
    @Override
    protected void stopped() {
        cells = plan == null ? List.of() : plan.judge().judge(linkOutcomes, perConnection());
        if (!waveChoices.isEmpty()) {
            capacity.put("parallel", "auto");
            capacity.put("waves", List.copyOf(waveChoices));
        }
    }

    @Override
    protected String failure(List<AssertionResult> results) {
        for (PeerSlot s : slots) {
            if (s.failure != null) {
                return s.failure;
            }
        }
        long failedCells = cells.stream().filter(InteropCell::failed).count();
        return failedCells > 0 ? failedCells + " of " + cells.size() + " interop cells failed" : null;
    }

    @Override
    protected Long firstConnectedMs() {
        return firstConnected;
    }

    @Override
    protected List<InteropCell> cells() {
        return cells;
    }

    @Override
    protected boolean samplesPerConnection() {
        return plan != null;
    }

    @Override
    protected void printSummary(RunSummary summary) {
        new ConsoleSummary(options.out()).print(summary, dir.path());
    }

    private void launchAll(HarnessServer harness, ExecutorService pool) throws InterruptedException {
        for (PeerSlot s : slots) {
            launches.add(pool.submit(() -> {
                try {
                    Peer peer = launch(s, harness, Map.of());
                    if (peer != null) {
                        options.out().printf("  %s launched in %d ms (%s %s%s)%n", s.name, s.launchMs, peer.info().browser(),
                                peer.info().browserVersion(), peer.info().image() != null ? ", in image " + peer.info().image()
                                        : peer.info().grid() != null ? ", on grid " + peer.info().grid() : "");
                    }
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

    /**
     * Each live peer starts its own session with a streams target (WHIP: publishes, WHEP: plays), all at once;
     * returns ms from the user's command to the first connected one, or null. A server that refuses a request
     * (the URL or the token is wrong) ends the run as bad input.
     */
    private Long startStreams(ExecutorService pool, org.rtcbench.core.target.Streams streams) throws InterruptedException {
        Map<PeerSlot, Future<org.rtcbench.core.target.Streams.Session>> started = new LinkedHashMap<>();
        for (PeerSlot s : slots) {
            if (s.alive()) {
                started.put(s, pool.submit(() -> {
                    long t0 = System.nanoTime();
                    org.rtcbench.core.target.Streams.Session session = streams.start(s.peer, null);
                    sessions.add(session);
                    s.connectMs = (System.nanoTime() - t0) / 1_000_000;
                    return session;
                }));
            }
        }
        BadInputException bad = null;
        Long first = null;
        for (Map.Entry<PeerSlot, Future<org.rtcbench.core.target.Streams.Session>> e : started.entrySet()) {
            PeerSlot s = e.getKey();
            try {
                org.rtcbench.core.target.Streams.Session session = e.getValue().get();
                first = first == null ? s.connectMs : Math.min(first, s.connectMs);
                options.out().printf("  %s %s through %s (%s)%n", s.name, streams.verb(), targetType.label(), session.resource());
            } catch (java.util.concurrent.ExecutionException x) {
                if (x.getCause() instanceof BadInputException b) {
                    bad = bad == null ? b : bad;
                } else if (x.getCause() instanceof PeerFailure f) {
                    peerFailed(s, f.getMessage(), f);
                } else {
                    throw new IllegalStateException(x.getCause());
                }
            }
        }
        if (bad != null) {
            throw bad;
        }
        long connected = slots.stream().filter(s -> s.connectMs != null).count();
        options.out().printf("  %d/%d peers connected%n", connected, slots.size());
        return sinceLaunch(first);
    }

    /**
     * A call through an SFU's room: a room made for the run, every sending peer publishes into it, then every
     * receiving peer subscribes to every other peer's feed, all peers at once. A peer is connected when its
     * publication and all its subscriptions are; returns ms from the user's command to the first, or null.
     */
    private Long meetInRoom(ExecutorService pool, Rooms rooms) throws InterruptedException {
        long room = rooms.createRoom(null, slots.size() + 1, null);
        dir.event("room-ready", Map.of("room", room));
        options.out().printf("  room %d: every peer publishes into it and subscribes to every other peer's feed%n", room);
        long t0 = System.nanoTime();
        Map<PeerSlot, Future<Rooms.Publication>> publishing = new LinkedHashMap<>();
        for (PeerSlot s : slots) {
            if (s.alive() && s.role.sends()) {
                publishing.put(s, pool.submit(() -> rooms.publish(s.peer, room, s.name, null)));
            }
        }
        Map<String, Long> feeds = new LinkedHashMap<>();
        for (Map.Entry<PeerSlot, Future<Rooms.Publication>> e : publishing.entrySet()) {
            try {
                feeds.put(e.getKey().name, e.getValue().get().feedId());
            } catch (java.util.concurrent.ExecutionException x) {
                roomFailure(e.getKey(), x);
            }
        }
        Map<PeerSlot, Future<?>> subscribing = new LinkedHashMap<>();
        for (PeerSlot s : slots) {
            if (s.alive() && s.role.receives()) {
                subscribing.put(s, pool.submit(() -> {
                    feeds.forEach((publisher, feed) -> {
                        if (!publisher.equals(s.name)) {
                            rooms.subscribe(s.peer, room, feed);
                        }
                    });
                    return null;
                }));
            }
        }
        for (Map.Entry<PeerSlot, Future<?>> e : subscribing.entrySet()) {
            try {
                e.getValue().get();
            } catch (java.util.concurrent.ExecutionException x) {
                roomFailure(e.getKey(), x);
            }
        }
        Long first = null;
        long allMs = (System.nanoTime() - t0) / 1_000_000;
        for (PeerSlot s : slots) {
            if (s.alive() && (publishing.containsKey(s) || subscribing.containsKey(s))) {
                s.connectMs = allMs; // its connections came up by now; the target's events have each one's own time
                first = first == null ? s.connectMs : Math.min(first, s.connectMs);
            }
        }
        long connected = slots.stream().filter(s -> s.connectMs != null).count();
        options.out().printf("  %d/%d peers connected through %s (%d feeds)%n", connected, slots.size(), targetType.label(), feeds.size());
        return sinceLaunch(first);
    }

    private void roomFailure(PeerSlot s, java.util.concurrent.ExecutionException x) {
        if (x.getCause() instanceof BadInputException b) {
            throw b;
        }
        if (x.getCause() instanceof PeerFailure f) {
            peerFailed(s, f.getMessage(), f);
        } else {
            throw new IllegalStateException(x.getCause());
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
                AutoWaves.Choice c = autoWaves().first(busyCoresNow());
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

    /** The host's cores in use over the next 500 ms (other work, and the idle peers already launched), or 0 when unknown. */
    private static double busyCoresNow() {
        org.rtcbench.core.process.ProcessCpu.hostPercentSinceLastCall();
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        Double pct = org.rtcbench.core.process.ProcessCpu.hostPercentSinceLastCall();
        return pct == null ? 0 : pct / 100 * HostResources.here().cores();
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
    @Override
    protected Map<String, Object> checkCapacity() {
        HostResources host = HostResources.here();
        if (plan == null && targetType.hasStreams()) {
            return HostCapacity.require(slots.size() + " peers, each with its own " + targetType.label() + " session", slots.size(),
                    HostCapacity.sessions(slots, slots.size()), n -> HostCapacity.sessions(slots, n), options, host);
        }
        if (plan == null && !targetType.makesCalls()) {
            return HostCapacity.require(slots.size() + " peers in a " + targetType.label() + " room", slots.size(),
                    HostCapacity.room(slots, slots.size()), n -> HostCapacity.room(slots, n), options, host);
        }
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
