package org.rtcbench.core.network;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The userspace impairment point on the media path: a UDP relay that stands in for ICE candidates.
 * {@link #open} gives a port that stands for one endpoint's candidate (the <em>owner</em>); whoever
 * sends to it (the <em>remote</em>) gets its own port towards the owner, the way a NAT maps each
 * source, so the owner's replies find their way back to that source alone and each side sees the
 * relay as its partner (ICE learns it as a peer-reflexive candidate). A packet from the remote
 * crosses the remote's uplink and the owner's downlink, each a {@link LinkShaper}; a reply crosses
 * the owner's uplink and the remote's downlink; then it leaves at its departure time.
 *
 * <p>Every port of one relay shares two threads, whatever their number: one receives and shapes
 * (it sleeps in a selector until a packet comes), one sends each packet at its departure time (a
 * {@link DelayQueue}, to within tens of microseconds). Nothing is queued beyond the shapers' own limits.
 */
public final class UdpRelay implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65_536;
    /** Sources one port maps at most (a peer's few candidates); more are dropped, so a stray sender costs no sockets. */
    private static final int MAX_REMOTES = 16;

    /** What one side of a port is: the shapers a packet crosses on its way in and out. */
    public record Side(LinkShaper up, LinkShaper down) {
    }

    /** A relay port standing for the owner's candidate at {@link #owner()}, reached at {@link #address()}. */
    public final class Port {
        private final DatagramChannel channel;
        private final InetSocketAddress owner;
        private final Side ownerSide;
        private final Side remoteSide;
        /** Each remote source's own channel towards the owner; only the selector thread touches it. */
        private final Map<InetSocketAddress, DatagramChannel> remotes = new HashMap<>();

        private Port(DatagramChannel channel, InetSocketAddress owner, Side ownerSide, Side remoteSide) {
            this.channel = channel;
            this.owner = owner;
            this.ownerSide = ownerSide;
            this.remoteSide = remoteSide;
        }

        /** Where the remote sends: the address that replaces the owner's candidate. */
        public InetSocketAddress address() {
            return (InetSocketAddress) channel.socket().getLocalSocketAddress();
        }

        /** The owner's own candidate, which packets are relayed to. */
        public InetSocketAddress owner() {
            return owner;
        }
    }

    /** A remote's channel towards the owner: what the owner's replies arrive on. */
    private record Mapping(Port port, InetSocketAddress remote) {
    }

    /** One packet waiting for its departure time. */
    private record Pending(long departs, long order, ByteBuffer data, DatagramChannel from, InetSocketAddress to) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(departs - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Pending p = (Pending) o;
            return departs != p.departs ? Long.compare(departs, p.departs) : Long.compare(order, p.order);
        }
    }

    /** Ends the sender. */
    private static final Pending STOP = new Pending(Long.MIN_VALUE, -1, null, null, null);

    private final Selector selector;
    private final DelayQueue<Pending> queue = new DelayQueue<>();
    private final ConcurrentLinkedQueue<Port> toRegister = new ConcurrentLinkedQueue<>();
    private final List<DatagramChannel> channels = new CopyOnWriteArrayList<>();
    private final Thread receiver;
    private final Thread sender;
    private volatile boolean closed;
    private volatile String failure;
    private Consumer<String> onFailure = why -> { };
    private long order;

    /** Starts the relay's two threads, named after {@code name}. */
    public UdpRelay(String name) throws IOException {
        this.selector = Selector.open();
        this.receiver = new Thread(this::receive, "rtcbench-relay-" + name);
        this.sender = new Thread(this::send, "rtcbench-relay-send-" + name);
        receiver.setDaemon(true);
        sender.setDaemon(true);
        receiver.start();
        sender.start();
    }

    /**
     * Opens a port on {@code bind} that stands for the owner's candidate {@code owner}.
     *
     * @param ownerSide  the owner's access link
     * @param remoteSide the access link of whoever sends to the port (a clean one for an SFU)
     */
    public Port open(String bind, InetSocketAddress owner, Side ownerSide, Side remoteSide) throws IOException {
        if (closed) {
            throw new IOException("the relay is closed");
        }
        Port p = new Port(channel(bind), owner, ownerSide, remoteSide);
        toRegister.add(p);
        selector.wakeup();
        return p;
    }

    /** Why the relay stopped relaying, or null while it works. */
    public String failure() {
        return failure;
    }

    /** Calls {@code listener} once with the reason if the relay stops relaying before it is closed (at once if it already has). */
    public void onFailure(Consumer<String> listener) {
        String why;
        synchronized (this) {
            onFailure = listener;
            why = failure;
        }
        if (why != null) {
            listener.accept(why);
        }
    }

    Selector selectorForTest() {
        return selector;
    }

    private void failed(String why) {
        Consumer<String> listener;
        synchronized (this) {
            if (closed || failure != null) {
                return;
            }
            failure = why;
            listener = onFailure;
        }
        listener.accept(why);
    }

    /** CPU time the relay's two threads have used so far, in nanoseconds (-1 where the JVM cannot tell). */
    public long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(receiver.getId()) + mx.getThreadCpuTime(sender.getId()) : -1;
    }

    /** How many sockets the relay holds: its ports and the remotes mapped on them. */
    public int sockets() {
        return channels.size();
    }

    private DatagramChannel channel(String bind) throws IOException {
        DatagramChannel c = DatagramChannel.open();
        try {
            c.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            c.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            c.bind(new InetSocketAddress(bind, 0));
            c.configureBlocking(false);
        } catch (IOException e) {
            c.close();
            throw new IOException("cannot open a relay port on " + bind + ": " + e.getMessage(), e);
        }
        channels.add(c);
        return c;
    }

    private void receive() {
        ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (!closed) {
                selector.select();
                for (Port p; (p = toRegister.poll()) != null; ) {
                    p.channel.register(selector, SelectionKey.OP_READ, p);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel c = (DatagramChannel) key.channel();
                    if (key.attachment() instanceof Port p) {
                        fromRemote(p, c, in);
                    } else {
                        fromOwner((Mapping) key.attachment(), c, in);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            // Every impaired peer's media goes through this thread: without it the run measures nothing real.
            failed("the network relay stopped: " + e);
        }
    }

    /** A packet to the owner: through the remote's uplink and the owner's downlink, out of the remote's own channel. */
    private void fromRemote(Port p, DatagramChannel c, ByteBuffer in) throws IOException {
        InetSocketAddress from;
        while ((from = receiveOne(c, in)) != null) {
            DatagramChannel out = p.remotes.get(from);
            if (out == null) {
                if (p.remotes.size() >= MAX_REMOTES) {
                    continue;
                }
                out = channel(p.address().getAddress().getHostAddress());
                out.register(selector, SelectionKey.OP_READ, new Mapping(p, from));
                p.remotes.put(from, out);
            }
            shape(System.nanoTime(), in, p.remoteSide.up(), p.ownerSide.down(), out, p.owner);
        }
    }

    /** The owner's reply to one remote: through the owner's uplink and the remote's downlink, out of the port. */
    private void fromOwner(Mapping m, DatagramChannel c, ByteBuffer in) throws IOException {
        InetSocketAddress from;
        while ((from = receiveOne(c, in)) != null) {
            if (from.equals(m.port().owner)) {
                shape(System.nanoTime(), in, m.port().ownerSide.up(), m.port().remoteSide.down(), m.port().channel, m.remote());
            }
        }
    }

    private static InetSocketAddress receiveOne(DatagramChannel c, ByteBuffer in) throws IOException {
        in.clear();
        InetSocketAddress from = (InetSocketAddress) c.receive(in);
        in.flip();
        return from;
    }

    /** The packet crosses the sender's uplink, then the receiver's downlink, then leaves from {@code out}. */
    private void shape(long now, ByteBuffer in, LinkShaper up, LinkShaper down, DatagramChannel out, InetSocketAddress to) {
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

    private void send() {
        try {
            while (true) {
                Pending p = queue.take();
                if (p == STOP || closed) {
                    return;
                }
                try {
                    p.from.send(p.data, p.to);
                } catch (IOException e) {
                    // one endpoint went away (a peer closed): its packets are lost, as on a real network
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed("the network relay stopped sending: " + e);
        }
    }

    /** Stops both threads and closes every port. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        queue.put(STOP);
        try {
            receiver.join(2000);
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
        for (DatagramChannel c : channels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        channels.clear();
    }
}
