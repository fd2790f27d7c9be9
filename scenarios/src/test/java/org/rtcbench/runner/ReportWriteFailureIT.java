package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;

/**
 * A report that cannot be written (here: report.html is taken by a folder that is not empty) does not
 * leave the run hanging: run.json and the samples stay, the run directory is closed, the run counts as
 * finished at once (a signal handler waiting for it returns), and one line says what failed.
 */
class ReportWriteFailureIT {
    @TempDir
    Path tmp;

    @Test
    void aReportThatCannotBeWrittenStillClosesTheRunAndSaysWhatFailedInOneLine() throws Exception {
        Scenario scenario = ScenarioLoader.parse("unwritable.yaml", """
                name: unwritable
                duration: 3s
                media:
                  video: { width: 320, height: 240, fps: 15 }
                peers:
                  - kind: java
                    count: 2
                """);
        AtomicReference<Path> runDir = new AtomicReference<>();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve("results"))
                .withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withMediaCache(tmp.resolve("media")).withWorkDir(tmp.resolve("work"))
                .withObserver(new RunObserver() {
                    @Override
                    public void directoryCreated(RunDirectory dir) {
                        runDir.set(dir.path());
                        try {
                            Files.writeString(Files.createDirectories(dir.path().resolve("report.html")).resolve("taken"), "");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
        ScenarioRunner runner = new ScenarioRunner(scenario, options);

        assertThatThrownBy(runner::run).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("run " + runDir.get().getFileName() + " ended passed, but its files could not all be written: ")
                .hasMessageContaining("report.html")
                .hasMessageEndingWith("then: rtcbench report " + runDir.get() + ")")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        assertThat(runner.awaitFinished(0)).as("finished, so a waiting signal handler returns at once").isTrue();
        assertThat(Files.readString(runDir.get().resolve("run.json"))).contains("\"status\" : \"passed\"");
        assertThat(Files.readAllLines(runDir.get().resolve("samples").resolve("java-1.jsonl"))).hasSizeGreaterThanOrEqualTo(2);
        List<String> events = Files.readAllLines(runDir.get().resolve("events.jsonl"));
        assertThat(events.get(events.size() - 1)).contains("\"type\":\"run-ended\"");
        assertThat(runDir.get().resolve("report.html").resolve("taken")).exists();
    }
}
