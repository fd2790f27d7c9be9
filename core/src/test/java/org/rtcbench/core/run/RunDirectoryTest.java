package org.rtcbench.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @Test
    void appendedSamplesAreOnDiskBeforeTheDirectoryIsClosed(@TempDir Path results) throws Exception {
        try (RunDirectory run = RunDirectory.create(results, "two-chromes")) {
            Path file = run.path().resolve("samples/chrome-1.jsonl");

            run.appendSample("chrome-1", "{\"timestamp\":1}");
            assertThat(Files.readAllLines(file)).containsExactly("{\"timestamp\":1}");

            run.appendSample("chrome-1", "{\"timestamp\":2}");
            assertThat(Files.readAllLines(file)).containsExactly("{\"timestamp\":1}", "{\"timestamp\":2}");
        }
    }

    @Test
    void eachPeerHasItsOwnSampleFile(@TempDir Path results) throws Exception {
        try (RunDirectory run = RunDirectory.create(results, "s")) {
            run.appendSample("a", "{\"peer\":\"a\"}");
            run.appendSample("b", "{\"peer\":\"b\"}");

            assertThat(Files.readString(run.path().resolve("samples/a.jsonl"))).isEqualTo("{\"peer\":\"a\"}\n");
            assertThat(Files.readString(run.path().resolve("samples/b.jsonl"))).isEqualTo("{\"peer\":\"b\"}\n");
        }
    }

    @Test
    void eventsAreAppendedWithTimestampAndTypeFirst(@TempDir Path results) throws Exception {
        try (RunDirectory run = RunDirectory.create(results, "s")) {
            run.event("peer.connected", Map.of("peer", "chrome-1"));

            List<String> lines = Files.readAllLines(run.path().resolve("events.jsonl"));
            assertThat(lines).singleElement().asString()
                    .matches("\\{\"timestamp\":\\d+,\"type\":\"peer.connected\",\"peer\":\"chrome-1\"}");
        }
    }

    @Test
    void writeJsonReplacesTheFileAtomicallyAndLeavesNoTemporaryFile(@TempDir Path results) throws Exception {
        try (RunDirectory run = RunDirectory.create(results, "s")) {
            run.writeJson("run.json", Map.of("status", "running"));
            run.writeJson("run.json", Map.of("status", "passed"));

            assertThat(Files.readString(run.path().resolve("run.json")))
                    .contains("\"status\" : \"passed\"")
                    .doesNotContain("running");
            try (var files = Files.list(run.path())) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("run.json", "events.jsonl", "samples");
            }
        }
    }

    @Test
    void runIdIsTheUtcStartTimeAndTheScenarioNameMadeSafeForAPath(@TempDir Path results) {
        try (RunDirectory run = RunDirectory.create(results, "chrome vs/firefox")) {
            assertThat(run.runId()).matches("\\d{8}-\\d{6}-chrome_vs_firefox");
            assertThat(run.path()).isEqualTo(results.resolve(run.runId())).isDirectory();
        }
    }

    @Test
    void twoRunsCreatedInTheSameSecondGetDistinctIds(@TempDir Path results) {
        try (RunDirectory first = RunDirectory.create(results, "same");
             RunDirectory second = RunDirectory.create(results, "same")) {
            assertThat(second.runId()).isNotEqualTo(first.runId());
            assertThat(second.path()).isNotEqualTo(first.path()).isDirectory();
        }
    }
}
