package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.target.MediaPath;
import org.rtcbench.core.target.Rooms;
import org.rtcbench.core.target.TargetEvents;
import org.rtcbench.target.sdp.SdpVideoCodecs;
import org.rtcbench.target.sdp.CandidateLines;
import org.rtcbench.target.sdp.ReachableCandidates;

/**
 * The Janus VideoRoom target: any {@link Peer} publishes into a room or subscribes to a publisher's
 * feed, each in its own Janus session and handle, with complete (non-trickle) SDPs relayed by Java.
 * A peer's SDP keeps only the candidates Janus can reach ({@link ReachableCandidates}). Each step is
 * timed and reported to a {@link TargetEvents} (joined, published, subscribed, connected, failed,
 * left, and Janus's own janus-webrtcup, janus-media, janus-slowlink, janus-hangup), the same hook the
 * P2P room has, for events.jsonl.
 */
public final class JanusVideoRoom implements Rooms, AutoCloseable {
    public static final String PLUGIN = "janus.plugin.videoroom";
    private static final long POLL_MS = 20;
    private static final Set<String> JANUS_EVENTS = Set.of("webrtcup", "media", "slowlink", "hangup");

    private final JanusClient client;
    private final ReachableCandidates reachable;
    private final Duration timeout;
    private final TargetEvents listener;
    private final MediaPath path;
    private final String peerAddress;
    /** The session of each publication and subscription, by peer name and connection id. */
    private final Map<String, JanusSession> sessions = new ConcurrentHashMap<>();
    /** The rooms this target created, destroyed on close. */
    private final Set<Long> created = ConcurrentHashMap.newKeySet();
    private JanusHandle control;

    /**
     * @param reachable which candidates of a peer's SDP Janus can reach
     * @param timeout   the longest a Janus request, or a connection becoming connected, may take
     */
    private volatile Long publisherBitrate;

    public JanusVideoRoom(JanusClient client, ReachableCandidates reachable, Duration timeout, TargetEvents listener) {
        this(client, reachable, timeout, listener, MediaPath.DIRECT, null);
    }

    /**
     * @param path        what each relayed SDP goes through: the run's impaired network (Janus's own side clean), or direct
     * @param peerAddress where peers reach Janus from, and so where a relay between them binds
     */
    public JanusVideoRoom(JanusClient client, ReachableCandidates reachable, Duration timeout, TargetEvents listener, MediaPath path,
                          String peerAddress) {
        this.client = client;
        this.reachable = reachable;
        this.timeout = timeout;
        this.listener = listener;
        this.path = path;
        this.peerAddress = peerAddress;
    }

    /** The connection id a peer's publication into {@code room} has. */
    public static String publishConnectionId(long room) {
        return "pub-" + room;
    }

    /** The connection id a peer's subscription to {@code feedId} has. */
    public static String subscribeConnectionId(long feedId) {
        return "sub-" + feedId;
    }

    /**
     * Creates a room for up to {@code maxPublishers} publishers whose video may be any of
     * {@code videoCodecs} (e.g. {@code vp8} or {@code vp8,h264}); returns its id. {@link #close()}
     * destroys it again.
     *
     * @param id the room's id, or null for one Janus picks
     */
    /**
     * Caps every publisher's video at {@code bitsPerSecond} from the next publish on: Janus tells the
     * publisher by REMB (its {@code bitrate} of {@code publish}), as an SFU limiting a sender does; null
     * for no cap (the room's, none by default).
     */
    public JanusVideoRoom publisherBitrate(Long bitsPerSecond) {
        this.publisherBitrate = bitsPerSecond;
        return this;
    }

    @Override
    public long createRoom(Long id, int maxPublishers, String videoCodecs) {
        ObjectNode body = JanusHandle.body("create");
        if (id != null) {
            body.put("room", id.longValue());
        }
        body.put("publishers", maxPublishers);
        body.put("videocodec", videoCodecs == null ? "vp8,vp9,h264" : videoCodecs);
        body.put("audiocodec", "opus");
        body.put("permanent", false);
        JanusReply r = control().message(body, null, timeout);
        long room = r.data().path("room").asLong();
        created.add(room);
        listener.event("room-created", Map.of("room", room));
        return room;
    }

    /** Leaves a room it created in place on {@link #close()}. */
    @Override
    public void keep(long room) {
        created.remove(room);
    }

    /** Whether Janus has a room with this id ({@code exists}). */
    @Override
    public boolean roomExists(long room) {
        ObjectNode body = JanusHandle.body("exists");
        body.put("room", room);
        return control().message(body, null, timeout).data().path("exists").asBoolean(false);
    }

    /** Destroys a room. */
    public void destroyRoom(long room) {
        ObjectNode body = JanusHandle.body("destroy");
        body.put("room", room);
        control().message(body, null, timeout);
        created.remove(room);
    }

    /** The room's publishers now ({@code listparticipants}, those with {@code publisher: true}). */
    @Override
    public List<Feed> publishers(long room) {
        ObjectNode body = JanusHandle.body("listparticipants");
        body.put("room", room);
        JanusReply r = control().message(body, null, timeout);
        List<Feed> out = new ArrayList<>();
        for (JsonNode p : r.data().path("participants")) {
            if (p.path("publisher").asBoolean(false)) {
                out.add(new Feed(p.path("id").asLong(), p.path("display").asText(null)));
            }
        }
        return out;
    }

    private synchronized JanusHandle control() {
        if (control == null) {
            control = client.createSession().attach(PLUGIN);
        }
        return control;
    }

    /**
     * Joins {@code room} as a publisher named {@code display}, publishes the peer's offer (only
     * {@code videoCodec} when not null), applies Janus's answer and waits until the peer is connected.
     *
     * @throws PeerFailure with the reason when any step fails or times out
     */
    @Override
    public Publication publish(Peer peer, long room, String display, String videoCodec) {
        String id = publishConnectionId(room);
        try {
            JanusSession session = open(peer, id);
            JanusHandle handle = session.attach(PLUGIN);
            ObjectNode body = joinBody("publisher", room);
            body.put("display", display);
            Joined joined = join(peer, handle, body, "joined", "join as publisher");
            long feed = joined.reply().data().path("id").asLong();
            listener.event("joined", Map.of("peer", peer.name(), "room", room, "feed", feed, "afterMs", joined.ms()));

            long t1 = System.nanoTime();
            String offer = path.route(reachableOnly(peer, "offer", peer.createOffer(id, videoCodec)), peer.name(), null, peerAddress);
            long sent = System.nanoTime();
            ObjectNode publish = JanusHandle.body("publish");
            if (publisherBitrate != null) {
                publish.put("bitrate", publisherBitrate.longValue()); // Janus returns it to the publisher as REMB
            }
            JanusReply answer = handle.message(publish, JanusHandle.jsep("offer", offer), timeout);
            if (answer.sdp() == null) {
                throw new PeerFailure("Janus at " + client.url() + " answered the publish of " + peer.name() + " without an SDP: " + answer.raw());
            }
            requireVideo(peer, offer, answer.sdp());
            peer.acceptAnswer(id, path.route(answer.sdp(), null, peer.name(), peerAddress));
            long signalingMs = msSince(t1);
            listener.event("published", Map.of("peer", peer.name(), "room", room, "feed", feed, "connection", id,
                    "offerCandidates", CandidateLines.count(offer), "afterMs", signalingMs));

            long connectedMs = awaitConnected(peer, id, sent, session, handle);
            return new Publication(peer.name(), room, feed, id, joined.ms(), signalingMs, connectedMs);
        } catch (PeerFailure e) {
            throw failed(peer, id, e);
        }
    }

    /**
     * Joins {@code room} as a subscriber to {@code feedId} (Janus 1.x {@code streams: [{feed}]}),
     * answers Janus's offer with the peer, starts the subscription and waits until the peer is connected.
     *
     * @throws PeerFailure with the reason when any step fails or times out
     */
    @Override
    public Subscription subscribe(Peer peer, long room, long feedId) {
        String id = subscribeConnectionId(feedId);
        try {
            JanusSession session = open(peer, id);
            JanusHandle handle = session.attach(PLUGIN);
            ObjectNode body = joinBody("subscriber", room);
            body.putArray("streams").addObject().put("feed", feedId);
            Joined joined = join(peer, handle, body, "attached", "subscribe to feed " + feedId);
            String offer = joined.reply().sdp();
            if (offer == null) {
                throw new PeerFailure("Janus at " + client.url() + " sent no offer for feed " + feedId + " to " + peer.name());
            }
            listener.event("joined", Map.of("peer", peer.name(), "room", room, "feed", feedId, "afterMs", joined.ms()));

            long t1 = System.nanoTime();
            String answer = path.route(reachableOnly(peer, "answer", peer.acceptOffer(id, path.route(offer, null, peer.name(), peerAddress))),
                    peer.name(), null, peerAddress);
            if (!SdpVideoCodecs.of(offer).isEmpty() && SdpVideoCodecs.of(answer).isEmpty()) {
                throw new PeerFailure(peer.name() + " cannot receive the video of feed " + feedId + ": it rejected the video of Janus's offer ("
                        + String.join(", ", SdpVideoCodecs.of(offer)) + "); publish a codec it can decode (--codec)");
            }
            long sent = System.nanoTime();
            JanusReply started = handle.message(JanusHandle.body("start"), JanusHandle.jsep("answer", answer), timeout);
            expect(started, "event", peer, "start the subscription to feed " + feedId);
            long signalingMs = msSince(t1);
            listener.event("subscribed", Map.of("peer", peer.name(), "room", room, "feed", feedId, "connection", id,
                    "answerCandidates", CandidateLines.count(answer), "afterMs", signalingMs));

            long connectedMs = awaitConnected(peer, id, sent, session, handle);
            return new Subscription(peer.name(), room, feedId, id, joined.ms(), signalingMs, connectedMs, !SdpVideoCodecs.of(offer).isEmpty());
        } catch (PeerFailure e) {
            throw failed(peer, id, e);
        }
    }

    /** Hangs up a publication: Janus ends its feed and tells the subscribers. */
    @Override
    public void leave(Publication p) {
        leave(p.peer(), p.connectionId());
    }

    /** Hangs up a subscription. */
    @Override
    public void leave(Subscription s) {
        leave(s.peer(), s.connectionId());
    }

    private void leave(String peer, String connectionId) {
        JanusSession s = sessions.remove(key(peer, connectionId));
        if (s != null) {
            s.close(); // destroying the session hangs up and detaches its handle
            listener.event("left", Map.of("peer", peer, "connection", connectionId));
        }
    }

    /** Ends every publication and subscription, destroys the rooms it created (a room it only used stays), and ends the control session. */
    @Override
    public void close() {
        for (String k : List.copyOf(sessions.keySet())) {
            JanusSession s = sessions.remove(k);
            if (s != null) {
                s.close();
            }
        }
        synchronized (this) {
            for (Long room : List.copyOf(created)) {
                try {
                    destroyRoom(room); // a user's Janus keeps no room of ours after the run
                } catch (PeerFailure e) {
                    // Janus is gone, and the room with it
                    created.remove(room);
                }
            }
            if (control != null) {
                control.session().close();
                control = null;
            }
        }
    }

    // ---------------------------------------------------------------- steps

    private JanusSession open(Peer peer, String connectionId) {
        JanusSession session = client.createSession();
        session.onEvent(e -> janusEvent(peer, connectionId, e));
        JanusSession before = sessions.put(key(peer.name(), connectionId), session);
        if (before != null) {
            before.close();
        }
        return session;
    }

    /**
     * Passes on what Janus says about a connection on its own, as {@code janus-<kind>} events: that
     * its PeerConnection is up ({@code webrtcup}), media starts or stops arriving ({@code media}),
     * the link loses packets ({@code slowlink}), or it hung up ({@code hangup}, with Janus's reason).
     */
    private void janusEvent(Peer peer, String connectionId, JanusReply e) {
        if (!JANUS_EVENTS.contains(e.janus())) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("peer", peer.name());
        fields.put("connection", connectionId);
        for (String f : List.of("type", "receiving", "uplink", "lost", "reason")) {
            if (e.raw().hasNonNull(f)) {
                fields.put(f, e.raw().get(f).isNumber() ? e.raw().get(f).numberValue()
                        : e.raw().get(f).isBoolean() ? e.raw().get(f).booleanValue() : e.raw().get(f).asText());
            }
        }
        listener.event("janus-" + e.janus(), fields);
    }

    private static String key(String peer, String connectionId) {
        return peer + "/" + connectionId;
    }

    private PeerFailure failed(Peer peer, String id, PeerFailure e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("peer", peer.name());
        fields.put("connection", id);
        fields.put("reason", e.getMessage());
        listener.event("failed", fields);
        JanusSession s = sessions.remove(key(peer.name(), id));
        if (s != null) {
            s.close();
        }
        return e;
    }

    /** A join's answer, and the ms from the join request to it. */
    private record Joined(JanusReply reply, long ms) {
    }

    private static ObjectNode joinBody(String ptype, long room) {
        ObjectNode body = JanusHandle.body("join");
        body.put("ptype", ptype);
        body.put("room", room);
        return body;
    }

    /** Sends a join and times it; fails unless Janus answers with {@code videoroom: expected}. */
    private Joined join(Peer peer, JanusHandle handle, ObjectNode body, String expected, String what) {
        long t0 = System.nanoTime();
        JanusReply r = handle.message(body, null, timeout);
        long ms = msSince(t0);
        expect(r, expected, peer, what);
        return new Joined(r, ms);
    }

    private void expect(JanusReply r, String videoroom, Peer peer, String what) {
        if (!videoroom.equals(r.text("videoroom"))) {
            throw new PeerFailure("Janus at " + client.url() + " did not let " + peer.name() + " " + what + ": " + r.raw());
        }
    }

    /** The SDP with only the candidates Janus can reach; fails when none is left. */
    private String reachableOnly(Peer peer, String what, String sdp) {
        String kept = reachable.keep(sdp);
        if (CandidateLines.count(kept) == 0) {
            throw new PeerFailure(peer.name() + ": its " + what + " has no ICE candidate Janus can reach (of " + CandidateLines.count(sdp)
                    + " candidates, at " + String.join(", ", CandidateLines.addresses(sdp)) + ", none at " + reachable.describe() + ")");
        }
        return kept;
    }

    /** A codec the room does not allow shows as a rejected video section in Janus's answer: say so instead of waiting for media. */
    private void requireVideo(Peer peer, String offer, String answer) {
        if (!SdpVideoCodecs.of(offer).isEmpty() && SdpVideoCodecs.of(answer).isEmpty()) {
            throw new PeerFailure("Janus at " + client.url() + " rejected the video of " + peer.name() + " (offered "
                    + String.join(", ", SdpVideoCodecs.of(offer)) + "); the room must allow that codec");
        }
    }

    /**
     * Waits until the peer's connection is connected and Janus has said {@code webrtcup} for its
     * handle: only then does Janus count a publisher as publishing ({@code listparticipants}), and
     * the peer's side alone can be connected a moment earlier. Returns the ms since {@code since} (a
     * nanoTime). Fails at once when Janus stops answering the session meanwhile, rather than at the timeout.
     */
    private long awaitConnected(Peer peer, String id, long since, JanusSession session, JanusHandle handle) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String state = peer.connectionState(id);
            if ("connected".equals(state)) {
                Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
                handle.awaitEvent(e -> "webrtcup".equals(e.janus()), left,
                        "webrtcup (PeerConnection up) for " + peer.name() + "'s connection " + id);
                long ms = msSince(since);
                listener.event("connected", Map.of("peer", peer.name(), "connection", id, "afterMs", ms));
                return ms;
            }
            if ("failed".equals(state) || "closed".equals(state)) {
                throw new PeerFailure(peer.name() + ": connection " + id + " to Janus is " + peer.describeState(id, state));
            }
            PeerFailure janusGone = session.failure();
            if (janusGone != null) {
                throw new PeerFailure(janusGone.getMessage(), janusGone);
            }
            if (System.nanoTime() > deadline) {
                throw new PeerFailure(peer.name() + ": connection " + id + " to Janus not connected within " + timeout.toMillis()
                        + " ms (" + state + ")");
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerFailure("interrupted while " + peer.name() + " connected to Janus");
            }
        }
    }

    private static long msSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
