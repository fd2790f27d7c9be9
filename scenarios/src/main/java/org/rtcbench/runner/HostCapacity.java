package org.rtcbench.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.capacity.Demand;
import org.rtcbench.core.capacity.HostResources;
import org.rtcbench.core.capacity.PeerCost;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.LoadSpec;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.VideoSpec;

/**
 * Whether a run's peers fit this host, judged from measured per-peer costs before any peer is
 * launched: the one place that refuses a run this host cannot hold (exit 2, with the estimate and
 * where it comes from), or lets it go with a warning under {@code --force}.
 */
final class HostCapacity {
    private HostCapacity() {
    }

    /** The demand of a full mesh of the first {@code n} peers: every pair connected, each direction a one-way stream. */
    static Demand mesh(List<PeerSlot> slots, int n) {
        List<PeerSlot> peers = slots.subList(0, Math.min(n, slots.size()));
        long senders = peers.stream().filter(s -> s.role.sends()).count();
        long receivers = peers.stream().filter(s -> s.role.receives()).count();
        Demand d = new Demand(PeerCost::reference).connections((long) peers.size() * (peers.size() - 1) / 2);
        for (PeerSlot s : peers) {
            long streamsOut = s.role.sends() ? receivers - (s.role.receives() ? 1 : 0) : 0;
            long streamsIn = s.role.receives() ? senders - (s.role.sends() ? 1 : 0) : 0;
            d.peer(s.kind, video(s.media), (streamsOut + streamsIn) / 2.0);
        }
        return d;
    }

    /** The demand of the first {@code n} peers each with a session of its own (WHIP, WHEP): one connection, one one-way stream each. */
    static Demand sessions(List<PeerSlot> slots, int n) {
        List<PeerSlot> peers = slots.subList(0, Math.min(n, slots.size()));
        Demand d = new Demand(PeerCost::reference).connections(peers.size());
        for (PeerSlot s : peers) {
            d.peer(s.kind, video(s.media), 0.5);
        }
        return d;
    }

    /**
     * The demand of the first {@code n} peers in one SFU room: each sender publishes one stream, each receiver
     * subscribes to every other sender's, a connection each (a stream pair counted per two one-way streams).
     */
    static Demand room(List<PeerSlot> slots, int n) {
        List<PeerSlot> peers = slots.subList(0, Math.min(n, slots.size()));
        long senders = peers.stream().filter(s -> s.role.sends()).count();
        long connections = senders;
        for (PeerSlot s : peers) {
            if (s.role.receives()) {
                connections += senders - (s.role.sends() ? 1 : 0);
            }
        }
        Demand d = new Demand(PeerCost::reference).connections(connections);
        for (PeerSlot s : peers) {
            long streamsIn = s.role.receives() ? senders - (s.role.sends() ? 1 : 0) : 0;
            d.peer(s.kind, video(s.media), ((s.role.sends() ? 1 : 0) + streamsIn) / 2.0);
        }
        return d;
    }

    /** The demand of these peers with exactly {@code links} up (an interop wave): a stream pair per link end. */
    static Demand links(List<PeerSlot> slots, List<LinkPlan.PlannedLink> links) {
        Demand d = new Demand(PeerCost::reference).connections(links.size());
        for (PeerSlot s : slots) {
            long ends = links.stream().filter(l -> l.offerer().equals(s.name) || l.answerer().equals(s.name)).count();
            d.peer(s.kind, video(s.media), ends);
        }
        return d;
    }

    /**
     * The demand of a load run's first {@code n} synthetic users (in arrival order: round-robin over
     * the rooms, publishers first) and its scenario peers: a publisher sends one stream, a subscriber
     * receives every publisher of its room.
     */
    static Demand load(LoadSpec spec, MediaSpec media, List<PeerSlot> scenarioPeers, int n) {
        Demand d = new Demand(PeerCost::reference);
        int perRoom = spec.publishers() + spec.subscribers();
        int[] publishers = new int[spec.rooms()];
        int[] subscribers = new int[spec.rooms()];
        for (int k = 0; k < Math.min(n, spec.users()); k++) {
            int room = k % spec.rooms();
            if ((k / spec.rooms()) % perRoom < spec.publishers()) {
                publishers[room]++;
            } else {
                subscribers[room]++;
            }
        }
        for (int r = 0; r < spec.rooms(); r++) {
            for (int p = 0; p < publishers[r]; p++) {
                d.peer(spec.userKind(), video(media), 0.5);
            }
            for (int s = 0; s < subscribers[r]; s++) {
                d.peer(spec.userKind(), video(media), 0.5 * publishers[r]);
            }
            d.connections(publishers[r] + (long) subscribers[r] * publishers[r]);
        }
        for (PeerSlot s : scenarioPeers) {
            d.peer(s.kind, video(s.media), (s.role.sends() ? 0.5 : 0) + (s.role.receives() ? 0.5 * spec.publishers() : 0));
        }
        return d;
    }

    /**
     * Refuses the run when {@code asked} exceeds this host, unless forced; returns what run.json keeps
     * of the estimate.
     *
     * @param what    the run's peers in a few words, e.g. "100000 peers in a P2P full mesh"
     * @param count   how many things {@code what} counts (peers, or cells at once)
     * @param firstN  the demand of the first n of those, to say how many this host holds
     * @throws BadInputException when the host cannot hold the run and {@code --force} was not given
     */
    static Map<String, Object> require(String what, int count, Demand asked, IntFunction<Demand> firstN, RunOptions options,
                                       HostResources host) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("peers", asked.peers());
        record.put("connections", asked.connections());
        record.put("needCores", round(asked.cores()));
        record.put("needMemoryMb", Math.round(asked.mb()));
        record.put("needJvmThreads", Math.round(asked.threads()));
        record.put("hostCores", host.cores());
        record.put("hostMemoryAvailableMb", host.memoryAvailableMb());
        record.put("hostThreadRoom", host.threadRoom());
        record.put("costs", asked.costs());
        record.put("source", PeerCost.REFERENCE_SOURCE);
        String over = asked.exceeds(host);
        record.put("fits", over == null);
        if (over == null) {
            return record;
        }
        int holds = largestThatFits(firstN, count, host);
        String line = String.format(Locale.ROOT, "%s (%s%s) %s: it holds about %d of them (estimated from measured "
                        + "per-peer costs: %s; %s)", what, asked.mix(),
                asked.connections() > 0 ? ", " + asked.connections() + " connections" : "", over, holds, asked.costs(),
                PeerCost.REFERENCE_SOURCE);
        if (!options.force()) {
            throw new BadInputException(line + "; use --force to run it anyway");
        }
        record.put("forced", true);
        options.out().println("  --force: " + line + "; running it anyway");
        return record;
    }

    /** The most of the {@code asked} (the first n, in the run's order) whose demand fits, by bisection. */
    private static int largestThatFits(IntFunction<Demand> firstN, int asked, HostResources host) {
        int lo = 0;
        int hi = asked;
        while (lo < hi) {
            int mid = (int) (((long) lo + hi + 1) / 2);
            if (firstN.apply(mid).exceeds(host) == null) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static VideoSpec video(MediaSpec media) {
        return media == null ? null : media.video();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
