package org.rtcbench.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtcbench.browser.harness.HarnessServer;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.capacity.HostResources;
import org.rtcbench.core.Durations;
import org.rtcbench.core.Version;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerLauncher;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.LoadSpec;
import org.rtcbench.core.scenario.Shard;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.load.GeneratorMonitor;
import org.rtcbench.load.GeneratorSaturation;
import org.rtcbench.load.LoadContext;
import org.rtcbench.load.LoadPeers;
import org.rtcbench.load.LoadPlan;
import org.rtcbench.load.RoomPublishers;
import org.rtcbench.load.RunFeeds;
import org.rtcbench.load.StreamRooms;
import org.rtcbench.load.gatling.GatlingResult;
import org.rtcbench.load.gatling.LoadSimulation;
import org.rtcbench.core.target.Rooms;
import org.rtcbench.core.target.TargetType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load run, through the run loop ({@link RunLifecycle}): peers arrive injected by Gatling, each
 * virtual user a synthetic Java peer that publishes into or subscribes from a room of the target
 * (any target with rooms, e.g. a Janus VideoRoom), besides the scenario's own peers (browser
 * observers, extra publishers) through the same rooms; the generator watches its own CPU, timers
 * and frame pacing. Judged by its assertions (also on join, ICE and first-frame timings), and
 * fewer peers connected than asked is never a pass.
 */
public final class LoadRunner extends RunLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRunner.class);
    private static final Duration FIRST_FRAME_TIMEOUT = Duration.ofSeconds(10);

    private final LoadSpec load;
    private final Shard shard;
    private final GeneratorSaturation saturation;
    /** Browsers (or Java peers) from the scenario's peers: observers that subscribe, or publishers whose feed the synthetic subscribers take too. */
    private final List<PeerSlot> observers;
    /** The feed of each of those that publishes. */
    private final Map<String, Long> ownFeedOf = new ConcurrentHashMap<>();
    /** Per receiving scenario peer not yet connected: the subscription it is waiting for, and what its room last listed. */
    private final Map<String, String> observerSubscribing = new ConcurrentHashMap<>();
    private final Map<String, String> observerLastListing = new ConcurrentHashMap<>();
    /** The target's ids of this run's rooms (r1 first), and those of them that existed before the run. */
    private final List<Long> roomIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Long> reusedRoomIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> timings = new ConcurrentHashMap<>();
    private final AtomicInteger joined = new AtomicInteger();
    /** The rooms' feeds: this run's, those its subscribers take, and those they took. */
    private final RunFeeds feeds;
    private volatile boolean limitedAnnounced;
    private volatile GeneratorMonitor monitor;
    private volatile LoadPlan plan;
    private volatile String gatlingReport;
    private volatile LoadSummary loadSummary;
    /** When the users start arriving ({@code --start-at}), or null: as soon as this process is ready. */
    private volatile java.time.Instant startAt;

    public LoadRunner(Scenario scenario, RunOptions options) {
        this(scenario, options, GeneratorSaturation.defaults());
    }

    /** A load run judged against other generator limits (the benchmark and tests set their own). */
    public LoadRunner(Scenario scenario, RunOptions options, GeneratorSaturation saturation) {
        this(scenario, options, saturation, Shard.WHOLE);
    }

    /**
     * One shard's share of a load run ({@code rtcbench load --shard I/N}): the users whose place in the run is
     * {@code I-1} modulo {@code N}, in the rooms every shard names (--room) on the SFU they share (--url); the
     * scenario's own peers (observers, browser publishers) run in shard 1 only. {@code rtcbench merge} makes one
     * run of the shards' run directories.
     */
    public LoadRunner(Scenario scenario, RunOptions options, GeneratorSaturation saturation, Shard shard) {
        super(requireShardable(requireLoad(scenario), shard), options, t -> t.hasRooms() || t.hasStreams(),
                "a 'load:' section needs a target with rooms to publish into and subscribe from, e.g. 'target: {type: janus}'; {type} has none");
        this.load = scenario.load();
        this.shard = shard;
        this.saturation = saturation;
        this.observers = List.copyOf(slots);
        this.feeds = new RunFeeds(load.ownFeedsOnly());
        if (!targetType.hasStreams()) {
            requireRoomWithoutPublishers(load); // before anything starts; a streams target knows whether it has rooms once open
        }
    }

    /**
     * Starts the users at {@code at} ({@code rtcbench load --start-at}), not as soon as this process is ready:
     * shards on machines that start seconds apart (pods, containers, JVMs) then inject their shares in step,
     * as the whole run would. A time already past starts at once, and the run says how late it is.
     */
    public LoadRunner startingAt(java.time.Instant at) {
        this.startAt = at;
        return this;
    }

    /** Waits for {@link #startAt}, if any; says how long, or how late this process is (an event either way). */
    private void awaitStart() {
        java.time.Instant at = startAt;
        if (at == null) {
            return;
        }
        long waitMs = at.toEpochMilli() - System.currentTimeMillis();
        String who = shard.whole() ? "" : "shard " + shard + ": ";
        if (waitMs > 0) {
            options.out().printf("  %swaiting %.1f s for --start-at %s to start the users%n", who, waitMs / 1000.0, at);
            try {
                if (stop.await(waitMs, TimeUnit.MILLISECONDS)) {
                    return; // stopped while waiting: the run ends with no user started
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            dir.event("start-at", Map.of("at", at.toString(), "waitedMs", waitMs, "lateMs", 0L));
        } else {
            options.out().printf("  %s--start-at %s passed %.1f s ago: starting the users now, that much behind%n", who, at, -waitMs / 1000.0);
            dir.event("start-at", Map.of("at", at.toString(), "waitedMs", 0L, "lateMs", -waitMs));
        }
    }

    /** A run with rooms and no publishers of its own subscribes in a room that exists: it must name it. */
    private static void requireRoomWithoutPublishers(LoadSpec load) {
        if (load.publishers() == 0 && load.room() == null) {
            throw new BadInputException("--publishers 0 (load.publishers) subscribes to publishers already in a room: name it with --room "
                    + "(load.room), or give at least 1 publisher per room");
        }
    }

    /** A shard's scenario: the same load on a shared SFU and named rooms; the scenario's own peers only in shard 1. */
    private static Scenario requireShardable(Scenario scenario, Shard shard) {
        if (shard.whole()) {
            return scenario;
        }
        if (scenario.target().url() == null) {
            throw new BadInputException("--shard " + shard + " needs --url: the shards must meet on one SFU (without --url each would start its own "
                    + "local " + scenario.target().type() + ")");
        }
        if (scenario.load().room() == null && !"whip".equals(scenario.target().type()) && !"whep".equals(scenario.target().type())) {
            throw new BadInputException("--shard " + shard + " needs --room: every shard joins the same rooms (the first shard there creates a "
                    + "missing one, and no shard destroys them)");
        }
        if (shard.users(scenario.load().users()) == 0) {
            throw new BadInputException("--shard " + shard + " has no users: " + scenario.load().users() + " users over " + shard.count()
                    + " shards leave this one none; use fewer shards");
        }
        if (scenario.load().ownFeedsOnly()) {
            throw new BadInputException("--shard " + shard + " with subscribeTo own: a shard's subscribers would miss the other shards' "
                    + "publishers; use subscribeTo all");
        }
        return shard.index() == 1 ? scenario : scenario.withPeers(List.of());
    }

    private static Scenario requireLoad(Scenario scenario) {
        if (scenario.load() == null) {
            throw new BadInputException("scenario " + scenario.name() + " has no 'load:' section; use 'rtcbench run' for calls");
        }
        return scenario;
    }

    @Override
    protected Map<String, Object> checkCapacity() {
        int users = shard.users(load.users());
        return HostCapacity.require(users + " synthetic peers in " + load.rooms() + " room"
                        + (load.rooms() == 1 ? "" : "s") + (observers.isEmpty() ? "" : " with " + observers.size() + " scenario peers"),
                users, HostCapacity.load(load, scenario.media(), observers, users),
                n -> HostCapacity.load(load, scenario.media(), observers, n), options, HostResources.here());
    }

    @Override
    protected String header() {
        String url = scenario.target().url();
        return String.format("rtcbench %s: load run %s: %d room%s x (%d publishers + %d subscribers) = %d synthetic peers%s, "
                        + "through %s, %s injection over %s, hold %s", Version.get(), dir.runId(), load.rooms(),
                load.rooms() == 1 ? "" : "s", load.publishers(), load.subscribers(), load.users(),
                (shard.whole() ? "" : " (shard " + shard + ": " + shard.users(load.users()) + " of them)") + scenarioPeers(),
                url == null ? "a local " + targetType.label() : targetType.label() + " at " + url, load.injection(),
                Durations.format(load.ramp()), Durations.format(load.hold()));
    }

    @Override
    protected int poolSize() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    @Override
    protected void arrive(ExecutorService pool, HarnessServer harness) {
        Rooms room = target.rooms();
        boolean streamsOnly = room == null;
        if (streamsOnly) {
            // a WHIP or WHEP endpoint of the user's: publishers publish to it, or subscribers play it; rooms are only names
            room = StreamRooms.of(target.streams(), targetType.label(), scenario.target().url(), load);
        } else {
            requireRoomWithoutPublishers(load);
        }
        for (int i = 0; i < load.rooms(); i++) {
            Long id = load.roomId(i);
            if (streamsOnly) {
                roomIds.add(room.createRoom(id, load.publishers(), null));
            } else if (id != null && room.roomExists(id)) {
                reusedRoomIds.add(id);
                roomIds.add(id);
            } else if (load.publishers() == 0) {
                throw new BadInputException("room " + id + " does not exist on " + targetType.label()
                        + (scenario.target().url() == null ? " (the local one rtcbench started)" : " at " + scenario.target().url())
                        + ": with no publishers of its own (--publishers 0) a load run subscribes in rooms that exist; check --room and --rooms");
            } else {
                // room for the synthetic publishers, the scenario's publishing peers, and one spare
                roomIds.add(createRoom(room, id));
            }
        }
        if (!shard.whole() && !streamsOnly) {
            options.out().printf("  shard %s: rooms are left in place at the end (the other shards may still be in them)%n", shard);
        }
        if (!reusedRoomIds.isEmpty()) {
            options.out().printf("  using existing room%s %s as %s (rtcbench creates and destroys only the others)%n",
                    reusedRoomIds.size() == 1 ? "" : "s", reusedRoomIds, reusedRoomIds.size() == 1 ? "it is" : "they are");
        }
        List<Long> rooms = List.copyOf(roomIds);
        StringBuilder named = new StringBuilder();
        for (int i = 0; i < rooms.size(); i++) {
            named.append(i == 0 ? "" : ", ").append('r').append(i + 1).append(" = ").append(rooms.get(i));
        }
        if (!streamsOnly) {
            options.out().printf("  rooms: %s (subscribers take %s)%n", named, load.ownFeedsOnly() ? "only this run's publishers"
                    : "every publisher there, also those this run did not create");
        }
        dir.event("rooms-ready", Map.of("rooms", rooms, "reused", List.copyOf(reusedRoomIds)));

        // Gatling's virtual users are synthetic peers of the load's kind (java or replay), on its default provider
        PeerLauncher javaPeers = options.providers().launcher(load.userKind(), null, launchContext());
        javaPeers.check();
        String warmed = javaPeers.warmUp();
        if (warmed != null) {
            options.out().println("  " + warmed);
        }
        LoadContext ctx = new LoadContext(room, javaPeers, scenario.media(), load.videoCodec(), new Register(),
                feeds, FIRST_FRAME_TIMEOUT, new RoomPublishers(room, 500));

        awaitStart();
        monitor = new GeneratorMonitor(counts(), saturation, this::second);
        startSampling(pool, scenario.sampling().toMillis(), atMs -> { });
        if (!observers.isEmpty()) {
            startObservers(harness, ctx, rooms);
        }

        long endAt = System.nanoTime() + load.duration().toNanos();
        plan = new LoadPlan(load, shard, ctx, rooms, this::timing, () -> stop.getCount() == 0 || System.nanoTime() >= endAt,
                () -> stop.getCount() == 0);
        GatlingResult result = LoadSimulation.run(plan, dir.path().resolve("gatling"));
        gatlingReport = result.reportIndex() == null ? null
                : dir.path().toAbsolutePath().relativize(result.reportIndex().toAbsolutePath()).toString();
        dir.event("gatling-finished", gatlingReport == null ? Map.of() : Map.of("report", gatlingReport));
    }

    /**
     * Creates a room of this run. A shard leaves it in place (others may still be in it), and takes a room that another
     * shard created a moment before for its own: the one that asked second gets "exists".
     */
    private long createRoom(Rooms room, Long id) {
        int publishers = load.publishers() + (int) observers.stream().filter(o -> o.role.sends()).count() + 1;
        String codecs = load.videoCodec() == null ? null : load.videoCodec().toLowerCase(Locale.ROOT);
        if (shard.whole()) {
            return room.createRoom(id, publishers, codecs);
        }
        try {
            long created = room.createRoom(id, publishers, codecs);
            room.keep(created);
            return created;
        } catch (RuntimeException e) {
            if (id != null && room.roomExists(id)) {
                reusedRoomIds.add(id);
                return id;
            }
            throw e;
        }
    }

    /** Gatling's users still in the room leave without a word: the target is about to close. */
    @Override
    protected void stopping() {
        LoadPlan p = plan;
        if (p != null) {
            p.abandonAll();
        }
    }

    @Override
    protected void stopped() {
        GeneratorMonitor m = monitor;
        if (m != null) {
            m.close();
        }
        loadSummary = loadSummary(scenario.target().url(), m, gatlingReport);
    }

    /** A subscription's sender: this run's publisher of that feed, or the feed's display name and "(not this run)". */
    @Override
    protected String senderOf(String connectionId) {
        return feeds.senderOf(connectionId);
    }

    @Override
    protected Map<String, List<Long>> timings() {
        return timingsCopy();
    }

    /** Fewer synthetic peers connected than asked is never a pass, nor is a scenario peer that failed. */
    @Override
    protected String failure(List<AssertionResult> results) {
        LoadSummary l = loadSummary;
        if (l.connected() < l.requested()) {
            return "only " + l.connected() + " of " + l.requested() + " synthetic peers connected"
                    + (l.failed() > 0 ? " (" + l.failed() + " failed: " + firstFailure() + ")" : "");
        }
        return failedObserver();
    }

    @Override
    protected String annotate(String reason) {
        return loadSummary.generatorLimited() ? reason + "; but the generator was limited, so this may be rtcbench's limit, not the SFU's"
                : reason;
    }

    @Override
    protected RunSummary complete(RunSummary summary) {
        return summary.withLoad(loadSummary);
    }

    /** A peer that left (or a sample taken as the run ends) may have no stats to give: that is no failure. */
    @Override
    protected boolean samplingErrorFailsPeer() {
        return false;
    }

    // ---------------------------------------------------------------- observers

    private void startObservers(HarnessServer harness, LoadContext ctx, List<Long> rooms) {
        for (int i = 0; i < observers.size(); i++) {
            PeerSlot s = observers.get(i);
            long room = observerRoom(i, rooms);
            try {
                Peer peer = launch(s, harness, Map.of("observer", true, "room", room, "role", s.role.id()));
                if (peer == null) {
                    return; // the run was stopped
                }
                peer.startMedia(s.media, s.role);
                if (s.role.sends()) {
                    // a publishing peer of the scenario (e.g. a browser): its feed counts as this run's, so the synthetic subscribers of its room take it too
                    long p0 = System.nanoTime();
                    Rooms.Publication pub = ctx.room().publish(peer, room, s.name, load.videoCodec());
                    ctx.feeds().published(pub.feedId(), s.name);
                    ownFeedOf.put(s.name, pub.feedId());
                    s.connectMs = (System.nanoTime() - p0) / 1_000_000;
                }
                options.out().printf("  %s %s launched in %d ms (%s %s), %s room %d%n", s.role.sends() ? "publisher" : "observer",
                        s.name, s.launchMs, peer.info().browser(), peer.info().browserVersion(),
                        s.role == Role.SENDONLY ? "publishing into" : s.role.sends() ? "publishing into and watching" : "watching", room);
            } catch (PeerFailure e) {
                peerFailed(s, e.getMessage(), e);
            }
        }
        Thread watcher = new Thread(() -> subscribeObservers(ctx, rooms), "rtcbench-observers");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The scenario's own peers for the first line: " + 1 observer + 1 extra publisher", or nothing. */
    private String scenarioPeers() {
        long publishing = observers.stream().filter(o -> o.role.sends()).count();
        long watching = observers.size() - publishing;
        return (watching == 0 ? "" : " + " + watching + " observer" + (watching == 1 ? "" : "s"))
                + (publishing == 0 ? "" : " + " + publishing + " extra publisher" + (publishing == 1 ? "" : "s"));
    }

    /** The room observer {@code i} (0-based) watches: the first observer the first room, and so on round the rooms. */
    private static long observerRoom(int i, List<Long> rooms) {
        return rooms.get(i % rooms.size());
    }

    /** Observers subscribe to every feed of their room ({@link #observerRoom}) that the run takes ({@link RunFeeds}), as they appear. */
    private void subscribeObservers(LoadContext ctx, List<Long> rooms) {
        Map<String, Set<Long>> done = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        while (stop.getCount() > 0) {
            for (int i = 0; i < observers.size(); i++) {
                PeerSlot s = observers.get(i);
                long room = observerRoom(i, rooms);
                if (!s.alive() || !s.role.receives()) {
                    continue;
                }
                Set<Long> have = done.computeIfAbsent(s.name, k -> new java.util.HashSet<>());
                Long own = ownFeedOf.get(s.name);
                if (own != null) {
                    have.add(own); // not its own feed
                }
                List<Rooms.Feed> listed;
                try {
                    listed = ctx.publishers().of(room);
                } catch (RuntimeException e) {
                    // the room's listing failed, not this observer: ask again next second
                    LOG.warn("listing the publishers of room {} for {} failed", room, s.name, e);
                    continue;
                }
                if (s.connectMs == null) {
                    observerLastListing.put(s.name, "room " + room + " listed " + listed.size() + " publisher"
                            + (listed.size() == 1 ? "" : "s") + ", " + listed.stream().filter(p -> ctx.feeds().own(p.feedId())).count()
                            + " of them this run's, " + (System.nanoTime() - t0) / 1_000_000 + " ms after it launched");
                }
                for (Rooms.Feed p : listed) {
                    Long feed = p.feedId();
                    if (!ctx.feeds().takes(p) || !have.add(feed)) {
                        continue;
                    }
                    observerSubscribing.put(s.name, "still subscribing to feed " + feed + " when the run ended (asked "
                            + (System.nanoTime() - t0) / 1_000_000 + " ms after it launched)");
                    try {
                        Rooms.Subscription sub = ctx.room().subscribe(s.peer, room, feed);
                        ctx.feeds().subscribed(room, p, sub.connectionId());
                        s.connectMs = s.connectMs == null ? (System.nanoTime() - t0) / 1_000_000 : s.connectMs;
                        observerSubscribing.remove(s.name);
                    } catch (RuntimeException e) {
                        if (stop.getCount() > 0) {
                            peerFailed(s, String.valueOf(e.getMessage()), e);
                        }
                        break;
                    }
                }
            }
            try {
                stop.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- the synthetic peers' register

    /** Tracks synthetic peers as Gatling's users start and stop them. */
    private final class Register implements LoadPeers {
        @Override
        public Tracked track(Peer peer, Role role) {
            peer.useIce(ice); // before its first connection: TURN servers and the transport policy
            PeerSlot s = new PeerSlot(peer.name(), peer.kind(), null, role, scenario.media());
            s.peer = peer;
            s.launchMs = 0L;
            slots.add(s);
            return new Tracked() {
                private boolean counted;

                @Override
                public synchronized void joined() {
                    if (!counted) {
                        counted = true;
                        joined.incrementAndGet();
                        dir.event("peer-joined", Map.of("peer", s.name, "role", role.id()));
                    }
                }

                @Override
                public void connected(long afterMs) {
                    if (s.connectMs == null) {
                        s.connectMs = afterMs;
                    }
                }

                @Override
                public void failed(String reason) {
                    if (s.failure == null && stop.getCount() > 0) {
                        s.fail(reason);
                        dir.event("peer-failed", Map.of("peer", s.name, "reason", reason));
                    }
                }

                @Override
                public void left() {
                    s.left = true;
                }
            };
        }
    }

    private GeneratorMonitor.Counts counts() {
        return new GeneratorMonitor.Counts() {
            @Override
            public int joined() {
                return joined.get();
            }

            @Override
            public int connected() {
                return (int) synthetic().filter(s -> s.connectMs != null && s.failure == null).count();
            }

            @Override
            public int failed() {
                return (int) synthetic().filter(s -> s.failure != null).count();
            }
        };
    }

    private java.util.stream.Stream<PeerSlot> synthetic() {
        return slots.stream().filter(s -> !observers.contains(s));
    }

    private void timing(String request, long startMs, long endMs, String failure) {
        if (failure != null) {
            return;
        }
        String key = request.startsWith("join") ? "join" : request.startsWith("ice-connected") ? "ice"
                : request.startsWith("first-frame") ? "firstframe" : null;
        if (key != null) {
            timings.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(endMs - startMs);
        }
    }

    private Map<String, List<Long>> timingsCopy() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        timings.forEach((k, v) -> {
            synchronized (v) {
                out.put(k, List.copyOf(v));
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- sampling and progress

    /** One line a second: peers in, receivers' fps and loss, and the generator's own state. */
    private void second(LoadSummary.LoadPoint p) {
        GeneratorMonitor m = monitor;
        if (m != null && m.limitedReason() != null) {
            announceLimited(m.limitedReason());
        }
        List<Double> fps = new ArrayList<>();
        Double worstLoss = null;
        for (PeerSlot s : slots) {
            if (s.alive() && !s.left && s.role.receives()) {
                Double f = s.lastMetrics.get(Metric.VIDEO_FPS);
                if (f != null) {
                    fps.add(f);
                }
                Double l = s.lastMetrics.get(Metric.PACKET_LOSS);
                if (l != null) {
                    worstLoss = worstLoss == null ? l : Math.max(worstLoss, l);
                }
            }
        }
        Summary f = Summary.of(fps);
        options.out().println(String.format(Locale.ROOT,
                "[%3ds] joined %d/%d connected %d failed %d | receivers fps p50 %s min %s | loss max %s | generator cpu %s (started processes %s, host %s) heap %d MB lag %d ms late frames %s%s",
                Math.round(p.tMs() / 1000.0), p.joined(), shard.users(load.users()), p.connected(), p.failed(),
                f == null ? "-" : String.format(Locale.ROOT, "%.1f", f.p50()), f == null ? "-" : String.format(Locale.ROOT, "%.1f", f.min()),
                worstLoss == null ? "-" : String.format(Locale.ROOT, "%.1f%%", worstLoss),
                p.generatorCpuPercent() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", p.generatorCpuPercent()),
                p.startedCpuPercent() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", p.startedCpuPercent()),
                p.hostCpuPercent() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", p.hostCpuPercent()),
                p.heapMb(), p.schedulingLagMs(), p.lateFramesPercent() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", p.lateFramesPercent()),
                limitedAnnounced ? " | GENERATOR-LIMITED" : ""));
    }

    private void announceLimited(String reason) {
        if (!limitedAnnounced) {
            limitedAnnounced = true;
            options.out().println("  GENERATOR-LIMITED: " + reason);
            dir.event("generator-limited", Map.of("reason", reason));
        }
    }

    // ---------------------------------------------------------------- summary

    private LoadSummary loadSummary(String url, GeneratorMonitor monitor, String gatlingReport) {
        Map<String, List<Long>> t = timingsCopy();
        String limited = monitor == null ? null : monitor.limitedReason();
        if (limited != null) {
            announceLimited(limited);
        }
        int connected = (int) synthetic().filter(s -> s.connectMs != null && s.failure == null).count();
        int failed = (int) synthetic().filter(s -> s.failure != null).count();
        return new LoadSummary(scenario.target().type(), url, load.rooms(), load.publishers(), load.subscribers(), load.injection(),
                shard.users(load.users()), joined.get(), connected, failed,
                LoadSummary.Timing.of(t.getOrDefault("join", List.of())),
                LoadSummary.Timing.of(t.getOrDefault("ice", List.of())),
                LoadSummary.Timing.of(t.getOrDefault("firstframe", List.of())),
                limited != null, limited, monitor == null ? List.of() : monitor.points(), gatlingReport, roomIds, reusedRoomIds,
                load.subscribeTo(), feeds.summary(), shard.whole() ? null : shard.toString(), null);
    }

    /** Why the first of the scenario's own peers failed or never connected ("observer: ..."), or null when all are up. */
    private String failedObserver() {
        for (PeerSlot o : observers) {
            if (o.failure != null) {
                return o.failure.startsWith(o.name) ? o.failure : o.name + ": " + o.failure;
            }
            if (o.connectMs == null) {
                String doing = observerSubscribing.getOrDefault(o.name, observerLastListing.get(o.name));
                return o.name + " never connected" + (doing == null ? "" : " (" + doing + ")");
            }
        }
        return null;
    }

    private String firstFailure() {
        return synthetic().filter(s -> s.failure != null).map(s -> s.failure).findFirst().orElse("unknown");
    }

    @Override
    protected void printSummary(RunSummary run) {
        LoadSummary l = run.load();
        options.out().printf("%nrun %s: %s%s%n", run.runId(), run.status().id().toUpperCase(Locale.ROOT),
                run.reason() == null ? "" : " (" + run.reason() + ")");
        options.out().printf("  peers: %d asked, %d joined, %d connected, %d failed%n", l.requested(), l.joined(), l.connected(), l.failed());
        for (PeerSummary p : run.peers()) {
            if (observers.stream().anyMatch(o -> o.name.equals(p.name()))) {
                Summary fps = p.metrics().get("video.fps");
                options.out().printf("  scenario peer %s (%s %s, %s): %s, connect %s | fps in p50 %s%s%n", p.name(),
                        p.browser() == null ? p.kind() : p.browser(), p.browserVersion() == null ? "" : p.browserVersion(), p.role(),
                        p.outcome(), p.connectMs() == null ? "-" : p.connectMs() + " ms",
                        fps == null ? "-" : String.format(Locale.ROOT, "%.1f", fps.p50()), p.failure() == null ? "" : " | " + p.failure());
            }
        }
        if (!l.feeds().isEmpty()) {
            List<String> named = l.feeds().stream().limit(10)
                    .map(f -> (f.display() == null ? "feed " + f.feedId() : f.display()) + (f.own() ? "" : " (not this run)")).toList();
            options.out().printf("  feeds taken: %s%s%n", String.join(", ", named),
                    l.feeds().size() > named.size() ? " and " + (l.feeds().size() - named.size()) + " more (run.json: load.feeds)" : "");
        }
        options.out().printf("  join ms p50 %s p95 %s max %s | ice-connected ms p50 %s p95 %s | first-frame ms p50 %s p95 %s%n",
                v(l.join().p50Ms()), v(l.join().p95Ms()), v(l.join().maxMs()), v(l.iceConnected().p50Ms()),
                v(l.iceConnected().p95Ms()), v(l.firstFrame().p50Ms()), v(l.firstFrame().p95Ms()));
        options.out().println(l.generatorLimited() ? "  GENERATOR-LIMITED: " + l.generatorLimitedReason()
                : "  generator: not limited (its CPU, the host's CPU, timers and frame pacing stayed within limits)");
        for (AssertionResult a : run.assertions()) {
            options.out().printf("  %s %s: %s%n", a.passed() ? "PASS" : "FAIL", a.assertion(), a.message());
        }
        options.out().printf("results: %s (report.html, run.json, junit.xml%s)%n", dir.path(),
                l.gatlingReport() == null ? "" : ", Gatling report " + l.gatlingReport());
    }

    private static String v(Long ms) {
        return ms == null ? "-" : ms.toString();
    }
}
