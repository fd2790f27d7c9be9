package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.NetworkSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.LoadSpec;
import org.rtcbench.core.scenario.NetworkSpec;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.testing.Runs;

/**
 * The same access-link model for browsers and through an SFU: Chromium and Firefox with 25 ms each
 * meet about 100 ms apart (RTT), and through the local Janus each synthetic peer is its own 50 ms
 * of RTT away from Janus, whose own link stays clean.
 */
class NetworkPeersIT {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void nothingLeft() {
        assertThat(OwnedProcesses.running(tmp.resolve("work").toString())).as("processes of this test still running").isEmpty();
    }

    private RunOptions options() {
        return org.rtcbench.testing.Runs.options(tmp, console);
    }

    @Test
    void chromiumAndFirefoxWith25msEachAreAbout100msApart() {
        Scenario s = ScenarioLoader.load(Path.of("firefox-chromium.yaml")).withDuration(Duration.ofSeconds(10))
                .withNetwork(NetworkSpec.link("25ms", null, null, null));
        RunSummary run = new ScenarioRunner(s, options()).run();
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        for (String peer : List.of("chrome", "firefox")) {
            PeerSummary p = Runs.peer(run, peer);
            assertThat(p.metrics().get("rtt").p50()).as(peer + "'s RTT across both links (loopback alone: about 1 ms)")
                    .isBetween(90.0, 140.0);
        }
        assertThat(run.network().links()).extracting(NetworkSummary.Link::peer).containsOnly("chrome", "firefox");
        assertThat(run.network().links()).allSatisfy(l -> {
            assertThat(l.passed()).as(l.toString()).isGreaterThan(100);
            assertThat(l.meanAddedMs()).as(l.toString()).isBetween(24.0, 30.0);
        });
    }

    @Test
    void throughTheLocalJanusEachPeerIsItsOwnLinkAwayAndJanusStaysClean() {
        Scenario example = ScenarioLoader.load(Path.of("janus-load.yaml"));
        Scenario s = example.withLoad(example.target(), new LoadSpec(1, 1, 1, "ramp", Duration.ofSeconds(2), Duration.ofSeconds(8),
                null, null, null, null)).withNetwork(NetworkSpec.link("25ms", null, null, null));
        RunSummary run = new LoadRunner(s, options()).run();
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        assertThat(run.peers()).hasSize(2).allSatisfy(p -> assertThat(p.metrics().get("rtt").p50())
                .as(p.name() + ": 25 ms each way on its own link, none on Janus's").isBetween(45.0, 80.0));
        assertThat(run.network().links()).extracting(NetworkSummary.Link::peer).containsOnly("r1-pub-1", "r1-sub-1");
        assertThat(run.network().links()).allSatisfy(l -> assertThat(l.configured()).isEqualTo("delay 25ms"));
    }
}
