package org.rtcbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Version;
import org.rtcbench.core.assertion.AssertionEvaluator;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.assertion.PeerMeasurements;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.scenario.Shard;
import org.rtcbench.report.RunReports;
import org.rtcbench.report.TimeSeries;

/**
 * {@code rtcbench merge}: one run directory of the shards of a load run ({@code load --shard I/N} on
 * N machines): every shard's peers and samples (their times put on one axis), the events of all
 * (each marked with its shard), the load summary with the timings merged from every raw value (not
 * from percentiles), the counts summed, each shard's generator verdict kept, the scenario's
 * assertions judged again over all peers, and the reports written as for any run.
 */
public final class ShardMerge {
    private static final ObjectMapper JSON = ScenarioLoader.jsonMapper();

    private ShardMerge() {
    }

    /** One shard's run directory, read. */
    private record Part(Path dir, RunSummary run, Shard shard, long originMs) {
    }

    /** Merges the shards' run directories into a new one under {@code resultsRoot}; returns it with its summary. */
    public static RunSummary merge(List<Path> dirs, Path resultsRoot) {
        List<Part> parts = read(dirs);
        Part first = parts.get(0);
        long origin = parts.stream().mapToLong(Part::originMs).min().orElse(0);
        RunDirectory dir = RunDirectory.create(resultsRoot, first.run().scenario() + "-merged");
        Path out = dir.path();
        dir.close();
        try {
            Files.createDirectories(out.resolve("samples"));
            for (Part p : parts) {
                copySamples(p, origin, out);
            }
            writeEvents(parts, out);
            Files.copy(first.dir().resolve("scenario.yaml"), out.resolve("scenario.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the merged run " + out + ": " + e.getMessage(), e);
        }
        Scenario scenario = ScenarioLoader.load(first.dir().resolve("scenario.yaml"));
        List<PeerSummary> peers = parts.stream().flatMap(p -> p.run().peers().stream()).toList();
        LoadSummary load = load(parts, origin, peers);
        String started = parts.stream().map(p -> p.run().startedAt()).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        String ended = parts.stream().map(p -> p.run().endedAt()).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        Long durationMs = started == null || ended == null ? null : Instant.parse(ended).toEpochMilli() - Instant.parse(started).toEpochMilli();
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("shards", parts.stream().map(p -> p.shard() + ": " + p.run().host()).toList());
        RunSummary provisional = new RunSummary(dir.runId(), first.run().scenario(), RunStatus.RUNNING, null, started, ended, durationMs, null,
                Version.get(), host, peers, List.of(), List.of(), load, Map.of(), null);
        List<AssertionResult> results = AssertionEvaluator.evaluate(scenario.assertions(), measurements(out, provisional), timings(load));
        String reason = verdict(parts, load, results);
        RunSummary merged = new RunSummary(dir.runId(), first.run().scenario(), reason == null ? RunStatus.PASSED : RunStatus.FAILED, reason,
                started, ended, durationMs, null, Version.get(), host, peers, results, List.of(), load, Map.of(), null);
        try {
            Files.writeString(out.resolve("run.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(merged));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("run.json") + ": " + e.getMessage(), e);
        }
        RunReports.write(out, merged);
        return merged;
    }

    private static List<Part> read(List<Path> dirs) {
        if (dirs.size() < 2) {
            throw new BadInputException("merge needs the run directories of at least 2 shards, got " + dirs.size());
        }
        List<Part> parts = new ArrayList<>();
        for (Path d : dirs) {
            RunSummary run = RunDirectory.readSummary(d);
            if (run.load() == null || run.load().shard() == null) {
                throw new BadInputException(d + " is not a shard of a load run (made by 'rtcbench load --shard I/N'): nothing to merge it with");
            }
            parts.add(new Part(d, run, Shard.parse(run.load().shard()), origin(d)));
        }
        parts.sort(Comparator.comparingInt(p -> p.shard().index()));
        int count = parts.get(0).shard().count();
        Set<String> scenarios = parts.stream().map(p -> p.run().scenario()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (scenarios.size() > 1) {
            throw new BadInputException("these shards ran different scenarios " + scenarios + ": merge the shards of one load run");
        }
        List<String> have = parts.stream().map(p -> p.shard().toString()).toList();
        for (int i = 1; i <= count; i++) {
            int index = i;
            long n = parts.stream().filter(p -> p.shard().count() == count && p.shard().index() == index).count();
            if (n != 1) {
                throw new BadInputException("shard " + i + "/" + count + (n == 0 ? " is missing" : " is there " + n + " times")
                        + " (given: " + String.join(", ", have) + "): merge one run directory of each shard");
            }
        }
        if (parts.size() != count) {
            throw new BadInputException("the shards given are of different splits (" + String.join(", ", have) + "): merge the shards of one load run");
        }
        Set<String> names = new java.util.HashSet<>();
        for (Part p : parts) {
            for (PeerSummary s : p.run().peers()) {
                if (!names.add(s.name())) {
                    throw new BadInputException("peer " + s.name() + " is in more than one shard (" + p.shard() + " and another): these are "
                            + "not shards of one run");
                }
            }
        }
        return parts;
    }

    /** When a shard's sampling began (epoch ms): a sample's timestamp minus its atMs; its run start when it has none. */
    private static long origin(Path dir) {
        long origin = Long.MAX_VALUE;
        Path samples = dir.resolve("samples");
        if (Files.isDirectory(samples)) {
            try (var files = Files.list(samples)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".jsonl")).toList()) {
                    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        String line = r.readLine();
                        if (line != null && !line.isBlank()) {
                            JsonNode s = JSON.readTree(line);
                            if (s.has("atMs")) {
                                origin = Math.min(origin, s.path("timestamp").asLong() - s.path("atMs").asLong());
                            }
                        }
                    } catch (IOException e) {
                        // a sample cut short by a crash: the other files still tell
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + samples + ": " + e.getMessage(), e);
            }
        }
        return origin == Long.MAX_VALUE ? 0 : origin;
    }

    /** A shard's samples, each {@code atMs} moved onto the merged run's axis (the earliest shard's sampling start). */
    private static void copySamples(Part p, long origin, Path out) throws IOException {
        Path samples = p.dir().resolve("samples");
        if (!Files.isDirectory(samples)) {
            return;
        }
        long shift = p.originMs() - origin;
        try (var files = Files.list(samples)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".jsonl")).toList()) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                     Writer w = Files.newBufferedWriter(out.resolve("samples").resolve(f.getFileName()), StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        try {
                            ObjectNode s = (ObjectNode) JSON.readTree(line);
                            if (s.has("atMs")) {
                                s.put("atMs", s.path("atMs").asLong() + shift);
                            }
                            w.write(JSON.writeValueAsString(s));
                            w.write('\n');
                        } catch (IOException | ClassCastException e) {
                            // a line cut short by a crash: left out, as the reports leave it out
                        }
                    }
                }
            }
        }
    }

    /** Every shard's events in time order, each with its {@code shard}. */
    private static void writeEvents(List<Part> parts, Path out) throws IOException {
        List<ObjectNode> events = new ArrayList<>();
        for (Part p : parts) {
            Path f = p.dir().resolve("events.jsonl");
            if (!Files.exists(f)) {
                continue;
            }
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                try {
                    ObjectNode e = (ObjectNode) JSON.readTree(line);
                    e.put("shard", p.shard().toString());
                    events.add(e);
                } catch (IOException | ClassCastException | NullPointerException e) {
                    // a blank line or one cut short
                }
            }
        }
        events.sort(Comparator.comparingLong(e -> e.path("timestamp").asLong()));
        try (Writer w = Files.newBufferedWriter(out.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            for (ObjectNode e : events) {
                w.write(JSON.writeValueAsString(e));
                w.write('\n');
            }
        }
    }

    /** The load summary of all shards: counts summed, timings from every raw value, feeds joined, one point a second. */
    static LoadSummary load(List<Part> parts, long origin, List<PeerSummary> peers) {
        LoadSummary a = parts.get(0).run().load();
        int requested = 0;
        int joined = 0;
        int connected = 0;
        int failed = 0;
        List<Long> join = new ArrayList<>();
        List<Long> ice = new ArrayList<>();
        List<Long> firstFrame = new ArrayList<>();
        List<String> limited = new ArrayList<>();
        List<LoadSummary.ShardRun> shards = new ArrayList<>();
        Set<Long> rooms = new LinkedHashSet<>();
        Set<Long> reused = new LinkedHashSet<>();
        for (Part p : parts) {
            LoadSummary l = p.run().load();
            requested += l.requested();
            joined += l.joined();
            connected += l.connected();
            failed += l.failed();
            join.addAll(l.join().valuesMs());
            ice.addAll(l.iceConnected().valuesMs());
            firstFrame.addAll(l.firstFrame().valuesMs());
            if (l.generatorLimited()) {
                limited.add("shard " + p.shard() + ": " + l.generatorLimitedReason());
            }
            rooms.addAll(l.roomIds());
            reused.addAll(l.reusedRoomIds());
            shards.add(new LoadSummary.ShardRun(p.shard().toString(), p.run().runId(), p.dir().toString(), p.run().status().id(),
                    l.requested(), l.connected(), l.failed(), l.generatorLimited(), l.generatorLimitedReason(),
                    l.gatlingReport() == null ? null : p.dir().resolve(l.gatlingReport()).toString()));
        }
        // a room one shard created is one another shard found there: it is reused only if no shard created it
        Set<Long> created = parts.stream().flatMap(p -> p.run().load().roomIds().stream().filter(r -> !p.run().load().reusedRoomIds().contains(r)))
                .collect(Collectors.toSet());
        reused.removeAll(created);
        return new LoadSummary(a.target(), a.url(), a.rooms(), a.publishers(), a.subscribers(), a.injection(), requested, joined, connected,
                failed, LoadSummary.Timing.of(join), LoadSummary.Timing.of(ice), LoadSummary.Timing.of(firstFrame), !limited.isEmpty(),
                limited.isEmpty() ? null : String.join("; ", limited), timeline(parts, origin), null, List.copyOf(rooms), List.copyOf(reused),
                a.subscribeTo(), feeds(parts, peers), null, shards);
    }

    /** One point a second over all shards: counts summed, the busiest generator's CPU, heap, lag and late frames. */
    private static List<LoadSummary.LoadPoint> timeline(List<Part> parts, long origin) {
        TreeMap<Long, List<LoadSummary.LoadPoint>> bySecond = new TreeMap<>();
        for (Part p : parts) {
            long shift = p.originMs() - origin;
            for (LoadSummary.LoadPoint point : p.run().load().timeline()) {
                long second = Math.round((point.tMs() + shift) / 1000.0);
                bySecond.computeIfAbsent(second, s -> new ArrayList<>()).add(point);
            }
        }
        List<LoadSummary.LoadPoint> out = new ArrayList<>();
        for (Map.Entry<Long, List<LoadSummary.LoadPoint>> e : bySecond.entrySet()) {
            // each shard's monitor writes a point a second: a second's bucket holds one of each shard
            int joined = 0;
            int connected = 0;
            int failed = 0;
            Double cpu = null;
            Long heap = null;
            Long lag = null;
            Double late = null;
            Double host = null;
            Double started = null;
            for (LoadSummary.LoadPoint point : e.getValue()) {
                joined += point.joined();
                connected += point.connected();
                failed += point.failed();
                cpu = max(cpu, point.generatorCpuPercent());
                heap = max(heap, point.heapMb());
                lag = max(lag, point.schedulingLagMs());
                late = max(late, point.lateFramesPercent());
                host = max(host, point.hostCpuPercent());
                started = max(started, point.startedCpuPercent());
            }
            out.add(new LoadSummary.LoadPoint(e.getKey() * 1000, joined, connected, failed, cpu, heap, lag, late, host, started));
        }
        return out;
    }

    /** The larger of two measurements, either of which may be missing (null). */
    private static <T extends Comparable<T>> T max(T a, T b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Every feed the shards' subscribers took, once; one a shard took as another shard's publisher is this run's now. */
    private static List<LoadSummary.Feed> feeds(List<Part> parts, List<PeerSummary> peers) {
        Set<String> names = peers.stream().map(PeerSummary::name).collect(Collectors.toSet());
        Map<String, LoadSummary.Feed> out = new LinkedHashMap<>();
        for (Part p : parts) {
            for (LoadSummary.Feed f : p.run().load().feeds()) {
                String key = f.room() + "/" + f.feedId();
                LoadSummary.Feed had = out.get(key);
                String publisher = f.publisher() != null ? f.publisher() : names.contains(f.display()) ? f.display() : null;
                if (had != null) {
                    publisher = had.publisher() != null ? had.publisher() : publisher;
                }
                int subscriptions = f.subscriptions() + (had == null ? 0 : had.subscriptions());
                out.put(key, new LoadSummary.Feed(f.room(), f.feedId(), f.display(), publisher != null, publisher, subscriptions));
            }
        }
        return List.copyOf(out.values());
    }

    private static Map<String, List<Long>> timings(LoadSummary load) {
        Map<String, List<Long>> t = new LinkedHashMap<>();
        t.put("join", load.join().valuesMs());
        t.put("ice", load.iceConnected().valuesMs());
        t.put("firstframe", load.firstFrame().valuesMs());
        return t;
    }

    /** Every merged peer's metric points, from the merged samples, for the assertions. */
    private static List<PeerMeasurements> measurements(Path out, RunSummary run) {
        try {
            Map<String, List<MetricPoint>> series = TimeSeries.read(out, run).byPeer();
            List<PeerMeasurements> m = new ArrayList<>();
            for (PeerSummary p : run.peers()) {
                boolean sends = !"recvonly".equals(p.role());
                boolean receives = !"sendonly".equals(p.role());
                m.add(new PeerMeasurements(p.name(), PeerKind.of(p.kind()), sends, receives, p.connectMs(),
                        series.getOrDefault(p.name(), List.of())));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the merged samples in " + out + ": " + e.getMessage(), e);
        }
    }

    /** Why the merged run fails, or null: a shard that did not finish, fewer peers connected than asked, an assertion. */
    private static String verdict(List<Part> parts, LoadSummary load, List<AssertionResult> results) {
        for (Part p : parts) {
            if (p.run().status() == RunStatus.ERROR || p.run().status() == RunStatus.INTERRUPTED || p.run().status() == RunStatus.RUNNING) {
                return "shard " + p.shard() + " ended " + p.run().status().id() + (p.run().reason() == null ? "" : ": " + p.run().reason());
            }
        }
        if (load.connected() < load.requested()) {
            return "only " + load.connected() + " of " + load.requested() + " synthetic peers connected over " + parts.size() + " shards";
        }
        long failedAssertions = results.stream().filter(r -> !r.passed()).count();
        return failedAssertions == 0 ? null : failedAssertions + " of " + results.size() + " assertions failed";
    }
}
