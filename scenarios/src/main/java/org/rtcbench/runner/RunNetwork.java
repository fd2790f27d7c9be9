package org.rtcbench.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.rtcbench.core.Durations;
import org.rtcbench.core.network.AccessLinks;
import org.rtcbench.core.network.LinkCounters;
import org.rtcbench.core.network.LinkShaper;
import org.rtcbench.core.network.LinkSpec;
import org.rtcbench.core.network.LinkValues;
import org.rtcbench.core.run.NetworkSummary;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.scenario.NetworkSpec;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.TimelineStep;
import org.rtcbench.core.target.MediaPath;

/**
 * A run's network: every peer's access link from the scenario ({@code network:} on the scenario or
 * its peer group; a load run's synthetic peers get the scenario's), the relay they sit on, and the
 * {@code timeline:} steps that change links mid-call, each an event in events.jsonl. Exists only
 * for a scenario that impairs anything; a clean run's peers meet directly.
 */
final class RunNetwork implements AutoCloseable {
    /** The seed of a scenario that names none: fixed, so two runs of one scenario repeat their choices. */
    static final long DEFAULT_SEED = 1;

    private final Scenario scenario;
    private final RunDirectory dir;
    private final AccessLinks links;
    private final List<NetworkSummary.Step> applied = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timeline;

    private RunNetwork(Scenario scenario, RunDirectory dir) {
        this.scenario = scenario;
        this.dir = dir;
        long seed = scenario.network() != null && scenario.network().seed() != null ? scenario.network().seed() : DEFAULT_SEED;
        Map<String, NetworkSpec> byPeer = new LinkedHashMap<>();
        for (PeerGroup g : scenario.peers()) {
            for (String name : g.peerNames()) {
                byPeer.put(name, scenario.networkOf(g));
            }
        }
        this.links = new AccessLinks(seed, peer -> {
            NetworkSpec n = byPeer.containsKey(peer) ? byPeer.get(peer) : scenario.network();
            return n == null ? new AccessLinks.Configured(LinkSpec.NONE, LinkSpec.NONE)
                    : new AccessLinks.Configured(n.uplink(LinkSpec.NONE), n.downlink(LinkSpec.NONE));
        });
    }

    /** The run's network, or null when the scenario impairs nothing. */
    static RunNetwork open(Scenario scenario, RunDirectory dir) {
        if (!scenario.impaired()) {
            return null;
        }
        RunNetwork n = new RunNetwork(scenario, dir);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("backend", AccessLinks.BACKEND);
        fields.put("seed", n.links.seed());
        if (scenario.network() != null) {
            fields.put("link", describe(scenario.network()));
        }
        for (PeerGroup g : scenario.peers()) {
            if (g.network() != null) {
                fields.put("link." + g.name(), describe(g.network()));
            }
        }
        dir.event("network-configured", fields);
        return n;
    }

    /** What the target relays SDPs through. */
    MediaPath path() {
        return links;
    }

    /** Starts the timeline: each step {@code at} after {@code startNanos} (when sampling began). */
    synchronized void startTimeline(long startNanos) {
        if (scenario.timeline().isEmpty()) {
            return;
        }
        timeline = Executors.newSingleThreadScheduledExecutor(RunLifecycle.daemon("timeline"));
        for (TimelineStep step : scenario.timeline()) {
            long delay = startNanos + step.at().toNanos() - System.nanoTime();
            timeline.schedule(() -> apply(step, startNanos), Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
    }

    private void apply(TimelineStep step, long startNanos) {
        Predicate<String> who = selection(step.peer());
        NetworkSpec n = step.network();
        if (n.changesLink()) {
            links.change(who, n::uplink, n::downlink);
        }
        Duration blackout = n.blackoutLength();
        if (blackout != null) {
            links.blackout(who, blackout);
        }
        long atMs = (System.nanoTime() - startNanos) / 1_000_000;
        String peers = step.peer() == null ? "all" : step.peer();
        String change = describe(n);
        applied.add(new NetworkSummary.Step(atMs, peers, change));
        dir.event("network-changed", Map.of("at", Durations.format(step.at()), "atMs", atMs, "peers", peers, "change", change));
    }

    /** The peers a step's {@code peer:} selects: all, one peer, or a peer group's. */
    private Predicate<String> selection(String peer) {
        if (peer == null) {
            return name -> true;
        }
        for (PeerGroup g : scenario.peers()) {
            if (g.name().equals(peer)) {
                Set<String> members = Set.copyOf(g.peerNames());
                return members::contains;
            }
        }
        return peer::equals;
    }

    /** Calls {@code listener} with the reason if the relay under the links stops relaying mid-run. */
    void onFailure(java.util.function.Consumer<String> listener) {
        links.onFailure(listener);
    }

    /** run.json's {@code network}. */
    NetworkSummary summary() {
        List<NetworkSummary.Link> out = new ArrayList<>();
        for (AccessLinks.LinkReport r : links.report()) {
            LinkCounters.Snapshot m = r.measured();
            Map<String, Long> drops = new LinkedHashMap<>();
            for (LinkShaper.Drop d : LinkShaper.Drop.values()) {
                drops.put(d.name().toLowerCase(java.util.Locale.ROOT), m.dropsByCause().getOrDefault(d, 0L));
            }
            out.add(new NetworkSummary.Link(r.peer(), r.direction(), r.configured(), r.last(), m.arrived(), m.passed(), m.dropped(),
                    round(m.dropRate() * 100), drops, m.duplicated(), m.reordered(), round(m.meanDelayMs()),
                    round(m.peakBitsPerSecond() / 1000.0), m.passedBytes()));
        }
        return new NetworkSummary(AccessLinks.BACKEND, links.seed(), links.portCount(), round(links.cpuNanos() / 1e9), out,
                List.copyOf(applied));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** A section as one line, e.g. {@code delay 25ms, loss 5%; up: bandwidth 300kbps}. */
    static String describe(NetworkSpec n) {
        List<String> parts = new ArrayList<>();
        NetworkSpec common = new NetworkSpec(n.delay(), n.jitter(), n.loss(), n.burst(), n.bandwidth(), n.queue(), n.reorder(),
                n.duplicate(), null, null, null, null);
        if (common.changesLink()) {
            parts.add(fields(common));
        }
        if (n.up() != null) {
            parts.add("up: " + fields(n.up()));
        }
        if (n.down() != null) {
            parts.add("down: " + fields(n.down()));
        }
        if (n.blackout() != null) {
            parts.add("blackout " + n.blackout());
        }
        return String.join("; ", parts);
    }

    private static String fields(NetworkSpec n) {
        List<String> f = new ArrayList<>();
        add(f, "delay", n.delay());
        add(f, "jitter", n.jitter());
        add(f, "loss", n.loss());
        add(f, "burst", n.burst() == null ? null : LinkValues.formatNumber(n.burst()));
        add(f, "bandwidth", n.bandwidth());
        add(f, "queue", n.queue());
        add(f, "reorder", n.reorder());
        add(f, "duplicate", n.duplicate());
        return String.join(", ", f);
    }

    private static void add(List<String> f, String name, String value) {
        if (value != null) {
            f.add(name + " " + value);
        }
    }

    @Override
    public synchronized void close() {
        if (timeline != null) {
            timeline.shutdownNow();
        }
        links.close();
    }
}
