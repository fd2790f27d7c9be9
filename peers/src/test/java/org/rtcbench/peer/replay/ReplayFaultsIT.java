package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;

/** A replay connection that cannot be made fails with the reason (ICE, DTLS), within the connect timeout. */
class ReplayFaultsIT {
    private static final MediaSpec SMALL = new MediaSpec(new VideoSpec(320, 240, 15), true, true);

    /** Calls b from a with the answer (and offer) changed on the way; returns after both ended connecting or 20 s. */
    private static long call(ReplayPeer a, ReplayPeer b, UnaryOperator<String> offerOnTheWay, UnaryOperator<String> answerOnTheWay)
            throws InterruptedException {
        a.startMedia(SMALL, Role.SENDRECV);
        b.startMedia(SMALL, Role.SENDRECV);
        long start = System.currentTimeMillis();
        a.acceptAnswer("c", answerOnTheWay.apply(b.acceptOffer("c", offerOnTheWay.apply(a.createOffer("c", null)))));
        while (System.currentTimeMillis() - start < 20_000
                && (a.connectionState("c").equals("connecting") || b.connectionState("c").equals("connecting"))) {
            Thread.sleep(50);
        }
        return System.currentTimeMillis() - start;
    }

    @Test
    void aCertificateThatIsNotTheFingerprintsFailsTheHandshakeAndSaysSo() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ReplayPeer a = new ReplayPeer("a", lo); ReplayPeer b = new ReplayPeer("b", lo)) {
            // the answer's fingerprint is another certificate's: a man in the middle, or a broken signaling path
            String other = DtlsCertificate.create().fingerprint;
            long ms = call(a, b, o -> o, answer -> answer.replaceAll("a=fingerprint:sha-256 \\S+", "a=fingerprint:sha-256 " + other));
            assertThat(a.connectionState("c")).isEqualTo("failed");
            assertThat(a.failureReason("c")).startsWith("DTLS failed: ").contains("its SDP said " + other);
            assertThat(a.describeState("c", "failed")).startsWith("failed: DTLS failed: ");
            assertThat(b.connectionState("c")).as("the other end hears the alert").isEqualTo("failed");
            assertThat(b.failureReason("c")).startsWith("DTLS failed: ");
            assertThat(ms).as("within the connect timeout").isLessThan(15_000);
        }
    }

    @Test
    void candidatesThatNobodyAnswersFailIceWithinTheConnectTimeout() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ReplayPeer a = new ReplayPeer("a", lo); ReplayPeer b = new ReplayPeer("b", lo)) {
            // both ends' candidates name port 9 (discard): no check reaches anyone
            UnaryOperator<String> nowhere = sdp -> sdp.replaceAll("(a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1) \\d+", "$1 9");
            long ms = call(a, b, nowhere, nowhere);
            assertThat(a.connectionState("c")).isEqualTo("failed");
            assertThat(a.failureReason("c")).startsWith("ICE ");
            assertThat(b.connectionState("c")).isEqualTo("failed");
            assertThat(ms).as("ICE gives up within the 15 s connect timeout").isLessThan(17_000);
        }
    }
}
