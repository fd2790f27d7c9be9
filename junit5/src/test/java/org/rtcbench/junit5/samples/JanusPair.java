package org.rtcbench.junit5.samples;

import org.junit.jupiter.api.Test;
import org.rtcbench.junit5.Peer;
import org.rtcbench.junit5.RtcPeer;
import org.rtcbench.junit5.RtcRun;
import org.rtcbench.junit5.RtcTest;

/** Run by RtcExtensionIT through the JUnit Platform (not on its own): two Java peers meet in a local Janus's room. */
@RtcTest(duration = "6s", target = "janus", results = "target/rtcbench-samples")
public class JanusPair {
    @Test
    void javaMeetsJavaThroughJanus(@RtcPeer(kind = "java") Peer one, @RtcPeer(kind = "java") Peer two, RtcRun run) {
        run.call();
        run.assertThat("video.fps.p50").atLeast(10).forReceivers();
        run.assertThat("video.delay.p50").below(150).forPeer(two);
    }
}
