package org.rtcbench.peer.replay;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;

/**
 * A replay connection's ICE (ice4j, full ICE, one bundled component with rtcp-mux): host candidates on
 * the one address this peer advertises (127.0.0.1, or this host's address on a test network), the
 * remote's UDP candidates from its SDP, and a non-blocking socket that a {@link SocketLoop} thread reads:
 * STUN goes to ice4j (checks, then consent), everything else (DTLS, RTP, RTCP) to the connection's
 * {@link Receiver}.
 *
 * <p>The socket is not ice4j's multiplexing socket: with that, whichever thread called
 * receive() while no read was under way did the next read, and ice4j's connector thread (waking every
 * second) soon took that role for good, reading every media packet and handing it over with a wake-up:
 * 0.31 of the 1.37 cores of 320 replay peers went there.
 */
final class IceTransport implements AutoCloseable {
    /** Held, so their levels stay (java.util.logging keeps loggers weakly): ice4j and jitsi-utils say only what is severe. */
    private static final java.util.logging.Logger[] QUIET = {
        java.util.logging.Logger.getLogger("org.ice4j"), java.util.logging.Logger.getLogger("org.jitsi"),
        java.util.logging.Logger.getLogger("JitsiConfig")};

    static {
        for (java.util.logging.Logger l : QUIET) {
            l.setLevel(Level.SEVERE);
        }
        // read once per JVM, before any ice4j class reads its config: no cloud metadata lookup (ice4j
        // asks 169.254.169.254 otherwise), no IPv6, no STUN mapping; consent as requests every 5 s
        System.setProperty("org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER", "true");
        System.setProperty("org.ice4j.ipv6.DISABLED", "true");
        System.setProperty("org.ice4j.SOFTWARE", "");
    }

    /** Where a connection takes what is not STUN: called on a {@link SocketLoop} thread, which it must never block. */
    interface Receiver {
        void packet(byte[] buf, int len);

        /** The socket failed under the transport while it was open. */
        void failed(String why);
    }

    /** Packets kept while no receiver is set (a DTLS ClientHello may come before the checks end here). */
    private static final int EARLY_PACKETS = 32;

    private final Agent agent = new Agent();
    private final Component component;
    private final DatagramChannel channel;
    private final StunView stun;
    private final SocketLoop loop = SocketLoop.next();
    private final CompletableFuture<IceProcessingState> done = new CompletableFuture<>();
    /** Touched only on the loop's thread. */
    private final java.util.ArrayDeque<byte[]> early = new java.util.ArrayDeque<>();
    private volatile Receiver receiver;
    private volatile boolean closed;
    private final Reading reading = new Reading();

    IceTransport(InetAddress address) {
        try {
            channel = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress(address, 0));
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("no UDP port on " + address.getHostAddress() + ": " + e.getMessage(), e);
        }
        stun = new StunView(channel);
        agent.setLoggingLevel(Level.SEVERE);
        agent.setUseDynamicPorts(false); // its own host harvester never offers loopback
        agent.addCandidateHarvester(new OneAddress(channel.socket(), stun));
        agent.setPerformConsentFreshness(true);
        agent.addStateChangeListener((PropertyChangeEvent e) -> {
            IceProcessingState s = (IceProcessingState) e.getNewValue();
            if (s == IceProcessingState.COMPLETED || s == IceProcessingState.FAILED) {
                done.complete(s);
            }
        });
        IceMediaStream stream = agent.createMediaStream("bundle");
        try {
            // no merging component socket: its reader thread would hand every packet on once more
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        } catch (IOException | RuntimeException e) {
            agent.free();
            closeChannel();
            throw new UncheckedIOException("no ICE component on " + address.getHostAddress() + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        loop.register(channel, reading);
    }

    /** Hands every packet that is not STUN to {@code r} from now on (on a {@link SocketLoop} thread), those that came before it first. */
    void receive(Receiver r) {
        receiver = r;
        loop.poke(reading);
    }

    /** What the loop's thread does with this transport's datagrams: STUN to ice4j, the rest to the receiver. */
    private final class Reading implements SocketLoop.Handler {
        @Override
        public void datagram(byte[] buf, int len, java.net.SocketAddress from) {
            if (isStun(buf, len)) {
                stun.offer(buf, len, from);
                return;
            }
            Receiver r = receiver;
            if (r == null) {
                if (early.size() < EARLY_PACKETS) {
                    early.add(java.util.Arrays.copyOf(buf, len));
                }
                return;
            }
            poked();
            r.packet(buf, len);
        }

        @Override
        public void poked() {
            Receiver r = receiver;
            byte[] e;
            while (r != null && (e = early.poll()) != null) {
                r.packet(e, e.length);
            }
        }

        @Override
        public void failed(IOException e) {
            Receiver r = receiver;
            if (!closed && r != null) {
                r.failed("the ICE socket failed: " + e.getMessage());
            }
        }
    }

    /** RFC 7983: a first byte of 0-3 and STUN's magic cookie. */
    static boolean isStun(byte[] b, int len) {
        return len >= 20 && (b[0] & 0xff) < 4 && b[4] == 0x21 && b[5] == 0x12 && (b[6] & 0xff) == 0xa4 && b[7] == 0x42;
    }

    String ufrag() {
        return agent.getLocalUfrag();
    }

    String password() {
        return agent.getLocalPassword();
    }

    List<SdpWriter.Candidate> candidates() {
        List<SdpWriter.Candidate> out = new ArrayList<>();
        for (LocalCandidate c : component.getLocalCandidates()) {
            out.add(new SdpWriter.Candidate(c.getFoundation(), c.getPriority(), c.getTransportAddress().getHostAddress(),
                    c.getTransportAddress().getPort(), c.getType().toString()));
        }
        return out;
    }

    /**
     * Sets the remote's credentials and UDP candidates (component 1; mDNS names, TCP and component 2
     * are skipped) and starts the checks, as the controlling side when this peer made the offer.
     */
    void start(boolean controlling, String ufrag, String password, List<Sdp.Candidate> remote) {
        IceMediaStream stream = component.getParentStream();
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(password);
        for (Sdp.Candidate c : remote) {
            if (c.component() != 1 || !c.transport().equals("udp") || !c.address().matches("[0-9.]+")) {
                continue;
            }
            component.addRemoteCandidate(new RemoteCandidate(new TransportAddress(c.address(), c.port(), Transport.UDP), component,
                    CandidateType.parse(c.type()), c.foundation(), c.priority(), null));
        }
        agent.setControlling(controlling);
        agent.startConnectivityEstablishment();
    }

    /** Waits for the checks: true when a pair was selected, false when they failed. */
    boolean await(long timeoutMs) throws InterruptedException, TimeoutException {
        try {
            return done.get(timeoutMs, TimeUnit.MILLISECONDS) == IceProcessingState.COMPLETED;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /** Where to send, from this transport's socket: after {@link #await} returned true. */
    Wire wire() {
        org.ice4j.ice.CandidatePair pair = component.getSelectedPair();
        return new Wire(channel, pair.getRemoteCandidate().getTransportAddress());
    }

    /** Where media goes in and out once ICE picked a pair. */
    record Wire(DatagramChannel channel, InetSocketAddress remote) {
        /** False when the datagram was not sent: the socket's buffer was full (a drop, as on a wire) or it is closed. */
        boolean send(byte[] b, int off, int len) {
            try {
                return channel.send(ByteBuffer.wrap(b, off, len), remote) > 0;
            } catch (IOException e) {
                return false; // the pair is gone (closing, or ICE lost): the receive side sees it
            }
        }
    }

    /** "host 127.0.0.1:40000 <-> host 127.0.0.1:50000" of the selected pair, or null before one is selected. */
    org.ice4j.ice.CandidatePair selectedPair() {
        return component.getSelectedPair();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            done.complete(IceProcessingState.FAILED);
            agent.free(); // stops ice4j's connector (its STUN view ends) and closes the candidate's socket
            closeChannel();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a datagram channel has nothing to flush
        }
        loop.wakeup(); // its selector lets go of the descriptor on its next pass
    }

    /** The candidate on this transport's socket (ice4j's own host harvester skips loopback). */
    private static final class OneAddress implements CandidateHarvester {
        private final DatagramSocket socket;
        private final StunView stun;
        private final HarvestStatistics statistics = new HarvestStatistics();

        OneAddress(DatagramSocket socket, StunView stun) {
            this.socket = socket;
            this.stun = stun;
        }

        @Override
        public Collection<LocalCandidate> harvest(Component component) {
            HostCandidate c = new HostCandidate(new IceUdpSocketWrapper(socket), component, Transport.UDP) {
                @Override
                public IceSocketWrapper getStunSocket(TransportAddress serverAddress) {
                    return stun; // ice4j asks again only to name the socket in a failure message
                }
            };
            component.addLocalCandidate(c);
            c.getStunStack().addSocket(stun);
            return List.of(c);
        }

        @Override
        public HarvestStatistics getHarvestStatistics() {
            return statistics;
        }

        @Override
        public boolean isHostHarvester() {
            return true;
        }
    }

    /**
     * What ice4j's connector thread reads: the STUN packets the socket loop hands over (it blocks on a
     * queue, not the socket); what it sends goes straight out of the channel.
     */
    private static final class StunView extends IceSocketWrapper {
        private static final DatagramPacket CLOSED = new DatagramPacket(new byte[0], 0);
        private final DatagramChannel channel;
        private final DatagramSocket socket;
        private final java.util.concurrent.LinkedBlockingQueue<DatagramPacket> queue = new java.util.concurrent.LinkedBlockingQueue<>(64);

        StunView(DatagramChannel channel) {
            this.channel = channel;
            this.socket = channel.socket();
        }

        void offer(byte[] buf, int len, java.net.SocketAddress from) {
            queue.offer(new DatagramPacket(java.util.Arrays.copyOf(buf, len), len, from)); // a full queue drops, as a socket's buffer would
        }

        @Override
        public void send(DatagramPacket p) throws IOException {
            channel.send(ByteBuffer.wrap(p.getData(), p.getOffset(), p.getLength()), p.getSocketAddress());
        }

        @Override
        public void receive(DatagramPacket p) throws IOException {
            DatagramPacket q;
            try {
                q = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("STUN receive interrupted");
            }
            if (q == CLOSED) {
                queue.offer(CLOSED);
                throw new java.net.SocketException("socket closed");
            }
            int n = Math.min(q.getLength(), p.getData().length - p.getOffset());
            System.arraycopy(q.getData(), 0, p.getData(), p.getOffset(), n);
            p.setLength(n);
            p.setSocketAddress(q.getSocketAddress());
        }

        @Override
        public void close() {
            queue.clear();
            queue.offer(CLOSED);
        }

        @Override
        public InetAddress getLocalAddress() {
            return socket.getLocalAddress();
        }

        @Override
        public int getLocalPort() {
            return socket.getLocalPort();
        }

        @Override
        public java.net.SocketAddress getLocalSocketAddress() {
            return socket.getLocalSocketAddress();
        }

        @Override
        public java.net.Socket getTCPSocket() {
            return null;
        }

        @Override
        public DatagramSocket getUDPSocket() {
            return socket; // ice4j reads it only to tell UDP from TCP, and its addresses
        }
    }
}
