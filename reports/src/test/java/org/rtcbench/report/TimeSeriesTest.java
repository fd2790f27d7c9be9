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
