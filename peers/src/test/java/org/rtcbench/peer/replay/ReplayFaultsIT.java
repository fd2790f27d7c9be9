package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;

/** A replay connection that cannot be made fails with the reason (ICE, DTLS, SRTP), within the connect timeout. */
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

    @Test
    void srtpThatNeverAuthenticatesFailsTheReceiverAndSaysSo() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ReplayPeer a = new ReplayPeer("a", lo); ReplayPeer b = new ReplayPeer("b", lo);
             CorruptingMiddlebox box = new CorruptingMiddlebox()) {
            // every SRTP and SRTCP packet from a reaches b with its authentication tag changed; STUN and DTLS pass
            long start = System.currentTimeMillis();
            call(a, b, box::standInForA, box::standInForB);
            while (!b.connectionState("c").equals("failed") && System.currentTimeMillis() - start < 20_000) {
                Thread.sleep(50);
            }
            assertThat(box.failure()).as("the middlebox forwarded every packet").isNull();
            assertThat(box.corrupted()).as("SRTP packets a sent through the box (b: %s)", b.describeState("c", b.connectionState("c")))
                    .isGreaterThan(0);
            assertThat(b.connectionState("c")).as("b: %s", b.describeState("c", b.connectionState("c"))).isEqualTo("failed");
            assertThat(b.failureReason("c")).startsWith("SRTP authentication failed on all of the first ")
                    .endsWith(" packets: the remote's keys are not those DTLS agreed");
            assertThat(System.currentTimeMillis() - start).as("within the 15 s connect timeout").isLessThan(15_000);
        }
    }

    /**
     * A UDP middlebox between a (the offerer) and b on loopback: each side's candidate is replaced by
     * a port of the box, so every packet crosses it; on the way from a to b it flips the last byte
     * (the authentication tag) of every SRTP/SRTCP packet.
     */
    private static final class CorruptingMiddlebox implements AutoCloseable {
        private final java.net.DatagramSocket forA = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final java.net.DatagramSocket forB = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final java.util.concurrent.atomic.AtomicLong corrupted = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicReference<java.io.IOException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        private volatile int portOfA;
        private volatile int portOfB;

        CorruptingMiddlebox() throws java.io.IOException {
            // what b sends to a's stand-in goes on to a, from b's stand-in (and the other way round)
            start("middlebox-to-a", () -> pump(forA, forB, () -> portOfA, false));
            start("middlebox-to-b", () -> pump(forB, forA, () -> portOfB, true));
        }

        private static void start(String name, Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        }

        String standInForA(String offer) {
            return swapPort(offer, forA.getLocalPort(), p -> portOfA = p);
        }

        String standInForB(String answer) {
            return swapPort(answer, forB.getLocalPort(), p -> portOfB = p);
        }

        long corrupted() {
            return corrupted.get();
        }

        /** The first packet the box could not forward, or null. */
        java.io.IOException failure() {
            return failure.get();
        }

        private static String swapPort(String sdp, int standIn, java.util.function.IntConsumer real) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1) (\\d+)").matcher(sdp);
            assertThat(m.find()).as("a loopback candidate in %s", sdp).isTrue();
            real.accept(Integer.parseInt(m.group(2)));
            return m.replaceAll("$1 " + standIn);
        }

        private void pump(java.net.DatagramSocket in, java.net.DatagramSocket out, java.util.function.IntSupplier to, boolean corrupt) {
            byte[] buf = new byte[2048];
            java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
            while (!in.isClosed()) {
                try {
                    p.setLength(buf.length);
                    in.receive(p);
                    int port = to.getAsInt();
                    if (port == 0) {
                        // b checks a as soon as it has the offer, and a answers those checks before the
                        // answer (and so b's real port) has passed the box: dropped, as a NAT would
                        continue;
                    }
                    int first = buf[0] & 0xff;
                    if (corrupt && first >= 128 && first <= 191) {
                        buf[p.getLength() - 1] ^= 0x5a;
                        corrupted.incrementAndGet();
                    }
                    out.send(new java.net.DatagramPacket(buf, p.getLength(), InetAddress.getLoopbackAddress(), port));
                } catch (java.io.IOException e) {
                    if (!in.isClosed()) {
                        failure.compareAndSet(null, e); // the test fails on it; the box goes on forwarding
                    }
                }
            }
        }

        @Override
        public void close() {
            forA.close();
            forB.close();
        }
    }
}
