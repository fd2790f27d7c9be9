package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Whole runs through the CLI with real Chromium: a failed assertion, and SIGTERM in the middle of a call. */
class RunOutcomeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SMALL_CALL = """
            name: %s
            duration: %s
            media:
              video: { width: 320, height: 240, fps: 15 }
            peers:
              - kind: chrome
                count: 2
            assertions:
            %s
            """;

    @TempDir
    Path tmp;

    @AfterEach
    void nothingLeftRunning() {
        assertThat(OwnedProcesses.running(tmp.toString())).as("processes started by this test still running").isEmpty();
    }

    @Test
    void impossibleAssertionExits1AndJunitShowsMeasuredVersusExpected() throws Exception {
        Files.writeString(tmp.resolve("impossible.yaml"), SMALL_CALL.formatted("impossible", "6s",
                "  - connected within 10s\n  - video.fps.p50 >= 1000 for receivers after 2s\n"));
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "run", "impossible.yaml");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL video.fps.p50 >= 1000");
        Path dir = RtcbenchProcess.onlyRunDirectory(tmp);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        NodeList failures = junit.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("video.fps.p50 >= 1000 for receivers after 2s");
        assertThat(failure.getAttribute("message") + failure.getTextContent())
                .contains(">= 1000").containsPattern("measured \\d+");
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        assertThat(run.path("status").asText()).isEqualTo("failed");
        String junitBefore = Files.readString(dir.resolve("junit.xml"));
        String csvBefore = Files.readString(dir.resolve("metrics.csv"));
        for (String f : List.of("report.html", "metrics.csv", "summary.json")) {
            Files.delete(dir.resolve(f));
        }
        RtcbenchProcess.Result report = RtcbenchProcess.run(tmp.resolve("again"), "report", dir.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("video.fps.p50 &gt;= 1000");
        assertThat(Files.readString(dir.resolve("metrics.csv"))).isEqualTo(csvBefore);
        assertThat(JSON.readTree(dir.resolve("summary.json").toFile()).path("verdict").asText()).isEqualTo("failed");
        assertThat(Files.readString(dir.resolve("junit.xml"))).isEqualTo(junitBefore);
        assertThat(run.path("assertions").get(0).path("passed").asBoolean()).isTrue();
        assertThat(run.path("assertions").get(1).path("passed").asBoolean()).isFalse();
    }

    @Test
    void sigtermMidCallKeepsSamplesWritesInterruptedAndLeavesNoBrowser() throws Exception {
        Files.writeString(tmp.resolve("long.yaml"), SMALL_CALL.formatted("long", "2m", "  - connected within 10s\n"));
        Process p = RtcbenchProcess.start(tmp, "run", "long.yaml");
        Path samples = waitForSamples(p, "chrome-1", 3, Duration.ofSeconds(60));

        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("rtcbench exits after SIGTERM").isTrue();
        RtcbenchProcess.Result r = RtcbenchProcess.finished(tmp, p);

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(143);
        Path dir = samples.getParent().getParent();
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        assertThat(run.path("status").asText()).isEqualTo("interrupted");
        assertThat(run.path("reason").asText()).contains("SIGTERM");
        assertThat(Files.readAllLines(samples).size()).isGreaterThanOrEqualTo(3);
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("peers-closed");
    }

    @Test
    void sigtermWhilePeersAreStillBeingLaunchedEndsTheRunWithinSecondsAndLeavesNoBrowser() throws Exception {
        Files.writeString(tmp.resolve("four.yaml"), """
                name: four
                duration: 2m
                media:
                  video: { width: 320, height: 240, fps: 15 }
                peers:
                  - kind: chrome
                    count: 2
                  - kind: firefox
                    count: 2
                """);
        Process p = RtcbenchProcess.start(tmp, "run", "four.yaml");
        Path events = waitForEvent(p, "\"run-started\"", Duration.ofSeconds(30));
        long launchedBefore = Files.readAllLines(events).stream().filter(l -> l.contains("\"peer-launched\"")).count();

        p.destroy(); // SIGTERM
        long sent = System.nanoTime();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("rtcbench exits after SIGTERM").isTrue();
        long exitedAfterMs = (System.nanoTime() - sent) / 1_000_000;
        RtcbenchProcess.Result r = RtcbenchProcess.finished(tmp, p);

        assertThat(launchedBefore).as("SIGTERM came while peers were still being launched").isLessThan(4);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(143);
        // what was being launched finishes launching (a browser takes seconds) and is closed; nothing connects
        assertThat(exitedAfterMs).as("ms from SIGTERM to exit").isLessThan(20_000);
        assertThat(r.out()).doesNotContain("peers connected");
        JsonNode run = JSON.readTree(events.resolveSibling("run.json").toFile());
        assertThat(run.path("status").asText()).isEqualTo("interrupted");
        assertThat(run.path("reason").asText()).contains("SIGTERM");
    }

    @Test
    void sigkillMidCallLeavesNoBrowserOrDriverBehind() throws Exception {
        // SIGKILL (as a crash would) runs no cleanup in rtcbench: what it started must end by itself.
        Files.writeString(tmp.resolve("killed.yaml"), """
                name: killed
                duration: 2m
                media:
                  video: { width: 320, height: 240, fps: 15 }
                peers:
                  - kind: chrome
                  - kind: firefox
                """);
        Process p = RtcbenchProcess.start(tmp, "run", "killed.yaml");
        waitForSamples(p, "chrome", 2, Duration.ofSeconds(60));
        assertThat(OwnedProcesses.running(tmp.toString())).as("Chromium, chromedriver and Firefox run").hasSizeGreaterThan(3);

        p.destroyForcibly(); // SIGKILL
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!OwnedProcesses.running(tmp.toString()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<ProcessHandle> left = OwnedProcesses.running(tmp.toString());
        left.forEach(ProcessHandle::destroyForcibly); // only when the assertion below fails
        assertThat(left).as("processes of the killed rtcbench 15 s later").isEmpty();
    }

    @Test
    void demoFallsBackToSyntheticJavaPeersWhenNoBrowserIsInstalled() throws Exception {
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "demo", "--duration", "6s",
                "--chrome-binary", "/nonexistent/chromium", "--firefox-binary", "/nonexistent/firefox");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("no browser found").contains("Chromium not found at /nonexistent/chromium")
                .contains("Firefox not found at /nonexistent/firefox").contains("using two synthetic Java peers")
                .contains("run ").contains("PASSED");
        JsonNode run = JSON.readTree(RtcbenchProcess.onlyRunDirectory(tmp).resolve("run.json").toFile());
        assertThat(run.path("peers").get(0).path("kind").asText()).isEqualTo("java");
        assertThat(run.path("peers").get(1).path("metrics").path("video.fps").path("p50").asDouble()).isPositive();
    }

    /** Waits until the run's events.jsonl has a line containing {@code fragment}; returns that file. */
    private Path waitForEvent(Process p, String fragment, Duration timeout) throws Exception {
        return waitForRunFile(p, "event " + fragment, timeout, d -> {
            Path e = d.resolve("events.jsonl");
            return Files.exists(e) && Files.readString(e).contains(fragment) ? e : null;
        });
    }

    /** Waits until a peer's samples file has {@code lines} lines. */
    private Path waitForSamples(Process p, String peer, int lines, Duration timeout) throws Exception {
        return waitForRunFile(p, lines + " samples of " + peer, timeout, d -> {
            Path s = d.resolve("samples").resolve(peer + ".jsonl");
            return Files.exists(s) && Files.readAllLines(s).size() >= lines ? s : null;
        });
    }

    private interface RunFileCheck {
        /** The file looked for in run directory {@code dir}, or null while it is not there yet. */
        Path in(Path dir) throws Exception;
    }

    /** Polls the run directories under {@code tmp/results} until {@code check} finds its file, or fails. */
    private Path waitForRunFile(Process p, String what, Duration timeout, RunFileCheck check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("rtcbench ended early: " + RtcbenchProcess.finished(tmp, p));
            }
            if (Files.isDirectory(tmp.resolve("results"))) {
                try (var dirs = Files.list(tmp.resolve("results"))) {
                    for (Path d : dirs.toList()) {
                        Path found = check.in(d);
                        if (found != null) {
                            return found;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("no " + what + " within " + timeout);
    }
}
