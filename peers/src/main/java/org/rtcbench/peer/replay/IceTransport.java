package org.rtcbench.peer.replay;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
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
 * remote's UDP candidates from its SDP, and one thread that reads the socket: STUN goes to ice4j (checks,
 * then consent), everything else (DTLS, RTP, RTCP) to the connection's {@link Receiver}.
 *
 * <p>The socket is a plain one, not ice4j's multiplexing socket: with that, whichever thread called
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

    /** Where a connection takes what is not STUN; called on the transport's one reading thread. */
    interface Receiver {
        void packet(byte[] buf, int len);

        /** The socket failed under the transport while it was open. */
        void failed(String why);
    }

    /** Packets kept while no receiver is set (a DTLS ClientHello may come before the checks end here). */
    private static final int EARLY_PACKETS = 32;

    private final Agent agent = new Agent();
    private final Component component;
    private final DatagramSocket socket;
    private final StunView stun;
    private final Thread reader;
    private final CompletableFuture<IceProcessingState> done = new CompletableFuture<>();
    private final java.util.ArrayDeque<byte[]> early = new java.util.ArrayDeque<>();
    private volatile Receiver receiver;
    private volatile boolean closed;

    /** @param readerName the name of the thread that reads the socket */
    IceTransport(InetAddress address, String readerName) {
        try {
            socket = new DatagramSocket(0, address);
            socket.setSoTimeout(100); // until a receiver is set: early packets wait at most that long for it
        } catch (IOException e) {
            throw new UncheckedIOException("no UDP port on " + address.getHostAddress() + ": " + e.getMessage(), e);
        }
        stun = new StunView(socket);
        agent.setLoggingLevel(Level.SEVERE);
        agent.setUseDynamicPorts(false); // its own host harvester never offers loopback
        agent.addCandidateHarvester(new OneAddress(socket, stun));
        agent.setPerformConsentFreshness(true);
        agent.addStateChangeListener((PropertyChangeEvent e) -> {
            IceProcessingState s = (IceProcessingState) e.getNewValue();
            if (s == IceProcessingState.COMPLETED || s == IceProcessingState.FAILED) {
                done.complete(s);
            }
        });
        IceMediaStream stream = agent.createMediaStream("bundle");
        try {
            // no merging component socket: its reader thread would hand every packet on once more (ReplayConnection reads the pair's own socket)
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        } catch (IOException | RuntimeException e) {
            agent.free();
            socket.close();
            throw new UncheckedIOException("no ICE component on " + address.getHostAddress() + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        reader = new Thread(this::read, readerName);
        reader.setDaemon(true);
        reader.start();
    }

    /** Hands every packet that is not STUN to {@code r} from now on, those that came before it first. */
    void receive(Receiver r) {
        receiver = r;
    }

    private void read() {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        boolean blocking = false;
        while (!closed) {
            Receiver r = receiver;
            if (r != null && !blocking) {
                byte[] e;
                while ((e = early.poll()) != null) {
                    r.packet(e, e.length);
                }
                try {
                    socket.setSoTimeout(0);
                } catch (IOException e2) {
                    // closed under us: the receive below says so
                }
                blocking = true;
            }
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
            } catch (java.net.SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (!closed && r != null) {
                    r.failed("the ICE socket closed: " + e.getMessage());
                }
                return;
            }
            int len = packet.getLength();
            if (isStun(buf, len)) {
                stun.offer(packet);
            } else if (r != null) {
                r.packet(buf, len);
            } else if (early.size() < EARLY_PACKETS) {
                early.add(java.util.Arrays.copyOf(buf, len));
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

    /** The socket to send from and the remote to send to: after {@link #await} returned true. */
    Wire wire() {
        org.ice4j.ice.CandidatePair pair = component.getSelectedPair();
        return new Wire(socket, pair.getRemoteCandidate().getTransportAddress());
    }

    /** Where media goes in and out once ICE picked a pair. */
    record Wire(DatagramSocket socket, java.net.InetSocketAddress remote) {
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
            socket.close();
            if (Thread.currentThread() != reader) {
                try {
                    reader.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
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
     * What ice4j's connector thread reads: the STUN packets the transport's reader hands over (it blocks
     * on a queue, not the socket); what it sends goes straight out of the socket.
     */
    private static final class StunView extends IceSocketWrapper {
        private static final DatagramPacket CLOSED = new DatagramPacket(new byte[0], 0);
        private final DatagramSocket socket;
        private final java.util.concurrent.LinkedBlockingQueue<DatagramPacket> queue = new java.util.concurrent.LinkedBlockingQueue<>(64);

        StunView(DatagramSocket socket) {
            this.socket = socket;
        }

        void offer(DatagramPacket p) {
            DatagramPacket copy = new DatagramPacket(java.util.Arrays.copyOf(p.getData(), p.getLength()), p.getLength(), p.getSocketAddress());
            queue.offer(copy); // a full queue drops, as a socket's buffer would
        }

        @Override
        public void send(DatagramPacket p) throws IOException {
            socket.send(p);
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
            return socket; // ice4j reads it only to tell UDP from TCP
        }
    }
}
