package org.rtcbench.junit5.samples;

import org.junit.jupiter.api.Test;
import org.rtcbench.junit5.Peer;
import org.rtcbench.junit5.RtcPeer;
import org.rtcbench.junit5.RtcRun;
import org.rtcbench.junit5.RtcTest;

/** Run by RtcExtensionIT through the JUnit Platform (not on its own): two Java peers in a call. */
@RtcTest(duration = "6s", results = "target/rtcbench-samples")
public class JavaPair {
    @Test
    void javaCallsJava(@RtcPeer(kind = "java") Peer caller, @RtcPeer(kind = "java") Peer callee, RtcRun run) {
        run.call();
        run.assertThat("video.fps.p50").atLeast(10).forReceivers();
        run.assertThat("video.delay.p50").below(150).forPeer(callee);
        run.assertThat("rtt.p95").below(100).forKind("java");
    }

    @Test
    void aCheckThatCannotHold(@RtcPeer(kind = "java", name = "alice") Peer alice, @RtcPeer(kind = "java", name = "bob") Peer bob, RtcRun run) {
        run.call();
        run.assertThat("video.fps.p50").atLeast(1000).forReceivers();
    }
}
