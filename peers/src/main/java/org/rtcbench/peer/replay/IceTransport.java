package org.rtcbench.peer.replay;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.ice4j.socket.MultiplexingDatagramSocket;

/**
 * A replay connection's ICE (ice4j, full ICE, one bundled component with rtcp-mux): host candidates on
 * the one address this peer advertises (127.0.0.1, or this host's address on a test network), the
 * remote's UDP candidates from its SDP, and after the checks a socket that carries DTLS, RTP and RTCP
 * while ice4j keeps STUN (consent) to itself.
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

    private final Agent agent = new Agent();
    private final Component component;
    private final CompletableFuture<IceProcessingState> done = new CompletableFuture<>();
    private volatile boolean closed;

    IceTransport(InetAddress address) {
        agent.setLoggingLevel(Level.SEVERE);
        agent.setUseDynamicPorts(false); // its own host harvester never offers loopback
        agent.addCandidateHarvester(new OneAddress(address));
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
        } catch (IOException e) {
            agent.free();
            throw new UncheckedIOException("no UDP port on " + address.getHostAddress() + ": " + e.getMessage(), e);
        }
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

    /**
     * The selected pair's local socket, which gives the datagrams that are not STUN (ice4j's connector
     * thread takes those), and the remote to send to: after {@link #await} returned true.
     */
    Wire wire() {
        org.ice4j.ice.CandidatePair pair = component.getSelectedPair();
        return new Wire(pair.getIceSocketWrapper().getUDPSocket(), pair.getRemoteCandidate().getTransportAddress());
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
            // closes every bound socket at once; the STUN view of the candidate's socket (an ice4j
            // MultiplexedDatagramSocket, whose close() never closes the unbound java.net.DatagramSocket it
            // also is, a descriptor since JDK 15) keeps one descriptor, no port, until the next GC (ReplayLeakIT)
            agent.free();
        }
    }

    /** Host candidates on one given address (ice4j's own host harvester skips loopback). */
    private static final class OneAddress implements CandidateHarvester {
        private final InetAddress address;
        private final HarvestStatistics statistics = new HarvestStatistics();

        OneAddress(InetAddress address) {
            this.address = address;
        }

        @Override
        public Collection<LocalCandidate> harvest(Component component) {
            try {
                IceSocketWrapper socket = new IceUdpSocketWrapper(new MultiplexingDatagramSocket(0, address));
                HostCandidate c = new HostCandidate(socket, component, Transport.UDP);
                component.addLocalCandidate(c);
                c.getStunStack().addSocket(c.getStunSocket(null)); // STUN to ice4j; the rest to whoever reads the socket itself
                return List.of(c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
}
