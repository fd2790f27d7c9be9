package org.rtcbench.junit5.samples;

import org.rtcbench.junit5.Peer;
import org.rtcbench.junit5.RtcMatrix;
import org.rtcbench.junit5.RtcRun;
import org.rtcbench.junit5.RtcTest;

/** Run by RtcExtensionIT: a matrix of Java peers in this JVM and in... this JVM again, named apart. */
@RtcTest(duration = "4s", results = "target/rtcbench-samples")
public class JavaMatrix {
    @RtcMatrix(kinds = {"java", "java@in-process"})
    void cell(Peer caller, Peer callee, RtcRun run) {
        run.call();
        run.assertThat("video.fps.p50").atLeast(5).forPeer(callee);
    }
}
