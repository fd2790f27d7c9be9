package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.assertion.PeerSelection;

/**
 * A scenario: which peers meet through which target, with what media, for how long, sampled how
 * often, and judged by which assertions. Read from YAML by {@link ScenarioLoader}; every field
 * but {@code peers} has a default.
 */
@JsonPropertyOrder({"name", "description", "duration", "sampling", "connectTimeout", "target", "media", "peers",
        "browsers", "load", "assertions"})
public record Scenario(String name, String description, Duration duration, Duration sampling, Duration connectTimeout,
                       TargetSpec target, MediaSpec media, List<PeerGroup> peers, Browsers browsers,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) LoadSpec load,
                       List<Assertion> assertions) {
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
        for (Assertion a : assertions) {
            PeerSelection s = a.selection();
            if (s.type() == PeerSelection.Type.PEER && !names.contains(s.value())) {
                throw new IllegalArgumentException("assertion '" + a.text() + "' names peer '" + s.value()
                        + "', which is not in this scenario (peers: " + String.join(", ", peerNames(peers))
                        + "; or use all, senders, receivers, chrome, firefox, java)");
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

    /** A scenario without a load section (a call through the P2P room). */
    public Scenario(String name, String description, Duration duration, Duration sampling, Duration connectTimeout,
                    TargetSpec target, MediaSpec media, List<PeerGroup> peers, Browsers browsers, List<Assertion> assertions) {
        this(name, description, duration, sampling, connectTimeout, target, media, peers, browsers, null, assertions);
    }

    /** This scenario with another duration (command-line override). */
    public Scenario withDuration(Duration d) {
        return new Scenario(name, description, d, sampling, connectTimeout, target, media, peers, browsers, load, assertions);
    }

    /** This scenario with other peers (e.g. the demo adapting to the browsers installed). */
    public Scenario withPeers(List<PeerGroup> p) {
        return new Scenario(name, description, duration, sampling, connectTimeout, target, media, p, browsers, load, assertions);
    }

    /** This scenario with other browser settings (command-line override). */
    public Scenario withBrowsers(Browsers b) {
        return new Scenario(name, description, duration, sampling, connectTimeout, target, media, peers, b, load, assertions);
    }

    /** This scenario with another target and load shape (command-line overrides of a load run). */
    public Scenario withLoad(TargetSpec t, LoadSpec l) {
        return new Scenario(name, description, duration, sampling, connectTimeout, t, media, peers, browsers, l, assertions);
    }

    /** This scenario with other assertions. */
    public Scenario withAssertions(List<Assertion> a) {
        return new Scenario(name, description, duration, sampling, connectTimeout, target, media, peers, browsers, load, a);
    }

    private static List<String> peerNames(List<PeerGroup> groups) {
        List<String> out = new ArrayList<>();
        for (PeerGroup g : groups) {
            out.addAll(g.peerNames());
        }
        return out;
    }
}
