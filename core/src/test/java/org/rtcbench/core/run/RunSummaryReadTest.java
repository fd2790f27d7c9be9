package org.rtcbench.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.metric.Summary;

/** run.json reads back into the same summary; a missing or corrupt run directory is one clear line. */
class RunSummaryReadTest {
    @TempDir
    Path tmp;

    @Test
    void runJsonReadsBackToTheSameSummary() {
        RunDirectory dir = RunDirectory.create(tmp, "read-back");
        Map<String, Double> measured = new java.util.LinkedHashMap<>();
        measured.put("a", 29.5);
        measured.put("b", null);
        RunSummary run = new RunSummary(dir.runId(), "read-back", RunStatus.FAILED, "1 of 1 interop cells failed",
                "2026-11-25T12:00:00Z", "2026-11-25T12:00:20Z", 20_000L, 3_100L, "0.1.0", Map.of("cores", 2),
                List.of(new PeerSummary("a", "chrome", "sendrecv", "chromium", "156.0.8078.108", "chromedriver",
                        "156.0.8078.108", 1500L, 300L, "ok", null, 20,
                        Map.of("video.fps", new Summary(20, 28, 30, 31, 31, 30, 29.9)))),
                List.of(new AssertionResult("video.fps.p50 >= 25", false, ">= 25", measured, "b: video.fps not measured")),
                List.of(new InteropCell("chrome", "firefox", "h264", "failed", "no H264", null, Map.of(), Map.of())));
        dir.writeJson("run.json", run);
        dir.close();

        RunSummary read = RunDirectory.readSummary(dir.path());
        assertThat(read).isEqualTo(run);
    }

    @Test
    void missingDirectoryMissingRunJsonAndCorruptJsonAreBadInput() throws Exception {
        assertThatThrownBy(() -> RunDirectory.readSummary(tmp.resolve("nope"))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("no run directory at " + tmp.resolve("nope"));
        assertThatThrownBy(() -> RunDirectory.readSummary(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no run.json");
        Files.writeString(tmp.resolve("run.json"), "{\"runId\": \"x\", \"status\": ");
        assertThatThrownBy(() -> RunDirectory.readSummary(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("run.json:1:").hasMessageContaining("not a valid run.json");
    }
}
