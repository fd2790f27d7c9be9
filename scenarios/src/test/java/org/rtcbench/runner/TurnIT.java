package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.peer.IceConfig;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.target.turn.LocalTurn;

/**
 * Relay-only calls through a real coturn (Debian's) in a test network: Chromium, Firefox and a
 * Java peer connect through the run's own TURN server over UDP, Chromium and Java over TCP, and a
 * user's own TURN server's credentials never reach any file of the run directory.
 */
class TurnIT {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void nothingLeft() throws Exception {
        assertThat(OwnedProcesses.running(tmp.resolve("work").toString())).as("coturn, browsers of this test still running").isEmpty();
        assertThat(ourNamespaces()).as("test network namespaces of this JVM left").isEmpty();
    }

    private RunOptions options() {
        return RunOptions.defaults().withResultsRoot(tmp.resolve("results"))
                .withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withMediaCache(tmp.resolve("media")).withWorkDir(tmp.resolve("work"));
    }

    private static Scenario scenario(String ice, String peers) {
        return ScenarioLoader.parse("turn.yaml", """
                name: turn
                duration: 8s
                media:
                  video: { width: 320, height: 240, fps: 15 }
                ice: %s
                peers:
                %s
                assertions:
                  - connected within 15s
                  - video.fps.p50 > 5 for receivers after 3s
                """.formatted(ice, peers));
    }

    private RunSummary passes(Scenario s) {
        RunSummary run = new ScenarioRunner(s, options()).run();
        assertThat(run.status()).as(console.toString(StandardCharsets.UTF_8)).isEqualTo(RunStatus.PASSED);
        return run;
    }

    private static void relayed(RunSummary run, String protocol) {
        for (PeerSummary p : run.peers()) {
            assertThat(p.iceCandidateTypes()).as(p.name() + "'s selected pair")
                    .containsEntry("local", "relay").containsEntry("relayProtocol", protocol);
        }
    }

    @Test
    void relayOnlyChromiumFirefoxAndJavaConnectThroughTheLocalCoturnOverUdp() throws Exception {
        RunSummary run = passes(scenario("{transportPolicy: relay, turn: local, transport: udp}",
                "  - kind: chrome\n  - kind: firefox\n  - kind: java"));
        relayed(run, "udp");
        assertThat(run.host().get("turn").toString()).startsWith("local coturn at 10.");
        assertThat(Files.readString(runDir().resolve("events.jsonl"))).contains("\"type\":\"turn-started\"");
    }

    @Test
    void chromiumAndJavaConnectThroughTheLocalCoturnOverTcp() {
        relayed(passes(scenario("{transportPolicy: relay, turn: local, transport: tcp}", "  - kind: chrome\n  - kind: java")), "tcp");
    }

    @Test
    void aUsersOwnTurnServersCredentialsNeverReachAnyFileOfTheRunDirectory() throws Exception {
        try (LocalTurn server = LocalTurn.start(tmp.resolve("work"), "udp")) {
            IceConfig.Server s = server.server();
            Scenario scenario = scenario("{transportPolicy: relay, turn: {urls: ['" + s.urls().get(0) + "'], username: '" + s.username()
                    + "', credential: '" + s.credential() + "'}}", "  - kind: chrome\n  - kind: java");
            relayed(passes(scenario), "udp");
            Path dir = runDir();
            List<Path> files;
            try (var walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("run.json, scenario.yaml, samples, events, logs, reports").hasSizeGreaterThan(8);
            for (Path f : files) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(dir.relativize(f).toString()).doesNotContain(s.credential()).doesNotContain(s.username());
                if (!f.getFileName().toString().equals("scenario.yaml")) {
                    // the last pass replaces a leaked credential by "(hidden)": none had to be
                    assertThat(text).as(dir.relativize(f) + ": no credential was written in the first place").doesNotContain("(hidden)");
                }
            }
            assertThat(Files.readString(dir.resolve("scenario.yaml"))).contains("credential: (hidden)").contains(s.urls().get(0));
            assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(s.credential());
        }
    }

    private Path runDir() throws IOException {
        try (var dirs = Files.list(tmp.resolve("results"))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    private static List<String> ourNamespaces() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String ours = "rtcb-" + ProcessHandle.current().pid() + "-";
        return out.lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith(ours)).toList();
    }
}
