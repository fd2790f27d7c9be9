package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.target.whip.local.LocalWhipServer;
import org.rtcbench.testing.Runs;

/**
 * A load run through the WHIP target's embedded default (a local Janus with simple-whip-server in
 * front, started by the run): a Chromium and a synthetic Java peer publish through WHIP, and the
 * synthetic subscribers, subscribing through the Janus behind it, receive both.
 */
class WhipLoadIT {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void nothingLeft() throws Exception {
        assertThat(OwnedProcesses.running(tmp.resolve("work").toString())).as("processes of this run (Janus, node, Chromium) still running").isEmpty();
    }

    @Test
    void aChromiumAndAJavaPeerPublishThroughWhipAndTheSyntheticSubscribersReceiveBoth() {
        String missing = LocalWhipServer.missing();
        assumeTrue(missing == null, "WHIP tests need simple-whip-server: " + missing);
        Scenario s = ScenarioLoader.parse("whip-load.yaml", """
                name: whip-load
                target: {type: whip}
                media: {video: {width: 320, height: 240, fps: 15}}
                peers:
                  - {kind: chrome, name: camera, role: sendonly}
                load: {rooms: 1, publishers: 1, subscribers: 2, injection: ramp, ramp: 2s, hold: 12s}
                assertions:
                  - video.fps.p50 > 5 for receivers after 3s
                """);
        RunSummary run = new LoadRunner(s, Runs.options(tmp, console)).run();
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        assertThat(out).contains("simple-whip-server (pid ");
        LoadSummary load = run.load();
        assertThat(load.connected()).as(out).isEqualTo(3);
        assertThat(load.feeds()).extracting(LoadSummary.Feed::display).containsExactlyInAnyOrder("camera", "r1-pub-1");
        assertThat(load.feeds()).allSatisfy(f -> {
            assertThat(f.own()).as(f.display()).isTrue();
            assertThat(f.publisher()).isEqualTo(f.display());
            assertThat(f.subscriptions()).as(f.display()).isEqualTo(2);
        });
        for (String sub : new String[] {"r1-sub-1", "r1-sub-2"}) {
            PeerSummary p = Runs.peer(run, sub);
            assertThat(p.received()).as(sub + " received the Chromium and the Java publisher").hasSize(2);
            assertThat(p.received()).allSatisfy(f -> assertThat(f.metrics().get("video.fps.rendered").p50())
                    .as(sub + " <- " + f.from()).isGreaterThan(5));
            assertThat(p.received()).extracting(org.rtcbench.core.run.ReceivedFeed::from).containsExactlyInAnyOrder("camera", "r1-pub-1");
        }
    }
}
