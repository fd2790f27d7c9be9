package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.ScenarioLoader;

/** Two shards of one load run, written as their processes would, merged into one run. */
class ShardMergeTest {
    private static final ObjectMapper JSON = ScenarioLoader.jsonMapper();
    private static final long T0 = 1_796_000_000_000L;
    private static final String SCENARIO = """
            name: sharded
            target: {type: janus, url: 'ws://10.0.0.2:8188'}
            load: {publishers: 1, subscribers: 3, room: 4242, ramp: 2s, hold: 10s}
            assertions:
              - video.fps.p50 >= 12 for receivers
              - join.p95 < 2s
            """;

    @TempDir
    Path tmp;

    @Test
    void twoShardsBecomeOneRunWithTimingsFromEveryValueAndTheAssertionsJudgedAgain() throws IOException {
        Path one = shard("1/2", 0, List.of("r1-pub-1", "r1-sub-2"), List.of(10L, 20L, 30L), 2, false,
                new LoadSummary.Feed(4242, 77, "r1-pub-1", true, "r1-pub-1", 1));
        Path two = shard("2/2", 3_000, List.of("r1-sub-1", "r1-sub-3"), List.of(40L, 50L, 900L, 1000L), 2, true,
                new LoadSummary.Feed(4242, 77, "r1-pub-1", false, null, 2));

        RunSummary run = ShardMerge.merge(List.of(two, one), tmp.resolve("results"));

        assertThat(run.status()).as(run.reason()).isEqualTo(RunStatus.PASSED);
        assertThat(run.peers()).extracting(PeerSummary::name).containsExactly("r1-pub-1", "r1-sub-2", "r1-sub-1", "r1-sub-3");
        LoadSummary load = run.load();
        assertThat(load.requested()).isEqualTo(4);
        assertThat(load.connected()).isEqualTo(4);
        // from every value of both shards: 10 20 30 40 50 900 1000, not from each shard's percentiles
        assertThat(load.join().valuesMs()).containsExactly(10L, 20L, 30L, 40L, 50L, 900L, 1000L);
        assertThat(load.join().p50Ms()).isEqualTo(40L);
        assertThat(load.join().p95Ms()).isEqualTo(1000L);
        assertThat(load.generatorLimited()).isTrue();
        assertThat(load.generatorLimitedReason()).isEqualTo("shard 2/2: generator CPU at 95 % for 5 s");
        assertThat(load.shards()).extracting(LoadSummary.ShardRun::shard).containsExactly("1/2", "2/2");
        assertThat(load.shards().get(1).generatorLimited()).isTrue();
        assertThat(load.shard()).isNull();
        // the feed shard 2 took as another's is this run's publisher now, taken 3 times in all
        assertThat(load.feeds()).containsExactly(new LoadSummary.Feed(4242, 77, "r1-pub-1", true, "r1-pub-1", 3));
        assertThat(load.timeline()).extracting(LoadSummary.LoadPoint::tMs).startsWith(0L, 1000L, 2000L, 3000L);
        LoadSummary.LoadPoint fifth = load.timeline().get(5);
        assertThat(fifth.joined()).as("both shards' users at 5 s (shard 2 began at 3 s)").isEqualTo(4);
        assertThat(fifth.generatorCpuPercent()).as("the busiest generator").isEqualTo(95.0);
        assertThat(load.timeline().get(3).heapMb()).as("shard 2's first second has no reading: shard 1's").isEqualTo(100L);
        assertThat(load.timeline().get(3).startedCpuPercent()).isEqualTo(5.0);

        assertThat(run.assertions()).hasSize(2).allSatisfy(a -> assertThat(a.passed()).as(a.message()).isTrue());
        Path dir = tmp.resolve("results").resolve(run.runId());
        assertThat(dir.resolve("report.html")).exists();
        assertThat(dir.resolve("junit.xml")).exists();
        String later = Files.readAllLines(dir.resolve("samples").resolve("r1-sub-1.jsonl")).get(0);
        assertThat(JSON.readTree(later).path("atMs").asLong()).as("shard 2 sampled 3 s after shard 1").isEqualTo(3_000);
        List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
        assertThat(events).hasSize(4);
        assertThat(JSON.readTree(events.get(0)).path("shard").asText()).isEqualTo("1/2");
        assertThat(JSON.readTree(events.get(3)).path("shard").asText()).isEqualTo("2/2");
        assertThat(RunDirectoryJson.read(dir).load().requested()).isEqualTo(4);
    }

    @Test
    void aShardThatConnectedFewerFailsTheMergedRun() throws IOException {
        Path one = shard("1/2", 0, List.of("r1-pub-1", "r1-sub-2"), List.of(10L), 1, false);
        Path two = shard("2/2", 0, List.of("r1-sub-1", "r1-sub-3"), List.of(10L), 2, false);
        RunSummary run = ShardMerge.merge(List.of(one, two), tmp.resolve("results"));
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.reason()).isEqualTo("only 3 of 4 synthetic peers connected over 2 shards");
    }

    @Test
    void onlyTheCompleteShardsOfOneRunMerge() throws IOException {
        Path one = shard("1/3", 0, List.of("r1-pub-1"), List.of(10L), 1, false);
        Path three = shard("3/3", 0, List.of("r1-sub-2"), List.of(10L), 1, false);
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one, three), tmp.resolve("results"))).isInstanceOf(BadInputException.class)
                .hasMessage("shard 2/3 is missing (given: 1/3, 3/3): merge one run directory of each shard");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one, one), tmp.resolve("results")))
                .hasMessageStartingWith("shard 1/3 is there 2 times");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one), tmp.resolve("results")))
                .hasMessage("merge needs the run directories of at least 2 shards, got 1");
    }

    /** A shard's run directory: its peers' samples (15 fps received), 2 events, its load summary and scenario. */
    private Path shard(String shard, long startOffsetMs, List<String> peers, List<Long> joins, int connected, boolean limited,
                       LoadSummary.Feed... feeds) throws IOException {
        Path dir = tmp.resolve("shard-" + shard.replace('/', '-') + "-" + System.nanoTime());
        Files.createDirectories(dir.resolve("samples"));
        long start = T0 + startOffsetMs;
        List<PeerSummary> summaries = new ArrayList<>();
        for (String p : peers) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                lines.append(String.format(Locale.ROOT, "{\"timestamp\":%d,\"atMs\":%d,\"peer\":\"%s\",\"stats\":{\"c\":["
                                + "{\"id\":\"IV\",\"type\":\"inbound-rtp\",\"kind\":\"video\",\"timestamp\":%d,\"packetsReceived\":%d,"
                                + "\"packetsLost\":0,\"framesDecoded\":%d,\"framesPerSecond\":15}]}}%n",
                        start + i * 1000L, i * 1000L, p, start + i * 1000L, 40L * i, 15L * i));
            }
            Files.writeString(dir.resolve("samples").resolve(p + ".jsonl"), lines.toString());
            String role = p.contains("pub") ? "sendonly" : "recvonly";
            summaries.add(new PeerSummary(p, "replay", role, "rtcbench replay", "1", null, null, 0L,
                    summaries.size() < connected ? 300L : null, summaries.size() < connected ? "ok" : "failed", null, 10, Map.of()));
        }
        Files.writeString(dir.resolve("events.jsonl"), String.format(Locale.ROOT,
                "{\"timestamp\":%d,\"type\":\"run-started\"}%n{\"timestamp\":%d,\"type\":\"run-ended\"}%n", start, start + 10_000));
        List<LoadSummary.LoadPoint> timeline = new ArrayList<>();
        for (int s = 0; s <= 10; s++) {
            // the first second of a shard has no CPU reading yet, as the monitor's first point has none
            timeline.add(new LoadSummary.LoadPoint(s * 1000L, Math.min(s, peers.size()), Math.min(s, connected), 0,
                    s == 0 ? null : limited ? 95.0 : 40.0, s == 0 ? null : 100L, 1L, s == 0 ? null : 0.0, s == 0 ? null : 60.0, s == 0 ? null : 5.0));
        }
        LoadSummary load = new LoadSummary("janus", "ws://10.0.0.2:8188", 1, 1, 3, "ramp", peers.size(), peers.size(), connected,
                peers.size() - connected, LoadSummary.Timing.of(joins), LoadSummary.Timing.of(joins), LoadSummary.Timing.of(joins), limited,
                limited ? "generator CPU at 95 % for 5 s" : null, timeline, null, List.of(4242L), shard.startsWith("1/") ? List.of() : List.of(4242L),
                "all", List.of(feeds), shard, null);
        RunSummary run = new RunSummary("run-" + shard.replace('/', '-'), "sharded", RunStatus.PASSED, null,
                java.time.Instant.ofEpochMilli(start).toString(), java.time.Instant.ofEpochMilli(start + 10_000).toString(), 10_000L, null,
                "test", Map.of("cores", 2), summaries, List.of(), List.of(), load, Map.of(), null);
        Files.writeString(dir.resolve("run.json"), JSON.writeValueAsString(run));
        Files.writeString(dir.resolve("scenario.yaml"), ScenarioLoader.toYaml(ScenarioLoader.parse("s.yaml", SCENARIO)), StandardCharsets.UTF_8);
        return dir;
    }

    /** run.json as the merged directory holds it. */
    private static final class RunDirectoryJson {
        static RunSummary read(Path dir) {
            return org.rtcbench.core.run.RunDirectory.readSummary(dir);
        }
    }
}
