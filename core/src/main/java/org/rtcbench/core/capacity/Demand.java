package org.rtcbench.core.capacity;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.VideoSpec;

/**
 * What a run asks of the host, added up from per-peer costs: cores, memory and JVM threads, for its
 * peers and the A/V stream pairs each of them carries (a P2P connection is one pair on each side).
 */
public final class Demand {
    private final Function<PeerKind, PeerCost> costs;
    private final Map<PeerKind, Integer> peers = new EnumMap<>(PeerKind.class);
    private double cores;
    private double mb;
    private double threads;
    private long connections;
    private VideoSpec largestVideo;

    /** An empty demand priced with {@code costs}. */
    public Demand(Function<PeerKind, PeerCost> costs) {
        this.costs = costs;
    }

    /** Adds one peer of {@code kind} carrying {@code streamPairs} A/V stream pairs of {@code video} (halves for one-way streams). */
    public Demand peer(PeerKind kind, VideoSpec video, double streamPairs) {
        PeerCost c = costs.apply(kind);
        peers.merge(kind, 1, Integer::sum);
        cores += c.cores() + c.coresPerStreamPair() * streamPairs * PeerCost.pixelFactor(video);
        mb += c.mb() + c.mbPerStreamPair() * streamPairs;
        threads += c.jvmThreads() + c.jvmThreadsPerStreamPair() * streamPairs;
        if (video != null && (largestVideo == null || PeerCost.pixelFactor(video) > PeerCost.pixelFactor(largestVideo))) {
            largestVideo = video;
        }
        return this;
    }

    /** Counts {@code n} connections between peers (shown, not priced: their cost is in the stream pairs). */
    public Demand connections(long n) {
        connections += n;
        return this;
    }

    public int peers() {
        return peers.values().stream().mapToInt(Integer::intValue).sum();
    }

    public long connections() {
        return connections;
    }

    public double cores() {
        return cores;
    }

    public double mb() {
        return mb;
    }

    public double threads() {
        return threads;
    }

    /**
     * The first resource this demand exceeds on {@code host}, as "needs about X; this host has Y", or
     * null when it fits.
     */
    public String exceeds(HostResources host) {
        if (cores > host.cores()) {
            return String.format(Locale.ROOT, "need about %s cores and this host has %d", round(cores), host.cores());
        }
        if (mb > host.memoryAvailableMb()) {
            return String.format(Locale.ROOT, "need about %s GB of memory and this host has %s GB available", round(mb / 1024),
                    round(host.memoryAvailableMb() / 1024.0));
        }
        if (threads > host.threadRoom()) {
            return String.format(Locale.ROOT, "need about %s threads and this host has room for %d more", round(threads), host.threadRoom());
        }
        return null;
    }

    /** The peers by kind, e.g. "java x100000" or "chrome x2, java x4". */
    public String mix() {
        StringBuilder b = new StringBuilder();
        peers.forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(k.id()).append(" x").append(n));
        return b.toString();
    }

    /** Each kind's cost per peer and per A/V stream pair, for saying where an estimate comes from. */
    public String costs() {
        StringBuilder b = new StringBuilder();
        for (PeerKind k : peers.keySet()) {
            PeerCost c = costs.apply(k);
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "%s %s cores + %s per stream pair and %s MB + %s MB per pair", k.id(), round(c.cores()),
                    round(c.coresPerStreamPair()), round(c.mb()), round(c.mbPerStreamPair())));
        }
        String shape = " (A/V stream pairs at 320x240@15";
        if (largestVideo != null && PeerCost.pixelFactor(largestVideo) != 1) {
            shape += String.format(Locale.ROOT, "; at %s they cost %sx that", largestVideo, round(PeerCost.pixelFactor(largestVideo)));
        }
        return b + shape + ")";
    }

    static String round(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }
}
