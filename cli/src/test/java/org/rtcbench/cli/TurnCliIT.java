package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;

/**
 * The run's own coturn through ./rtcbench: killed mid-call, the relayed peers fail with the reason
 * and the run exits 1; rtcbench killed with SIGKILL leaves no coturn and no test network behind.
 */
class TurnCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELAYED = """
            name: relayed
            duration: 2m
            media:
              video: { width: 320, height: 240, fps: 15 }
            ice: { transportPolicy: relay, turn: local }
            peers:
              - kind: java
                count: 2
            """;

    @TempDir
    Path tmp;

    @AfterEach
    void nothingLeftRunning() {
        assertThat(OwnedProcesses.running(tmp.toString())).as("processes started by this test still running").isEmpty();
    }

    /** Waits until the run's events name coturn's pid and java-1 has 2 samples; returns coturn's pid. */
    private long coturnOnceTheCallRuns(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("rtcbench is still running").isTrue();
            if (Files.isDirectory(tmp.resolve("results"))) {
                try (var dirs = Files.list(tmp.resolve("results"))) {
                    for (Path d : dirs.toList()) {
                        Path samples = d.resolve("samples/java-1.jsonl");
                        if (Files.exists(samples) && Files.readAllLines(samples).size() >= 2) {
                            for (String line : Files.readAllLines(d.resolve("events.jsonl"))) {
                                JsonNode e = JSON.readTree(line);
                                if (e.path("type").asText().equals("turn-started")) {
                                    return e.path("pid").asLong();
                                }
                            }
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the relayed call did not start within 60 s");
    }

    @Test
    void coturnKilledMidCallFailsTheRelayedPeersWithTheReasonAndExits1() throws Exception {
        Files.writeString(tmp.resolve("relayed.yaml"), RELAYED);
        Process p = RtcbenchProcess.start(tmp, "run", "relayed.yaml");
        long coturn = coturnOnceTheCallRuns(p);
        ProcessHandle.of(coturn).orElseThrow().destroyForcibly(); // coturn, which this test's rtcbench started
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("rtcbench ends after its TURN server died").isTrue();
        RtcbenchProcess.Result r = RtcbenchProcess.finished(tmp, p);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("the local TURN server (coturn, pid " + coturn + ") exited");
        JsonNode run = JSON.readTree(RtcbenchProcess.onlyRunDirectory(tmp).resolve("run.json").toFile());
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("reason").asText()).contains("TURN server");
        for (JsonNode peer : run.path("peers")) {
            assertThat(peer.path("outcome").asText()).isEqualTo("failed");
            assertThat(peer.path("failure").asText()).contains("lost the TURN server");
        }
        assertThat(namespacesOf(p.pid())).as("test networks of the ended rtcbench").isEmpty();
    }

    @Test
    void sigkillOfRtcbenchLeavesNoCoturnAndNoTestNetworkBehind() throws Exception {
        Files.writeString(tmp.resolve("relayed.yaml"), RELAYED);
        Process p = RtcbenchProcess.start(tmp, "run", "relayed.yaml");
        long coturn = coturnOnceTheCallRuns(p);
        assertThat(namespacesOf(p.pid())).as("coturn's test network").hasSize(1);
        p.destroyForcibly(); // SIGKILL: rtcbench runs no cleanup
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while ((ProcessHandle.of(coturn).isPresent() || !namespacesOf(p.pid()).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(coturn).map(ProcessHandle::isAlive).orElse(false)).as("coturn 15 s after SIGKILL").isFalse();
        assertThat(namespacesOf(p.pid())).as("test networks 15 s after SIGKILL").isEmpty();
    }

    private static List<String> namespacesOf(long pid) throws Exception {
        Process ip = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ip.waitFor();
        return out.lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith("rtcb-" + pid + "-")).toList();
    }
}
