package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;

/**
 * What every receiver actually saw, read from the markers in every frame: Chromium, Firefox and
 * Java peers send the same marked pictures and read each other's, so end-to-end delay, frames
 * really shown, frozen time and PSNR are measured the same for every pair of kinds, and an
 * impaired link shows in them.
 */
class MarkedMediaIT {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void nothingLeft() {
        assertThat(OwnedProcesses.running(tmp.resolve("work").toString())).as("processes of this test still running").isEmpty();
    }

    private RunSummary run(String yaml) throws IOException {
        Path file = tmp.resolve("scenario-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        Scenario s = ScenarioLoader.load(file);
        RunOptions options = org.rtcbench.testing.Runs.options(tmp, console);
        RunSummary run = new ScenarioRunner(s, options).run();
        assertThat(run.status()).as(console.toString(StandardCharsets.UTF_8)).isEqualTo(RunStatus.PASSED);
        return run;
    }

    private static Summary metric(PeerSummary p, String metric) {
        Summary m = p.metrics().get(metric);
        assertThat(m).as(p.name() + " measured " + metric + " (it has " + p.metrics().keySet() + ")").isNotNull();
        return m;
    }

    private static final String SMALL = """
            duration: %s
            media:
              video: { width: 320, height: 240, fps: 15 }
            """;

    @Test
    void chromiumFirefoxAndJavaEachReadWhatTheOthersSentDelayFpsAndQuality() throws IOException {
        // a mesh: every pair of kinds, both ways (chrome<->firefox, java<->chrome, java<->firefox); then pairs
        RunSummary mesh = run(SMALL.formatted("12s") + """
                name: marked-mesh
                peers:
                  - kind: chrome
                  - kind: firefox
                  - kind: java
                """);
        RunSummary firefoxes = run(SMALL.formatted("10s") + """
                name: marked-firefox-pair
                peers:
                  - kind: firefox
                    count: 2
                """);
        RunSummary chromes = run(SMALL.formatted("10s") + """
                name: marked-chromium-pair
                peers:
                  - kind: chrome
                    count: 2
                """);
        RunSummary chromeFirefox = run(SMALL.formatted("10s") + """
                name: marked-chromium-firefox
                peers:
                  - kind: chrome
                  - kind: firefox
                """);
        RunSummary javaChrome = run(SMALL.formatted("10s") + """
                name: marked-java-chromium
                peers:
                  - kind: java
                  - kind: chrome
                """);
        List<RunSummary> pairs = List.of(firefoxes, chromes, chromeFirefox, javaChrome);
        for (RunSummary run : java.util.stream.Stream.concat(java.util.stream.Stream.of(mesh), pairs.stream()).toList()) {
            for (PeerSummary p : run.peers()) {
                assertThat(metric(p, "video.delay").p50()).as(p.name() + ": send to render on loopback, ms").isBetween(1.0, 150.0);
                assertThat(metric(p, "video.psnr").p50()).as(p.name() + ": dB, the worst incoming track").isGreaterThanOrEqualTo(30.0);
                assertThat(metric(p, "video.ssim").p50()).as(p.name()).isGreaterThan(0.9);
                assertThat(metric(p, "video.fps.rendered").p50()).as(p.name() + ": distinct frames shown, 15 sent").isGreaterThan(5.0);
                assertThat(metric(p, "video.frames.unreadable").max()).as(p.name() + ": markers that could not be read").isZero();
            }
        }
        // Firefox and Java receivers show what their stack decoded. Chromium pages no longer do reliably since
        // they run Web Audio for the audio markers: 11-12 of 15 fps decoded, in the mesh and in one clean-clone
        // run's pair too (open in issue 14); that they show frames at all is checked above.
        for (RunSummary run : pairs) {
            for (PeerSummary p : run.peers().stream().filter(p -> !p.kind().equals("chrome")).toList()) {
                assertThat(metric(p, "video.fps.rendered").p50()).as(p.name() + ": shown against decoded (inbound-rtp framesPerSecond)")
                        .isCloseTo(metric(p, "video.fps").p50(), org.assertj.core.api.Assertions.within(2.0));
            }
        }
        // Audio: every browser hears the bursts of every sender (Chromium and Firefox from their pages' Web Audio,
        // Firefox on a sound server of its own that keeps real time, Java from PCM computed from the clock). A Java
        // receiver never plays audio out (webrtc-java's dummy audio module): not measured, never a number.
        List<PeerSummary> browsers = java.util.stream.Stream.concat(java.util.stream.Stream.of(mesh), pairs.stream())
                .flatMap(r -> r.peers().stream()).filter(p -> !p.kind().equals("java")).toList();
        assertThat(browsers.stream().filter(p -> p.kind().equals("firefox"))).as("Firefox receivers").hasSize(4);
        for (PeerSummary browser : browsers) {
            assertThat(metric(browser, "audio.delay").p50()).as(browser.name() + " (" + browser.kind() + "): burst send to playout on loopback, ms")
                    .isBetween(1.0, 400.0);
            assertThat(metric(browser, "av.sync").p50()).as(browser.name() + ": audio.delay - video.delay, ms").isBetween(-400.0, 400.0);
        }
        for (PeerSummary p : java.util.stream.Stream.of(mesh, javaChrome).flatMap(r -> r.peers().stream()).toList()) {
            if (p.kind().equals("java")) {
                assertThat(p.metrics()).as(p.name() + " hears no marker").doesNotContainKeys("audio.delay", "av.sync");
            }
        }
    }

    /**
     * The links add 100 ms one way. libwebrtc's jitter buffer sometimes settles about 100 ms higher
     * as well at this RTT (200 ms; seen once in four calls here, with no packet lost or NACKed,
     * its own jitterBufferDelay saying so): what the network added is the delay less what the jitter
     * buffer took on top.
     */
    @Test
    void fiftyMillisecondsOnEachLinkAddAboutAHundredToTheVideoDelay() throws IOException {
        String pair = SMALL.formatted("12s") + """
                name: marked-java-pair
                peers:
                  - kind: java
                    count: 2
                """;
        RunSummary clean = run(pair);
        RunSummary delayed = run(pair + """
                network: { delay: 50ms }
                """);
        for (String peer : List.of("java-1", "java-2")) {
            PeerSummary a = org.rtcbench.testing.Runs.peer(clean, peer);
            PeerSummary b = org.rtcbench.testing.Runs.peer(delayed, peer);
            // each call's quietest second: a busy host only ever adds to a second's delay (one clean-clone run's
            // clean call measured p50 47.6 ms, 13-15 when quiet), and a jitter buffer that settled higher holds
            // its extra for the whole call, so its least second shows it too
            double before = metric(a, "video.delay").min();
            double after = metric(b, "video.delay").min();
            double waitedBefore = metric(a, "video.jitterbuffer").min();
            double waitedAfter = metric(b, "video.jitterbuffer").min();
            assertThat((after - waitedAfter) - (before - waitedBefore))
                    .as(peer + ": least delay %.1f -> %.1f ms, least jitter buffer wait %.1f -> %.1f ms; two 50 ms links one way",
                            before, after, waitedBefore, waitedAfter)
                    .isBetween(80.0, 140.0);
            // the typical delayed second against the clean call's quietest: a busy host only adds to the delayed p50,
            // while the clean call's p50 rose by itself to 38 ms above its quietest twice in clean-clone runs on a
            // busy host (a p50-to-p50 rise of 38 ms), which says nothing about the links
            assertThat(metric(b, "video.delay").p50() - metric(a, "video.delay").min()).as(peer + ": the whole typical rise")
                    .isGreaterThanOrEqualTo(80.0);
        }
    }

    /**
     * libwebrtc's pacer holds what it cannot send through a 2 s blackout and sends it afterwards, so
     * no frame number goes missing (frames.skipped stays 0, measured): the receiver sees a freeze,
     * then the held frames arrive seconds late, then the stream catches up.
     */
    @Test
    void aTwoSecondBlackoutIsAFreezeThenLateFramesAndTheVideoComesBack() throws IOException {
        RunSummary run = javaPairWithBlackout("2s", "16s");
        for (PeerSummary p : run.peers()) {
            Map<String, Summary> m = p.metrics();
            assertThat(metric(p, "video.frozen").max()).as(p.name() + ": % of the worst second").isGreaterThanOrEqualTo(50.0);
            assertThat(metric(p, "video.frozen").p50()).as(p.name() + ": a typical second").isZero();
            assertThat(metric(p, "video.delay").max()).as(p.name() + ": frames held through the blackout, ms").isGreaterThan(500.0);
            assertThat(m.get("video.fps.rendered").last()).as(p.name() + ": shown again at the end").isGreaterThan(10.0);
        }
    }

    /**
     * Past 2 s of queue libwebrtc's pacer gives up holding and its encoder drops frames, so a 4 s
     * blackout loses frame numbers for good: frames.skipped rises (measured 90-95 in the worst second
     * of a Java pair), unlike the 2 s one above where every frame came late.
     */
    @Test
    void aFourSecondBlackoutSkipsFramesForGood() throws IOException {
        RunSummary run = javaPairWithBlackout("4s", "18s");
        for (PeerSummary p : run.peers()) {
            assertThat(metric(p, "video.frames.skipped").max()).as(p.name() + ": frame numbers never seen, worst second").isGreaterThanOrEqualTo(10.0);
            assertThat(metric(p, "video.frozen").max()).as(p.name() + ": % of the worst second").isGreaterThanOrEqualTo(50.0);
            assertThat(p.metrics().get("video.fps.rendered").last()).as(p.name() + ": shown again at the end").isGreaterThan(10.0);
        }
    }

    /** A Java pair whose links black out for {@code blackout} from 6 s on, in a call of {@code duration}. */
    private RunSummary javaPairWithBlackout(String blackout, String duration) throws IOException {
        return run(SMALL.formatted(duration) + """
                name: marked-blackout-%s
                network: { seed: 3 }
                peers:
                  - kind: java
                    count: 2
                timeline:
                  - { at: 6s, network: { blackout: %s } }
                """.formatted(blackout, blackout));
    }
}
