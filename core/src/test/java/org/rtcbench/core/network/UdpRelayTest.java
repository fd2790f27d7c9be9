package org.rtcbench.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real UDP on loopback through the relay: each packet crosses the sender's uplink and the receiver's downlink. */
class UdpRelayTest {
    private static LinkShaper link(int delayMs, double loss, long seed) {
        return new LinkShaper(new LinkSpec(Duration.ofMillis(delayMs), null, loss, 1, 0, null, 0, 0), seed);
    }

    private static UdpRelay.Side side(LinkShaper up, LinkShaper down) {
        return new UdpRelay.Side(up, down);
    }

    @Test
    void packetsCrossBothLinksDelaysAddUpAndTheReplyComesBackFromThePort() throws Exception {
        try (DatagramChannel owner = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel remote = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             UdpRelay relay = new UdpRelay("test")) {
            LinkShaper ownerUp = link(25, 0, 1);
            LinkShaper ownerDown = link(25, 0, 2);
            LinkShaper remoteUp = link(0, 0, 3);
            LinkShaper remoteDown = link(25, 0, 4);
            UdpRelay.Port port = relay.open("127.0.0.1", (InetSocketAddress) owner.getLocalAddress(), side(ownerUp, ownerDown),
                    side(remoteUp, remoteDown));
            long sent = System.nanoTime();
            remote.send(ByteBuffer.wrap("ping".getBytes()), port.address());
            ByteBuffer got = ByteBuffer.allocate(100);
            InetSocketAddress mapped = (InetSocketAddress) owner.receive(got);
            assertThat(new String(got.array(), 0, got.position())).isEqualTo("ping");
            assertThat(mapped.getPort()).as("the owner sees the remote's own relay port, not the one it advertised")
                    .isNotEqualTo(port.address().getPort());
            assertThat((System.nanoTime() - sent) / 1_000_000).as("remote's uplink 0 ms + owner's downlink 25 ms").isBetween(25L, 55L);

            long back = System.nanoTime();
            owner.send(ByteBuffer.wrap("pong".getBytes()), mapped);
            got.clear();
            InetSocketAddress from = (InetSocketAddress) remote.receive(got);
            assertThat(new String(got.array(), 0, got.position())).isEqualTo("pong");
            assertThat(from).as("the reply comes from the port that stands for the owner").isEqualTo(port.address());
            assertThat((System.nanoTime() - back) / 1_000_000).as("owner's uplink 25 ms + remote's downlink 25 ms").isBetween(50L, 80L);
            assertThat(ownerUp.counters().snapshot().passed()).isEqualTo(1);
            assertThat(ownerDown.counters().snapshot().passed()).isEqualTo(1);
            assertThat(relay.sockets()).as("the port and one mapped remote").isEqualTo(2);
        }
    }

    @Test
    void eachRemoteSourceGetsItsOwnMappingSoRepliesReachOnlyItsSender() throws Exception {
        try (DatagramChannel owner = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel r1 = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel r2 = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             UdpRelay relay = new UdpRelay("test")) {
            UdpRelay.Side clean = side(link(0, 0, 1), link(0, 0, 2));
            UdpRelay.Port port = relay.open("127.0.0.1", (InetSocketAddress) owner.getLocalAddress(), clean, clean);
            r1.send(ByteBuffer.wrap("one".getBytes()), port.address());
            ByteBuffer got = ByteBuffer.allocate(100);
            InetSocketAddress m1 = (InetSocketAddress) owner.receive(got);
            r2.send(ByteBuffer.wrap("two".getBytes()), port.address());
            got.clear();
            InetSocketAddress m2 = (InetSocketAddress) owner.receive(got);
            assertThat(m1).isNotEqualTo(m2);
            owner.send(ByteBuffer.wrap("to-two".getBytes()), m2);
            got.clear();
            r2.receive(got);
            assertThat(new String(got.array(), 0, got.position())).isEqualTo("to-two");
            r1.configureBlocking(false);
            got.clear();
            assertThat(r1.receive(got)).as("r1 never sees r2's reply").isNull();
        }
    }

    @Test
    void lossOnTheSendersUplinkIsCountedThereAndTheRestArrivesInOrder() throws Exception {
        try (DatagramChannel owner = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel remote = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             UdpRelay relay = new UdpRelay("test")) {
            LinkShaper remoteUp = link(5, 0.1, 11);
            UdpRelay.Port port = relay.open("127.0.0.1", (InetSocketAddress) owner.getLocalAddress(), side(link(0, 0, 1), link(0, 0, 2)),
                    side(remoteUp, link(0, 0, 3)));
            owner.configureBlocking(false);
            List<Integer> seen = new ArrayList<>();
            ByteBuffer got = ByteBuffer.allocate(300);
            for (int i = 0; i < 2000; i++) {
                remote.send(ByteBuffer.allocate(200).putInt(0, i), port.address());
                if (i % 20 == 19) {
                    // 20 at a time, each batch read before the next is sent: the owner's socket buffer never
                    // overflows, however late a busy host runs this thread (the test is about the link's loss)
                    long batchDeadline = System.nanoTime() + 500_000_000L;
                    do {
                        Thread.sleep(1);
                        drain(owner, got, seen);
                    } while (seen.size() < remoteUp.counters().snapshot().passed() && System.nanoTime() < batchDeadline);
                }
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < deadline && seen.size() < 2000 - remoteUp.counters().snapshot().dropped()) {
                Thread.sleep(1);
                drain(owner, got, seen);
            }
            LinkCounters.Snapshot s = remoteUp.counters().snapshot();
            assertThat(s.arrived()).isEqualTo(2000);
            assertThat(s.dropRate()).isBetween(0.07, 0.13);
            assertThat(s.dropsByCause()).containsOnlyKeys(LinkShaper.Drop.LOSS);
            assertThat(seen).hasSize((int) s.passed()).isSorted();
        }
    }

    private static void drain(DatagramChannel c, ByteBuffer got, List<Integer> seen) throws java.io.IOException {
        while (true) {
            got.clear();
            if (c.receive(got) == null) {
                return;
            }
            seen.add(got.getInt(0));
        }
    }

    @Test
    void aReceiverThatDiesTellsTheListenerWhyOnceAndAClosedRelayTellsNothing() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<String> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        try (UdpRelay relay = new UdpRelay("test")) {
            relay.onFailure(heard::add);
            relay.selectorForTest().close(); // the receiver's select() now throws, as on a broken selector
            String why = heard.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(why).startsWith("the network relay stopped: java.nio.channels.ClosedSelectorException");
            assertThat(relay.failure()).isEqualTo(why);
            List<String> late = new ArrayList<>();
            relay.onFailure(late::add);
            assertThat(late).as("a listener registered after the failure hears it at once").containsExactly(why);
        }
        assertThat(heard).as("nothing more, also on close").isEmpty();

        List<String> quiet = new ArrayList<>();
        try (UdpRelay relay = new UdpRelay("test")) {
            relay.onFailure(quiet::add);
        }
        assertThat(quiet).as("closing is not a failure").isEmpty();
    }
}
