package org.rtcbench.junit5.samples;

import org.junit.jupiter.api.Test;
import org.rtcbench.junit5.Peer;
import org.rtcbench.junit5.RtcPeer;
import org.rtcbench.junit5.RtcRun;
import org.rtcbench.junit5.RtcTest;

/** Run by RtcExtensionIT: a container peer of an image this host does not have. */
@RtcTest(duration = "3s", results = "target/rtcbench-samples")
public class MissingImage {
    @Test
    void aPeerThisHostCannotStart(@RtcPeer(kind = "chrome@container:rtcbench/no-such-image:0") Peer chrome, @RtcPeer(kind = "java") Peer java, RtcRun run) {
        run.call();
    }
}
