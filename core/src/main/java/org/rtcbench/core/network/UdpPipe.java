package org.rtcbench.core.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * A userspace UDP hop between two endpoints, A and B, on the media path: A sends to
 * {@link #portForA()} (which stands for B), B to {@link #portForB()} (which stands for A), and each
 * packet crosses the sender's uplink and the receiver's downlink, each a {@link LinkShaper}, before
 * it leaves from the other port, so each side sees the pipe as its partner. Where a packet goes:
 * B's address is given; A's is learned from the first packet A sends (and B's too, if B sends
 * first from another port). One thread receives and shapes (it sleeps until a packet comes), one
 * sends each packet at its departure time (a DelayQueue, so to within tens of microseconds, not
 * a selector's milliseconds); nothing is queued beyond the shapers' own limits.
 */
public final class UdpPipe implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65_536;

    /** One packet waiting for its departure time. */
    private record Pending(long departs, long order, ByteBuffer data, DatagramChannel from, InetSocketAddress to)
            implements java.util.concurrent.Delayed {
        @Override
        public long getDelay(java.util.concurrent.TimeUnit unit) {
            return unit.convert(departs - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed o) {
            Pending p = (Pending) o;
            return departs != p.departs ? Long.compare(departs, p.departs) : Long.compare(order, p.order);
        }
    }

    /** Ends the sender. */
    private static final Pending STOP = new Pending(Long.MIN_VALUE, -1, null, null, null);

    private final DatagramChannel forA;
    private final DatagramChannel forB;
    private final Selector selector;
    private final LinkShaper aUp;
    private final LinkShaper bDown;
    private final LinkShaper bUp;
    private final LinkShaper aDown;
    private final java.util.concurrent.DelayQueue<Pending> queue = new java.util.concurrent.DelayQueue<>();
    private final Thread thread;
    private final Thread sender;
    private volatile InetSocketAddress a;
    private volatile InetSocketAddress b;
    private volatile boolean closed;
    private long order;

    /**
     * @param bind the address the two ports bind to (127.0.0.1, or a test network's)
     * @param a    A's address, or null to learn it from A's first packet
     * @param b    B's address, or null to learn it from B's first packet
     */
    public UdpPipe(String bind, InetSocketAddress a, InetSocketAddress b, LinkShaper aUp, LinkShaper aDown,
                   LinkShaper bUp, LinkShaper bDown) throws IOException {
        this.a = a;
        this.b = b;
        this.aUp = aUp;
        this.aDown = aDown;
        this.bUp = bUp;
        this.bDown = bDown;
        this.forA = open(bind);
        this.forB = open(bind);
        this.selector = Selector.open();
        forA.register(selector, SelectionKey.OP_READ);
        forB.register(selector, SelectionKey.OP_READ);
        this.thread = new Thread(this::loop, "rtcbench-udp-pipe-" + portForA());
        this.sender = new Thread(this::send, "rtcbench-udp-pipe-send-" + portForA());
        thread.setDaemon(true);
        sender.setDaemon(true);
        thread.start();
        sender.start();
    }

    private static DatagramChannel open(String bind) throws IOException {
        DatagramChannel c = DatagramChannel.open();
        c.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        c.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        c.bind(new InetSocketAddress(bind, 0));
        c.configureBlocking(false);
        return c;
    }

    /** CPU time the pipe's thread has used so far, in nanoseconds (-1 where the JVM cannot tell). */
    public long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(thread.getId()) + mx.getThreadCpuTime(sender.getId()) : -1;
    }

    /** The port A sends to: B, as A sees it. */
    public int portForA() {
        return ((InetSocketAddress) forA.socket().getLocalSocketAddress()).getPort();
    }

    /** The port B sends to: A, as B sees it. */
    public int portForB() {
        return ((InetSocketAddress) forB.socket().getLocalSocketAddress()).getPort();
    }

    private void loop() {
        ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (!closed) {
                selector.select();
                selector.selectedKeys().clear();
                receive(forA, in, true);
                receive(forB, in, false);
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (!closed) {
                throw new IllegalStateException("the UDP pipe on port " + portForA() + " stopped: " + e.getMessage(), e);
            }
        }
    }

    private void send() {
        try {
            while (true) {
                Pending p = queue.take();
                if (p == STOP || closed) {
                    return;
                }
                p.from.send(p.data, p.to);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException("the UDP pipe on port " + portForA() + " could not send: " + e.getMessage(), e);
            }
        }
    }

    private void receive(DatagramChannel channel, ByteBuffer in, boolean fromA) throws IOException {
        while (true) {
            in.clear();
            InetSocketAddress sender = (InetSocketAddress) channel.receive(in);
            if (sender == null) {
                return;
            }
            in.flip();
            long now = System.nanoTime();
            if (fromA) {
                if (a == null) {
                    a = sender;
                }
                shape(now, in, aUp, bDown, forB, b);
            } else {
                if (b == null) {
                    b = sender;
                }
                shape(now, in, bUp, aDown, forA, a);
            }
        }
    }

    /** The packet crosses the sender's uplink, then the receiver's downlink, then leaves from {@code out}. */
    private void shape(long now, ByteBuffer in, LinkShaper up, LinkShaper down, DatagramChannel out, InetSocketAddress to) {
        if (to == null) {
            return; // the other side is not known yet
        }
        int bytes = in.remaining();
        LinkShaper.Verdict first = up.offer(now, bytes);
        if (first.dropped()) {
            return;
        }
        for (long leftUp : new long[] {first.departs(), first.duplicateDeparts()}) {
            if (leftUp < 0) {
                continue;
            }
            LinkShaper.Verdict second = down.offer(leftUp, bytes);
            if (second.dropped()) {
                continue;
            }
            for (long departs : new long[] {second.departs(), second.duplicateDeparts()}) {
                if (departs >= 0) {
                    ByteBuffer copy = ByteBuffer.allocate(bytes);
                    copy.put(in.duplicate()).flip();
                    queue.put(new Pending(departs, order++, copy, out, to));
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        queue.put(STOP);
        try {
            thread.join(2000);
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable c : new AutoCloseable[] {selector, forA, forB}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing
            }
        }
    }
}
