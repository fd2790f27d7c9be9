package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.metric.MetricPoint;

/** A sample's time read back from the run directory: ms since sampling began, whatever the samples file holds. */
class TimeSeriesTest {
    @TempDir
    Path dir;

    @Test
    void pointsAreAtTheirSamplingTickAndTheOriginIsWhenSamplingBegan() throws Exception {
        Files.createDirectories(dir.resolve("samples"));
        // the stats were read a few ms after each tick: the tick is the time
        Files.writeString(dir.resolve("samples/chrome-1.jsonl"), """
                {"timestamp":1000000001007,"atMs":0,"peer":"chrome-1","stats":{}}
                {"timestamp":1000000002012,"atMs":1000,"peer":"chrome-1","stats":{}}
                """);
        Files.writeString(dir.resolve("samples/firefox.jsonl"), """
                {"timestamp":1000000001509,"atMs":500,"peer":"firefox","stats":{}}
                """);

        TimeSeries.Series s = TimeSeries.read(dir, ExampleRuns.failed());

        assertThat(s.byPeer().get("chrome-1")).extracting(MetricPoint::atMs).containsExactly(0L, 1000L);
        assertThat(s.byPeer().get("firefox")).extracting(MetricPoint::atMs).containsExactly(500L);
        assertThat(s.originEpochMs()).as("the earliest timestamp less its atMs").isEqualTo(1000000001007L);
    }

    @Test
    void manyPeersReadInParallelComeBackInRunOrderEachWithItsOwnMetrics() throws Exception {
        Files.createDirectories(dir.resolve("samples"));
        java.util.List<org.rtcbench.core.run.PeerSummary> peers = new java.util.ArrayList<>();
        for (int p = 1; p <= 40; p++) {
            String name = "peer-" + p;
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                lines.append("{\"timestamp\":").append(1_000_000_000_000L + p + 1000L * i).append(",\"atMs\":").append(p + 1000L * i)
                        .append(",\"datachannel\":{\"echoes\":").append(p * 10 + i).append("}}\n");
            }
            lines.append("{\"timestamp\":1000000009000,\"atMs\":"); // cut short by a crash
            Files.writeString(dir.resolve("samples/" + name + ".jsonl"), lines);
            peers.add(new org.rtcbench.core.run.PeerSummary(name, "java", "sendrecv", null, null, null, null, null, null, "ok", null, 3,
                    java.util.Map.of()));
        }

        TimeSeries.Series s = TimeSeries.read(dir, ExampleRuns.failed().withPeers(peers));

        assertThat(s.byPeer().keySet()).containsExactlyElementsOf(peers.stream().map(org.rtcbench.core.run.PeerSummary::name).toList());
        assertThat(s.byPeer().get("peer-17")).extracting(MetricPoint::atMs).containsExactly(17L, 1017L, 2017L);
        assertThat(s.byPeer().get("peer-17")).extracting(m -> m.values().get(org.rtcbench.core.metric.Metric.DATACHANNEL_ECHOES))
                .containsExactly(170.0, 171.0, 172.0);
        assertThat(s.originEpochMs()).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void samplesWithoutAtMsFromAnOlderRunCountFromTheEarliestTimestamp() throws Exception {
        Files.createDirectories(dir.resolve("samples"));
        Files.writeString(dir.resolve("samples/chrome-1.jsonl"), """
                {"timestamp":1000000001000,"peer":"chrome-1","stats":{}}
                {"timestamp":1000000002000,"peer":"chrome-1","stats":{}}
                """);

        TimeSeries.Series s = TimeSeries.read(dir, ExampleRuns.failed());

        assertThat(s.byPeer().get("chrome-1")).extracting(MetricPoint::atMs).containsExactly(0L, 1000L);
        assertThat(s.byPeer().get("firefox")).as("no samples file: an empty series").isEmpty();
        assertThat(s.originEpochMs()).isEqualTo(1000000001000L);
    }
}
