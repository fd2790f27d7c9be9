package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.assertion.PeerSelection;
import org.rtcbench.core.Durations;
import org.rtcbench.core.network.LinkSpec;

/**
 * A scenario: which peers meet through which target, with what media, for how long, sampled how
 * often, and judged by which assertions. Read from YAML by {@link ScenarioLoader}; every field
 * but {@code peers} has a default.
 */
@JsonPropertyOrder({"name", "description", "duration", "sampling", "connectTimeout", "target", "media", "peers",
        "browsers", "network", "timeline", "ice", "load", "assertions"})
public record Scenario(String name, String description, Duration duration, Duration sampling, Duration connectTimeout,
                       TargetSpec target, MediaSpec media, List<PeerGroup> peers, Browsers browsers,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) LoadSpec load,
                       List<Assertion> assertions,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) NetworkSpec network,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<TimelineStep> timeline,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) IceSpec ice) {
    public Scenario {
        name = name == null || name.isBlank() ? "scenario" : name;
        description = description == null ? "" : description;
        duration = duration == null ? Duration.ofSeconds(20) : duration;
        sampling = sampling == null ? Duration.ofSeconds(1) : sampling;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout;
        target = target == null ? TargetSpec.p2p() : target;
        media = media == null ? MediaSpec.defaults() : media;
        browsers = browsers == null ? Browsers.defaults() : browsers;
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        // Whether the target can carry a load (rooms) or a call (pairs) is its type's to say: the runner asks Targets.
        if (load == null && (peers == null || peers.isEmpty())) {
            throw new IllegalArgumentException("a scenario needs 'peers:' with at least one entry, e.g. '- kind: chrome'");
        }
        // In a load run, 'peers' are the observers (e.g. one browser subscriber) besides the synthetic load.
        peers = peers == null ? List.of() : List.copyOf(peers);
        if (sampling.toMillis() < 100) {
            throw new IllegalArgumentException("sampling must be at least 100ms, got " + sampling.toMillis() + "ms");
        }
        Set<String> names = new HashSet<>();
        for (String n : peerNames(peers)) {
            if (!names.add(n)) {
                throw new IllegalArgumentException("two peers are named '" + n + "'; give each peers entry its own name");
            }
        }
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        if (ice != null && ice.turn() != null && (network != null || !timeline.isEmpty() || peers.stream().anyMatch(g -> g.network() != null))) {
            throw new IllegalArgumentException("network impairment and TURN relays in one run are not supported yet: relayed media "
                    + "would go around the impaired links; use one or the other");
        }
        checkNetwork(network, peers, timeline);
        for (Assertion a : assertions) {
            PeerSelection s = a.selection();
            if (s.type() == PeerSelection.Type.PEER && !names.contains(s.value())) {
                throw new IllegalArgumentException("assertion '" + a.text() + "' names peer '" + s.value()
                        + "', which is not in this scenario (peers: " + String.join(", ", peerNames(peers))
                        + "; or use all, senders, receivers, " + org.rtcbench.core.peer.PeerKind.allowed() + ")");
            }
        }
    }

    /** Every peer's name, in scenario order. */
    public List<String> peerNames() {
        return peerNames(peers);
    }

    /** The media a group's peers send: the group's own, else the scenario's. */
    public MediaSpec mediaOf(PeerGroup group) {
        return group.media() != null ? group.media() : media;
    }

    /** A scenario without network impairment. */
    public Scenario(String name, String description, Duration duration, Duration sampling, Duration connectTimeout,
                    TargetSpec target, MediaSpec media, List<PeerGroup> peers, Browsers browsers, LoadSpec load,
                    List<Assertion> assertions) {
        this(name, description, duration, sampling, connectTimeout, target, media, peers, browsers, load, assertions, null, null, null);
    }

    /** The access link of a group's peers: the group's own, else the scenario's, else null (a perfect link). */
    public NetworkSpec networkOf(PeerGroup group) {
        return group != null && group.network() != null ? group.network() : network;
    }

    /** Whether any peer's link is impaired, now or by a timeline step: then every peer's media crosses the relay. */
    public boolean impaired() {
        return network != null || !timeline.isEmpty() || peers.stream().anyMatch(g -> g.network() != null);
    }

    /** This scenario with every peer on {@code n} (the command line's {@code --network}), keeping its seed if {@code n} has none. */
    public Scenario withNetwork(NetworkSpec n) {
        List<PeerGroup> groups = peers.stream().map(g -> g.withNetwork(null)).toList();
        NetworkSpec merged = n;
        if (n.seed() == null && network != null && network.seed() != null) {
            merged = new NetworkSpec(n.delay(), n.jitter(), n.loss(), n.burst(), n.bandwidth(), n.queue(), n.reorder(), n.duplicate(),
                    n.up(), n.down(), null, network.seed());
        }
        return new Scenario(name, description, duration, sampling, connectTimeout, target, media, groups, browsers, load, assertions,
                merged, timeline, ice);
    }

    private static void checkNetwork(NetworkSpec network, List<PeerGroup> groups, List<TimelineStep> timeline) {
        if (network != null) {
            checkLink("network", network);
        }
        Set<String> names = new HashSet<>(peerNames(groups));
        for (PeerGroup g : groups) {
            names.add(g.name());
            if (g.network() != null) {
                if (g.network().seed() != null) {
                    throw new IllegalArgumentException("peer '" + g.name() + "': seed belongs to the scenario's network: section, for every link");
                }
                checkLink("peer '" + g.name() + "': network", g.network());
            }
        }
        Duration last = Duration.ZERO;
        for (TimelineStep step : timeline) {
            if (step.at().compareTo(last) < 0) {
                throw new IllegalArgumentException("timeline steps must be in time order: " + Durations.format(step.at())
                        + " comes after " + Durations.format(last));
            }
            last = step.at();
            if (step.peer() != null && !names.contains(step.peer())) {
                throw new IllegalArgumentException("timeline step at " + Durations.format(step.at()) + " names peer '" + step.peer()
                        + "', which is not in this scenario (peers: " + String.join(", ", peerNames(groups)) + ")");
            }
        }
        // Each peer's link as the steps change it must stay a valid link (e.g. jitter never above delay).
        for (PeerGroup g : groups) {
            NetworkSpec base = g.network() != null ? g.network() : network;
            LinkSpec up = base == null ? LinkSpec.NONE : base.uplink(LinkSpec.NONE);
            LinkSpec down = base == null ? LinkSpec.NONE : base.downlink(LinkSpec.NONE);
            for (TimelineStep step : timeline) {
                if (step.peer() == null || step.peer().equals(g.name()) || g.peerNames().contains(step.peer())) {
                    try {
                        up = step.network().uplink(up);
                        down = step.network().downlink(down);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("timeline step at " + Durations.format(step.at()) + ": " + e.getMessage()
                                + " (for peer '" + g.name() + "')");
                    }
                }
            }
        }
    }

    private static void checkLink(String where, NetworkSpec n) {
        if (n.blackout() != null) {
            throw new IllegalArgumentException(where + ": blackout is a timeline step, e.g. timeline: [{at: 10s, network: {blackout: 3s}}]");
        }
        try {
            n.uplink(LinkSpec.NONE);
            n.downlink(LinkSpec.NONE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** A scenario without a load section (a call through the P2P room). */
    public Scenario(String name, String description, Duration duration, Duration sampling, Duration connectTimeout,
                    TargetSpec target, MediaSpec media, List<PeerGroup> peers, Browsers browsers, List<Assertion> assertions) {
        this(name, description, duration, sampling, connectTimeout, target, media, peers, browsers, null, assertions);
    }

    /** This scenario with another duration (command-line override). */
    public Scenario withDuration(Duration d) {
        return new Scenario(name, description, d, sampling, connectTimeout, target, media, peers, browsers, load, assertions, network, timeline, ice);
    }

    /** This scenario with other peers (e.g. the demo adapting to the browsers installed). */
    public Scenario withPeers(List<PeerGroup> p) {
        return new Scenario(name, description, duration, sampling, connectTimeout, target, media, p, browsers, load, assertions, network, timeline, ice);
    }

    /** This scenario with other browser settings (command-line override). */
    public Scenario withBrowsers(Browsers b) {
        return new Scenario(name, description, duration, sampling, connectTimeout, target, media, peers, b, load, assertions, network, timeline, ice);
    }

    /** This scenario with another target and load shape (command-line overrides of a load run). */
    public Scenario withLoad(TargetSpec t, LoadSpec l) {
        return new Scenario(name, description, duration, sampling, connectTimeout, t, media, peers, browsers, l, assertions, network, timeline, ice);
    }

    /** This scenario with other assertions. */
    public Scenario withAssertions(List<Assertion> a) {
        return new Scenario(name, description, duration, sampling, connectTimeout, target, media, peers, browsers, load, a, network, timeline, ice);
    }

    private static List<String> peerNames(List<PeerGroup> groups) {
        List<String> out = new ArrayList<>();
        for (PeerGroup g : groups) {
            out.addAll(g.peerNames());
        }
        return out;
    }
}
