package org.rtcbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtcbench.core.metric.Aggregate;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.PeerSummary;

/**
 * A load run's peers at a glance, for runs of hundreds of peers: per role and room, how many there were,
 * connected and failed, and the spread across peers of the telling metrics; and the worst ten peers by each
 * of them, by name. A peer's value of a metric is its p50 over the run where higher is better (fps,
 * bitrate: its typical second) and its p95 where lower is better (loss, RTT, delay: its bad seconds), as
 * the rooms table of the load view has them. A peer that never measured a metric is left out of that
 * metric's numbers, never counted as 0.
 */
final class PeerGroups {
    /** The metrics summarised per group, in column order. */
    static final List<Metric> TELLING = List.of(Metric.VIDEO_FPS, Metric.BITRATE_IN, Metric.BITRATE_OUT, Metric.PACKET_LOSS,
            Metric.RTT, Metric.VIDEO_DELAY);
    /** The metrics that get a list of their worst peers. */
    static final List<Metric> RANKED = List.of(Metric.VIDEO_FPS, Metric.PACKET_LOSS, Metric.RTT, Metric.VIDEO_DELAY);
    /** How many peers each worst list names. */
    static final int WORST = 10;
    /** The room of a load run's synthetic peer, from its name: {@code r3-pub-1}, {@code r3-sub-2}, {@code r3-sub-2-2}. */
    private static final Pattern ROOM = Pattern.compile("^(r\\d+)-(?:pub|sub)-\\d+(?:-\\d+)?$");

    private PeerGroups() {
    }

    /**
     * A metric across the peers of a group: the p50 of their values and the worse tail, p5 where higher is
     * better and p95 where lower is; both null when no peer of the group measured it.
     */
    record Spread(Double p50, Double tail, int measuredBy) {
    }

    /** One role in one room ({@code room} null: the role's peers in every room and in none). */
    record Group(String role, String room, boolean allRooms, int peers, int connected, int failed, List<Spread> spreads) {
    }

    /** A peer in a worst list with its value. */
    record Ranked(String peer, String role, String room, double value) {
    }

    /** The worst peers by one metric, worst first. */
    record Worst(Metric metric, List<Ranked> peers) {
    }

    /** p50 where higher is better, else p95. */
    static Aggregate aggregate(Metric m) {
        return m.higherIsBetter() ? Aggregate.P50 : Aggregate.P95;
    }

    /** The percentile of the worse tail across peers: 5 where higher is better, else 95. */
    static int tail(Metric m) {
        return m.higherIsBetter() ? 5 : 95;
    }

    /** The peer's value of {@code m} (see the class comment), null when it never measured it. */
    static Double value(PeerSummary p, Metric m) {
        Summary s = p.metrics() == null ? null : p.metrics().get(m.id());
        if (s == null) {
            return null;
        }
        double v = s.get(aggregate(m));
        return Double.isNaN(v) ? null : v;
    }

    /** A load run peer's room ({@code r3}) from its name; null for a peer that is not one of the run's synthetic users. */
    static String room(String peerName) {
        Matcher m = ROOM.matcher(Objects.requireNonNullElse(peerName, ""));
        return m.matches() ? m.group(1) : null;
    }

    /**
     * Each role over all rooms, in the order roles first appear, then each room's roles, rooms in their
     * number's order and peers in no room last.
     */
    static List<Group> groups(List<PeerSummary> peers) {
        Map<String, List<PeerSummary>> byRole = new LinkedHashMap<>();
        for (PeerSummary p : peers) {
            byRole.computeIfAbsent(role(p), k -> new ArrayList<>()).add(p);
        }
        List<Group> out = new ArrayList<>();
        byRole.forEach((role, members) -> out.add(group(role, null, true, members)));
        List<String> rooms = peers.stream().map(p -> room(p.name())).distinct()
                .sorted(Comparator.nullsLast(Comparator.comparingInt((String r) -> Integer.parseInt(r.substring(1))))).toList();
        for (String room : rooms) {
            byRole.forEach((role, members) -> {
                List<PeerSummary> here = members.stream().filter(p -> Objects.equals(room, room(p.name()))).toList();
                if (!here.isEmpty()) {
                    out.add(group(role, room, false, here));
                }
            });
        }
        return out;
    }

    private static String role(PeerSummary p) {
        return Objects.requireNonNullElse(p.role(), "—");
    }

    private static Group group(String role, String room, boolean allRooms, List<PeerSummary> members) {
        int connected = (int) members.stream().filter(p -> p.connectMs() != null).count();
        int failed = (int) members.stream().filter(p -> "failed".equals(p.outcome())).count();
        List<Spread> spreads = new ArrayList<>();
        for (Metric m : TELLING) {
            double[] values = new double[members.size()];
            int n = 0;
            for (PeerSummary p : members) {
                Double v = value(p, m);
                if (v != null) {
                    values[n++] = v;
                }
            }
            if (n == 0) {
                spreads.add(new Spread(null, null, 0));
                continue;
            }
            Arrays.sort(values, 0, n);
            spreads.add(new Spread(Summary.percentile(values, n, 50), Summary.percentile(values, n, tail(m)), n));
        }
        return new Group(role, room, allRooms, members.size(), connected, failed, spreads);
    }

    /** For each ranked metric some peer measured, its {@link #WORST} worst peers, worst first; ties in run.json's order. */
    static List<Worst> worst(List<PeerSummary> peers) {
        List<Worst> out = new ArrayList<>();
        for (Metric m : RANKED) {
            List<Ranked> ranked = new ArrayList<>();
            for (PeerSummary p : peers) {
                Double v = value(p, m);
                if (v != null) {
                    ranked.add(new Ranked(p.name(), p.role(), room(p.name()), v));
                }
            }
            if (ranked.isEmpty()) {
                continue;
            }
            Comparator<Ranked> order = Comparator.comparingDouble(Ranked::value);
            ranked.sort(m.higherIsBetter() ? order : order.reversed()); // stable: ties keep run.json's order
            out.add(new Worst(m, List.copyOf(ranked.subList(0, Math.min(WORST, ranked.size())))));
        }
        return out;
    }
}
