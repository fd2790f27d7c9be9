package org.rtcbench.peer.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that read every replay connection's socket in this JVM, one per core, each with a
 * selector over its share of the sockets. Once a read found packets, the thread pauses
 * {@link #BATCH_MICROS} µs before it looks again, so that under load it wakes a few hundred times a
 * second for all its sockets rather than once per packet (on this kind of VM a wake-up costs 25-40 µs
 * of CPU, more than handling the packet); an idle loop waits in the selector and wakes at once. So a
 * packet waits at most that long when the loop is busy: a bias replay receivers' delays carry.
 */
final class SocketLoop {
    static final long BATCH_MICROS = 2_000;
    private static final SocketLoop[] LOOPS = new SocketLoop[Math.max(1, Runtime.getRuntime().availableProcessors())];
    private static final AtomicInteger NEXT = new AtomicInteger();

    /** What a loop's thread does for one socket. */
    interface Handler {
        /** A datagram: {@code buf[0, len)}, valid only during the call. */
        void datagram(byte[] buf, int len, java.net.SocketAddress from);

        /** Runs on the loop's thread when {@link SocketLoop#poke} was called for this handler. */
        void poked();

        /** The socket failed while registered (not when it was closed on purpose). */
        void failed(IOException e);
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Object[]> registrations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Handler> pokes = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    private final byte[] bytes = new byte[2048];

    private SocketLoop(int index) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("no selector for replay sockets: " + e.getMessage(), e);
        }
        Thread t = new Thread(this::run, "replay-io-" + index);
        t.setDaemon(true);
        t.start();
    }

    /** The loop a new socket goes to: round robin over the cores. All loops start with the first socket, so their number never changes after it. */
    static synchronized SocketLoop next() {
        if (LOOPS[0] == null) {
            for (int i = 0; i < LOOPS.length; i++) {
                LOOPS[i] = new SocketLoop(i);
            }
        }
        return LOOPS[Math.floorMod(NEXT.getAndIncrement(), LOOPS.length)];
    }

    /** Reads {@code channel} (non-blocking) on this loop's thread from now on, until it closes. */
    void register(DatagramChannel channel, Handler handler) {
        registrations.add(new Object[] {channel, handler});
        selector.wakeup();
    }

    /** Runs {@code handler.poked()} on this loop's thread soon, in order with its datagrams. */
    void poke(Handler handler) {
        pokes.add(handler);
        selector.wakeup();
    }

    /** Wakes the loop so that it lets go of sockets closed meanwhile (a closed, registered channel keeps its descriptor until then). */
    void wakeup() {
        selector.wakeup();
    }

    private void run() {
        boolean busy = false;
        while (true) {
            try {
                if (busy) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(BATCH_MICROS));
                    selector.selectNow();
                } else {
                    selector.select();
                }
            } catch (IOException e) {
                continue; // a selector fails only on a closed selector, which this one never is
            }
            Object[] r;
            while ((r = registrations.poll()) != null) {
                try {
                    ((DatagramChannel) r[0]).register(selector, SelectionKey.OP_READ, r[1]);
                } catch (ClosedChannelException e) {
                    // closed before it got here: nothing to read
                }
            }
            Handler h;
            while ((h = pokes.poll()) != null) {
                try {
                    h.poked();
                } catch (RuntimeException e) {
                    h.failed(new IOException("handling what came early failed: " + e, e));
                }
            }
            busy = false;
            var keys = selector.selectedKeys();
            for (SelectionKey k : keys) {
                busy |= drain(k);
            }
            keys.clear();
        }
    }

    /** Reads every datagram waiting on the key's channel; true when there was one. */
    private boolean drain(SelectionKey k) {
        DatagramChannel ch = (DatagramChannel) k.channel();
        Handler h = (Handler) k.attachment();
        boolean any = false;
        try {
            while (k.isValid()) {
                buffer.clear();
                java.net.SocketAddress from = ch.receive(buffer);
                if (from == null) {
                    break;
                }
                any = true;
                buffer.flip();
                int len = buffer.remaining();
                buffer.get(bytes, 0, len);
                h.datagram(bytes, len, from);
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            k.cancel();
        } catch (IOException e) {
            k.cancel();
            h.failed(e);
        } catch (RuntimeException e) {
            k.cancel(); // a bug in one connection's handling ends that connection, not the loop of all the others
            h.failed(new IOException("handling a datagram failed: " + e, e));
        }
        return any;
    }
}
