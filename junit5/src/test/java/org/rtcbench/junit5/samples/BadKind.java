package org.rtcbench.junit5.samples;

import org.junit.jupiter.api.Test;
import org.rtcbench.junit5.Peer;
import org.rtcbench.junit5.RtcPeer;
import org.rtcbench.junit5.RtcRun;
import org.rtcbench.junit5.RtcTest;

/** Run by RtcExtensionIT: annotation values rtcbench does not know. */
@RtcTest(duration = "3s", target = "nosuch", results = "target/rtcbench-samples")
public class BadKind {
    @Test
    void aKindThatDoesNotExist(@RtcPeer(kind = "safari") Peer safari, RtcRun run) {
        run.call();
    }

    @Test
    void aTargetThatDoesNotExist(@RtcPeer(kind = "java") Peer java, RtcRun run) {
        run.call();
    }
}
