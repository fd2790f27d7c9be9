package org.rtcbench.target.p2p;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.target.MediaPath;
import org.rtcbench.core.target.PairCalls;
import org.rtcbench.core.target.Target;
import org.rtcbench.core.target.TargetContext;
import org.rtcbench.core.target.TargetEvents;
import org.rtcbench.core.target.TargetType;
import org.rtcbench.target.sdp.SdpVideoCodecs;
import org.rtcbench.target.sdp.OrphanPayloadLines;
import org.rtcbench.target.sdp.LoopbackCandidates;

/**
 * The built-in P2P room. Each {@link Link} is one peer connection between two peers: the offerer
 * sends a complete (non-trickle) offer, Java relays it and the answer, keeping only loopback
 * candidates (and dropping payload lines that no m-line lists, see {@link OrphanPayloadLines}), then
 * through the run's {@link MediaPath}, which puts each peer's access link between them.
 * A call links every pair of peers (a full mesh, the earlier peer offering); the interop matrix
 * links exactly the pairs it tests. It needs no server, so opening and closing it start nothing.
 */
public final class P2pRoom implements Target, PairCalls {
    /** The type of target it is: the default {@code target: {type: p2p}}. */
    public static final TargetType TYPE = TargetType.of(TargetSpec.P2P, "the P2P room", true, false, spec -> {
        if (spec.url() != null || spec.api() != null || spec.token() != null) {
            throw new IllegalArgumentException("url, api and token are not for the p2p room: it needs no server");
        }
    }, (spec, context) -> new P2pRoom(context.connectTimeout(), context.events(), context.path()));
    private static final long POLL_MS = 50;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(P2pRoom.class);

    private final Duration timeout;
    private final TargetEvents listener;
    private final MediaPath path;

    public P2pRoom(Duration timeout, TargetEvents listener) {
        this(timeout, listener, MediaPath.DIRECT);
    }

    /** @param path what each relayed SDP goes through: the run's impaired network, or direct */
    public P2pRoom(Duration timeout, TargetEvents listener, MediaPath path) {
        this.timeout = timeout;
        this.listener = listener;
        this.path = path;
    }

    @Override
    public String type() {
        return TargetSpec.P2P;
    }

    @Override
    public List<String> description() {
        return List.of();
    }

    @Override
    public String peerAddress() {
        return "127.0.0.1";
    }

    @Override
    public PairCalls calls() {
        return this;
    }

    @Override
    public void close() {
        // nothing to stop: the peers' connections are theirs, closed with them
    }

    @Override
    public Map<String, LinkOutcome> connectLinks(List<Link> links) {
        long start = System.nanoTime();
        Map<String, LinkOutcome> out = new LinkedHashMap<>();
        if (links.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(links.size(), 8), r -> {
            Thread t = new Thread(r, "p2p-connect");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LinkOutcome>> futures = new ArrayList<>();
            for (Link link : links) {
                futures.add(pool.submit(() -> connect(link, start)));
            }
            for (int i = 0; i < links.size(); i++) {
                LinkOutcome o;
                try {
                    o = futures.get(i).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PeerFailure("interrupted while peers connected");
                } catch (java.util.concurrent.ExecutionException e) {
                    o = new LinkOutcome(links.get(i).id(), null, "connecting failed: " + e.getCause(), null);
                }
                out.put(links.get(i).id(), o);
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private LinkOutcome connect(Link link, long start) {
        Peer offerer = link.offerer();
        Peer answerer = link.answerer();
        String id = link.id();
        Peer current = offerer;
        String offer = null;
        try {
            offer = offerer.createOffer(id, link.videoCodec());
            String relayedOffer = path.route(OrphanPayloadLines.drop(LoopbackCandidates.keep(offer)), offerer.name(), answerer.name(),
                    peerAddress());
            requireCandidates(offerer, "offer", offer, relayedOffer);
            current = answerer;
            String answer = answerer.acceptOffer(id, relayedOffer);
            String relayedAnswer = path.route(OrphanPayloadLines.drop(LoopbackCandidates.keep(answer)), answerer.name(), offerer.name(),
                    peerAddress());
            requireCandidates(answerer, "answer", answer, relayedAnswer);
            if (link.videoCodec() != null && !SdpVideoCodecs.of(answer).contains(link.videoCodec().toUpperCase(Locale.ROOT))) {
                throw new PeerFailure(answerer.name() + " does not accept " + link.videoCodec().toUpperCase(Locale.ROOT)
                        + " video (its answer offers " + (SdpVideoCodecs.of(answer).isEmpty() ? "no video"
                        : String.join(", ", SdpVideoCodecs.of(answer))) + ")");
            }
            current = offerer;
            offerer.acceptAnswer(id, relayedAnswer);
            listener.event("signaled", Map.of("connection", id,
                    "offerCandidates", LoopbackCandidates.count(relayedOffer),
                    "answerCandidates", LoopbackCandidates.count(relayedAnswer)));
        } catch (PeerFailure e) {
            // The SDP that was refused is what a developer needs to see; it goes to the run's log.
            LOG.info("signaling of {} failed at {}: {}; the offer was:\n{}", id, current.name(), e.getMessage(), offer);
            return failed(id, e.getMessage(), current.name());
        }
        long deadline = start + timeout.toNanos();
        boolean offererUp = false;
        boolean answererUp = false;
        while (!(offererUp && answererUp)) {
            try {
                offererUp = offererUp || isUp(offerer, id);
                answererUp = answererUp || isUp(answerer, id);
            } catch (PeerFailure e) {
                return failed(id, e.getMessage(), offererUp ? answerer.name() : offerer.name());
            }
            if (offererUp && answererUp) {
                break;
            }
            if (System.nanoTime() > deadline) {
                String states = offerer.name() + " " + safeState(offerer, id) + ", " + answerer.name() + " " + safeState(answerer, id);
                return failed(id, "not connected within " + timeout.toMillis() + " ms (" + states + ")", null);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(id, "interrupted while connecting", null);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        listener.event("connected", Map.of("connection", id, "afterMs", ms));
        return new LinkOutcome(id, ms, null, null);
    }

    private LinkOutcome failed(String id, String reason, String culprit) {
        listener.event("connect-failed", culprit == null ? Map.of("connection", id, "reason", reason)
                : Map.of("connection", id, "reason", reason, "peer", culprit));
        return new LinkOutcome(id, null, reason, culprit);
    }

    private static boolean isUp(Peer peer, String id) {
        String state = peer.connectionState(id);
        if ("failed".equals(state) || "closed".equals(state)) {
            throw new PeerFailure(peer.name() + ": connection " + id + " is " + peer.describeState(id, state));
        }
        return "connected".equals(state);
    }

    private static String safeState(Peer peer, String id) {
        try {
            return peer.connectionState(id);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static void requireCandidates(Peer peer, String what, String original, String relayed) {
        if (LoopbackCandidates.count(relayed) == 0) {
            throw new PeerFailure(peer.name() + ": its " + what + " has no loopback or TURN relay ICE candidate (of "
                    + LoopbackCandidates.count(original) + " candidates); the browser must allow loopback in peer connections, "
                    + "and with transportPolicy relay the TURN server must give it a relay");
        }
    }
}
