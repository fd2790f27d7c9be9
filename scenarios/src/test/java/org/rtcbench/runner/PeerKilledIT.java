package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtcbench.testing.Runs.peer;
import static org.rtcbench.testing.Runs.waitForSamples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;

/** A browser that dies mid-call: that peer fails with the reason, the other peer's samples stay, the run fails, nothing is left. */
class PeerKilledIT {
    @TempDir
    Path tmp;

    @Test
    void firefoxKilledMidCallFailsThatPeerAndKeepsTheOthersSamples() throws Exception {
        Scenario scenario = ScenarioLoader.parse("killed.yaml", """
                name: killed
                duration: 15s
                media:
                  video: { width: 320, height: 240, fps: 15 }
                peers:
                  - kind: chrome
                  - kind: firefox
                assertions:
                  - connected within 10s
                """);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = org.rtcbench.testing.Runs.options(tmp, console);
        ScenarioRunner runner = new ScenarioRunner(scenario, options);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(runner::run);

        Path firefoxSamples = waitForSamples(runner, "firefox", 3);
        List<ProcessHandle> firefox = OwnedProcesses.running(tmp.resolve("work").resolve("firefox-firefox-").toString());
        assertThat(firefox).as("the Firefox peer's processes").isNotEmpty();
        firefox.forEach(ProcessHandle::destroyForcibly);

        RunSummary summary = run.get(90, TimeUnit.SECONDS);
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(summary.status()).as(out).isEqualTo(RunStatus.FAILED);
        assertThat(summary.status().exitCode()).isEqualTo(1);
        PeerSummary ff = peer(summary, "firefox");
        assertThat(ff.outcome()).isEqualTo("failed");
        assertThat(ff.failure()).contains("firefox").contains("browser");
        assertThat(summary.reason()).isEqualTo(ff.failure());
        PeerSummary chrome = peer(summary, "chrome");
        Path chromeSamples = firefoxSamples.resolveSibling("chrome.jsonl");
        assertThat(Files.readAllLines(chromeSamples).size()).as("chrome's samples are kept").isGreaterThanOrEqualTo(3);
        assertThat(chrome.samples()).isGreaterThanOrEqualTo(3);
        assertThat(Files.readAllLines(firefoxSamples).size()).as("firefox's samples before the kill are kept").isGreaterThanOrEqualTo(3);
        assertThat(Files.readString(firefoxSamples.getParent().resolveSibling("events.jsonl"))).contains("\"type\":\"peer-failed\"");
        assertThat(OwnedProcesses.running(tmp.toString())).as("browsers and drivers left running").isEmpty();
    }
}
