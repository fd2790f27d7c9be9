package org.rtcbench.core.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.target.MediaPath;

/**
 * Every peer's access link in one run, and the relay they sit on: the {@link MediaPath} of an
 * impaired run. Each peer has an uplink and a downlink ({@link LinkShaper}s, seeded from the run's
 * seed and the peer's name, so a run repeats its choices); a target routes each SDP through
 * {@link #route}, which replaces every UDP candidate by a relay port (dropping TCP and IPv6 ones,
 * which the relay does not carry), so a packet from A to B crosses A's uplink and B's downlink, and
 * a target's own side (an SFU) stays clean. Timeline steps change links ({@link #change},
 * {@link #blackout}), also of peers that join later; {@link #report} is what was configured and
 * what each link measured.
 */
public final class AccessLinks implements MediaPath, AutoCloseable {
    /** Where the impairment happens, for run.json. */
    public static final String BACKEND = "userspace-udp-relay";

    /** A peer's link as configured: uplink and downlink. */
    public record Configured(LinkSpec up, LinkSpec down) {
    }

    /** One peer's link, configured and as it ends, with what it measured, for run.json. */
    public record LinkReport(String peer, String direction, String configured, String last, LinkCounters.Snapshot measured) {
    }

    private final long seed;
    private final Function<String, Configured> configured;
    /** Each peer's links, in the order they first routed. Guarded by {@code this}. */
    private final Map<String, Links> peers = new LinkedHashMap<>();
    /** Relay ports by owner, receiver and candidate, so a renegotiation reuses its port. Guarded by {@code this}. */
    private final Map<String, InetSocketAddress> ports = new LinkedHashMap<>();
    /** The changes made so far, replayed on a peer that routes for the first time later. Guarded by {@code this}. */
    private final List<Change> changes = new ArrayList<>();
    private UdpRelay relay;
    private Consumer<String> onFailure = why -> { };
    private boolean closed;

    private record Links(Configured configured, LinkShaper up, LinkShaper down) {
    }

    private record Change(Predicate<String> peers, UnaryOperator<LinkSpec> up, UnaryOperator<LinkSpec> down, long blackoutFrom,
                          long blackoutNanos) {
    }

    /**
     * @param seed       the run's {@code network.seed}
     * @param configured a peer's link by its name (a perfect one for a peer without a {@code network:})
     */
    public AccessLinks(long seed, Function<String, Configured> configured) {
        this.seed = seed;
        this.configured = configured;
    }

    @Override
    public String route(String sdp, String owner, String receiver, String bind) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=candidate:")) {
                String[] f = line.substring("a=candidate:".length()).trim().split("\\s+");
                if (f.length < 6 || !f[2].equalsIgnoreCase("udp") || !f[4].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                    continue; // the relay carries UDP over IPv4 only: a TCP or IPv6 path would go around it
                }
                InetSocketAddress port = port(owner, receiver, new InetSocketAddress(f[4], Integer.parseInt(f[5])), bind);
                f[4] = port.getAddress().getHostAddress();
                f[5] = Integer.toString(port.getPort());
                line = "a=candidate:" + String.join(" ", f);
            }
            out.append(line).append(eol);
        }
        return out.toString();
    }

    private synchronized InetSocketAddress port(String owner, String receiver, InetSocketAddress candidate, String bind) {
        if (closed) {
            throw new PeerFailure("the run is ending: no new connection through its network");
        }
        String key = owner + ">" + receiver + "@" + candidate;
        InetSocketAddress known = ports.get(key);
        if (known != null) {
            return known;
        }
        try {
            if (relay == null) {
                relay = new UdpRelay("network");
                relay.onFailure(onFailure);
            }
            UdpRelay.Port p = relay.open(bind, candidate, side(owner), side(receiver));
            ports.put(key, p.address());
            return p.address();
        } catch (IOException e) {
            throw new PeerFailure("cannot relay " + (owner == null ? "the target" : owner) + "'s candidate " + candidate
                    + " through the impaired network: " + e.getMessage());
        }
    }

    /** A peer's two shapers (created on first use), or a clean side for the target's own (null). */
    private UdpRelay.Side side(String peer) {
        if (peer == null) {
            return new UdpRelay.Side(new LinkShaper(LinkSpec.NONE, 0), new LinkShaper(LinkSpec.NONE, 0));
        }
        Links l = peers.computeIfAbsent(peer, this::links);
        return new UdpRelay.Side(l.up, l.down);
    }

    private Links links(String peer) {
        Configured c = configured.apply(peer);
        SplittableRandom r = new SplittableRandom(seed ^ (peer.hashCode() * 0x9E3779B97F4A7C15L));
        Links l = new Links(c, new LinkShaper(c.up(), r.nextLong()), new LinkShaper(c.down(), r.nextLong()));
        for (Change ch : changes) {
            apply(ch, peer, l);
        }
        return l;
    }

    /** Changes the links of the peers {@code selected} accepts, from now on (also of those that join later). */
    public synchronized void change(Predicate<String> selected, UnaryOperator<LinkSpec> up, UnaryOperator<LinkSpec> down) {
        Change ch = new Change(selected, up, down, 0, 0);
        changes.add(ch);
        peers.forEach((name, l) -> apply(ch, name, l));
    }

    /** Drops every packet both ways on the selected peers' links for {@code length}, from now. */
    public synchronized void blackout(Predicate<String> selected, Duration length) {
        Change ch = new Change(selected, null, null, System.nanoTime(), length.toNanos());
        changes.add(ch);
        peers.forEach((name, l) -> apply(ch, name, l));
    }

    private static void apply(Change ch, String peer, Links l) {
        if (!ch.peers.test(peer)) {
            return;
        }
        if (ch.up != null) {
            l.up.update(ch.up.apply(l.up.spec()));
            l.down.update(ch.down.apply(l.down.spec()));
        } else {
            l.up.blackout(ch.blackoutFrom, ch.blackoutNanos);
            l.down.blackout(ch.blackoutFrom, ch.blackoutNanos);
        }
    }

    /** Each peer's uplink and downlink: as configured, as it ended, and what it measured. */
    public synchronized List<LinkReport> report() {
        List<LinkReport> out = new ArrayList<>();
        peers.forEach((name, l) -> {
            out.add(new LinkReport(name, "up", LinkValues.describe(l.configured.up()), LinkValues.describe(l.up.spec()),
                    l.up.counters().snapshot()));
            out.add(new LinkReport(name, "down", LinkValues.describe(l.configured.down()), LinkValues.describe(l.down.spec()),
                    l.down.counters().snapshot()));
        });
        return out;
    }

    /** Why the relay stopped relaying, or null. */
    public synchronized String failure() {
        return relay == null ? null : relay.failure();
    }

    /** Calls {@code listener} with the reason if the relay under the links stops relaying before it is closed. */
    public synchronized void onFailure(Consumer<String> listener) {
        onFailure = listener;
        if (relay != null) {
            relay.onFailure(listener);
        }
    }

    /** CPU the relay's threads used, in ns (0 before it started). */
    public synchronized long cpuNanos() {
        return relay == null ? 0 : relay.cpuNanos();
    }

    /** How many relay ports the run opened. */
    public synchronized int portCount() {
        return ports.size();
    }

    public long seed() {
        return seed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (relay != null) {
            relay.close();
        }
    }
}
