package com.example.interop;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rtcbench.junit5.Peer;
import org.rtcbench.junit5.RtcMatrix;
import org.rtcbench.junit5.RtcPeer;
import org.rtcbench.junit5.RtcRun;
import org.rtcbench.junit5.RtcTest;

/**
 * Who talks to whom, and how well: each test is a call through rtcbench's built-in P2P room, with
 * fake 320x240@15 media, and one run directory (report.html, run.json) under target/rtcbench.
 */
@RtcTest(duration = "8s")
class BrowserInteropTest {
    @Test
    void chromeCallsFirefox(@RtcPeer(kind = "chrome") Peer caller, @RtcPeer(kind = "firefox") Peer callee, RtcRun run) {
        run.call();
        run.assertThat("video.fps.p50").atLeast(10).forReceivers();
        run.assertThat("video.delay.p50").below(250).forAll();
    }

    @Test
    void javaCallsChrome(@RtcPeer(kind = "java") Peer caller, @RtcPeer(kind = "chrome") Peer callee, RtcRun run) {
        run.call(Duration.ofSeconds(8));
        run.assertThat("video.fps.p50").atLeast(10).forPeer(callee);
        run.assertThat("audio.delay.p50").below(400).forPeer(callee); // Chromium hears the Java peer's audio markers
        run.assertThat("video.psnr.p50").atLeast(30).forPeer(caller);
    }

    @RtcMatrix(kinds = {"chrome", "java"})
    void everyPairOfKinds(Peer caller, Peer callee, RtcRun run) {
        run.call();
        run.assertThat("video.fps.p50").atLeast(10).forReceivers();
    }
}
