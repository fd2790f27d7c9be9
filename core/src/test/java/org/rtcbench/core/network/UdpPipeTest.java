package org.rtcbench.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real UDP on loopback through the pipe: each packet crosses the sender's uplink and the receiver's downlink. */
class UdpPipeTest {
    private static LinkShaper link(int delayMs, double loss, long seed) {
        return new LinkShaper(new LinkSpec(Duration.ofMillis(delayMs), null, loss, 1, 0, null, 0, 0), seed);
    }

    @Test
    void packetsCrossBothLinksDelaysAddUpAndTheAnswerComesBackToTheLearnedSender() throws Exception {
        try (DatagramChannel a = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel b = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            LinkShaper aUp = link(25, 0, 1);
            LinkShaper aDown = link(25, 0, 2);
            LinkShaper bUp = link(0, 0, 3);
            LinkShaper bDown = link(25, 0, 4);
            try (UdpPipe pipe = new UdpPipe("127.0.0.1", null, (InetSocketAddress) b.getLocalAddress(), aUp, aDown, bUp, bDown)) {
                InetSocketAddress toB = new InetSocketAddress("127.0.0.1", pipe.portForA());
                long sent = System.nanoTime();
                a.send(ByteBuffer.wrap("ping".getBytes()), toB);
                ByteBuffer got = ByteBuffer.allocate(100);
                InetSocketAddress from = (InetSocketAddress) b.receive(got);
                long oneWayMs = (System.nanoTime() - sent) / 1_000_000;
                assertThat(new String(got.array(), 0, got.position())).isEqualTo("ping");
                assertThat(from.getPort()).as("B sees the pipe's port for it as A").isEqualTo(pipe.portForB());
                assertThat(oneWayMs).as("A's uplink 25 ms + B's downlink 25 ms").isBetween(50L, 80L);

                long back = System.nanoTime();
                b.send(ByteBuffer.wrap("pong".getBytes()), from);
                got.clear();
                InetSocketAddress fromB = (InetSocketAddress) a.receive(got);
                assertThat(new String(got.array(), 0, got.position())).isEqualTo("pong");
                assertThat(fromB.getPort()).isEqualTo(pipe.portForA());
                assertThat((System.nanoTime() - back) / 1_000_000).as("B's uplink 0 ms + A's downlink 25 ms").isBetween(25L, 55L);
                assertThat(aUp.counters().snapshot().passed()).isEqualTo(1);
                assertThat(aDown.counters().snapshot().passed()).isEqualTo(1);
            }
        }
    }

    @Test
    void lossOnTheSendersUplinkIsCountedThereAndTheRestArrivesInOrder() throws Exception {
        try (DatagramChannel a = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel b = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            LinkShaper aUp = link(5, 0.1, 11);
            try (UdpPipe pipe = new UdpPipe("127.0.0.1", null, (InetSocketAddress) b.getLocalAddress(), aUp, link(0, 0, 1),
                    link(0, 0, 2), link(0, 0, 3))) {
                InetSocketAddress toB = new InetSocketAddress("127.0.0.1", pipe.portForA());
                b.configureBlocking(false);
                List<Integer> seen = new ArrayList<>();
                ByteBuffer got = ByteBuffer.allocate(300);
                for (int i = 0; i < 2000; i++) {
                    a.send(ByteBuffer.allocate(200).putInt(0, i), toB);
                    if (i % 20 == 0) {
                        Thread.sleep(1); // at most 20 packets a millisecond, read as they come: within the sockets' buffers
                        drain(b, got, seen);
                    }
                }
                long deadline = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < deadline && seen.size() < 2000 - aUp.counters().snapshot().dropped()) {
                    Thread.sleep(1);
                    drain(b, got, seen);
                }
                LinkCounters.Snapshot s;
                s = aUp.counters().snapshot();
                assertThat(s.arrived()).isEqualTo(2000);
                assertThat(s.dropRate()).isBetween(0.07, 0.13);
                assertThat(seen).hasSize((int) s.passed()).isSorted();
            }
        }
    }

    private static void drain(DatagramChannel b, ByteBuffer got, List<Integer> seen) throws java.io.IOException {
        while (true) {
            got.clear();
            if (b.receive(got) == null) {
                return;
            }
            seen.add(got.getInt(0));
        }
    }
}
