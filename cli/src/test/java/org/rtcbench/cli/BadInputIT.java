package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input exits 2 with exactly one line on stderr that names the problem and where it is, and
 * no stack trace. None of these starts a browser.
 */
class BadInputIT {
    @TempDir
    Path tmp;

    private RtcbenchProcess.Result runScenario(String yaml) throws Exception {
        Files.writeString(tmp.resolve("s.yaml"), yaml);
        return RtcbenchProcess.run(tmp, "run", tmp.resolve("s.yaml").toString());
    }

    private static void assertOneLineError(RtcbenchProcess.Result r, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as("stderr").hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("rtcbench: ").contains(fragments).doesNotContain("Exception");
    }

    @Test
    void unknownFieldNamesFileLineAndAllowedFields() throws Exception {
        RtcbenchProcess.Result r = runScenario("name: x\ndurashun: 10s\npeers:\n  - kind: chrome\n");
        assertOneLineError(r, "s.yaml:2:", "unknown field 'durashun'", "allowed:", "duration");
    }

    @Test
    void wrongTypeNamesTheFieldPathAndLine() throws Exception {
        RtcbenchProcess.Result r = runScenario("peers:\n  - kind: chrome\n    count: many\n");
        assertOneLineError(r, "s.yaml:3:", "peers[0].count", "whole number");
    }

    @Test
    void negativeDurationIsRefusedWithItsLocation() throws Exception {
        RtcbenchProcess.Result r = runScenario("duration: -5s\npeers:\n  - kind: chrome\n");
        assertOneLineError(r, "s.yaml:1:", "duration", "negative");
    }

    @Test
    void aMeshThisHostCannotHoldIsRefusedAtOnceWithTheEstimateAndTheFlagThatOverridesIt() throws Exception {
        long t0 = System.nanoTime();
        RtcbenchProcess.Result r = runScenario("peers:\n  - kind: java\n    count: 100000\n");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertOneLineError(r, "100000 peers in a P2P full mesh (java x100000, 4999950000 connections) need about",
                "and this host has " + Runtime.getRuntime().availableProcessors(), "it holds about",
                "estimated from measured per-peer costs: java", "bench mesh", "use --force to run it anyway");
        assertThat(ms).as("refused before any peer is launched").isLessThan(30_000);
        assertThat(tmp.resolve("results")).as("no run directory for a refused run").doesNotExist();
    }

    @Test
    void missingScenarioFileSaysSo() throws Exception {
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "run", "no-such-file.yaml");
        assertOneLineError(r, "scenario file not found: no-such-file.yaml");
    }

    @Test
    void wrongBrowserPathSaysWhichPathAndWhatToInstall() throws Exception {
        Files.writeString(tmp.resolve("chrome.yaml"), "peers:\n  - kind: chrome\n    count: 2\n");
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "run", "chrome.yaml", "--chrome-binary", "/nonexistent/chromium");
        assertOneLineError(r, "Chromium not found at /nonexistent/chromium", "chromium");
    }

    @Test
    void wrongDriverPathSaysWhichPath() throws Exception {
        Files.writeString(tmp.resolve("chrome.yaml"), "peers:\n  - kind: chrome\n    count: 2\n");
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "run", "chrome.yaml", "--chrome-driver", "/nonexistent/chromedriver");
        assertOneLineError(r, "chromedriver not found at /nonexistent/chromedriver", "chromium-driver");
    }

    @Test
    void wrongFirefoxPathSaysWhichPathAndWhatToInstall() throws Exception {
        Files.writeString(tmp.resolve("ff.yaml"), "peers:\n  - kind: firefox\n    count: 2\n");
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "run", "ff.yaml", "--firefox-binary", "/nonexistent/firefox");
        assertOneLineError(r, "Firefox not found at /nonexistent/firefox", "firefox-esr");
    }

    @Test
    void reportOfAMissingOrCorruptRunDirectoryIsOneLine() throws Exception {
        assertOneLineError(RtcbenchProcess.run(tmp, "report", "results/nope"), "no run directory at results/nope");
        Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(tmp.resolve("bad").resolve("run.json"), "{ not json");
        assertOneLineError(RtcbenchProcess.run(tmp, "report", "bad"), "bad/run.json:1:", "not a valid run.json");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() throws Exception {
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "run", "--frobnicate", "x.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void versionNamesRtcbenchAndTheDetectedBrowserAndDriver() throws Exception {
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("rtcbench \\d+\\.\\d+\\.\\d+")
                .containsPattern("chromium \\(/usr/bin/chromium\\): Chromium \\d+\\.")
                .containsPattern("chromedriver \\(/usr/bin/chromedriver\\): ChromeDriver \\d+\\.");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() throws Exception {
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("demo", "run", "interop", "load", "compare", "Exit codes:", "bad input");
        RtcbenchProcess.Result run = RtcbenchProcess.run(tmp, "run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("SCENARIO", "--duration", "--chrome-binary", "--results");
    }

    @Test
    void loadAgainstAnUnreachableJanusSaysSoWithoutHanging() throws Exception {
        long t0 = System.nanoTime();
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, "load", "--url", "http://127.0.0.1:9/janus", "--ramp", "1s", "--hold", "1s");
        assertOneLineError(r, "cannot reach Janus at http://127.0.0.1:9/janus");
        assertThat((System.nanoTime() - t0) / 1_000_000_000).as("seconds until exit").isLessThan(30);
        assertOneLineError(RtcbenchProcess.run(tmp.resolve("ws"), "load", "--url", "ws://127.0.0.1:9", "--ramp", "1s", "--hold", "1s"),
                "cannot reach Janus at ws://127.0.0.1:9: connection refused");
    }

    @Test
    void loadFlagsAreCheckedWithTheirNames() throws Exception {
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--injection", "fast"), "--injection must be once, ramp, closed, rate:<users>/s or rate:<users>/m");
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--publishers", "-1"), "--publishers must be 0 or more per room, got -1");
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--publishers", "0"),
                "--publishers 0 (load.publishers) subscribes to publishers already in a room: name it with --room (load.room), or give at least 1 publisher per room");
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--subscribe-to", "some"),
                "--subscribe-to must be all (every publisher of the room) or own (this run's), got 'some'");
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--ramp", "soon"), "--ramp");
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--room", "0"), "--room must be a positive VideoRoom id, got 0");
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--janus-api", "grpc"), "--janus-api must be http or ws");
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--browser-publisher", "edge"), "--browser-publisher unknown peer kind 'edge'");
        assertOneLineError(RtcbenchProcess.run(tmp, "load", "--janus-api", "ws", "--url", "http://127.0.0.1:9/janus"),
                "--janus-api is for the local Janus that rtcbench starts; with a url, its scheme (http:// or ws://) picks the API");
    }
}
