package org.rtcbench.target.whip;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.target.MediaPath;
import org.rtcbench.core.target.Streams;
import org.rtcbench.core.target.Target;
import org.rtcbench.core.target.TargetContext;
import org.rtcbench.core.target.TargetEvents;
import org.rtcbench.core.target.TargetType;
import org.rtcbench.core.target.Rooms;
import org.rtcbench.target.RouteAddress;
import org.rtcbench.target.janus.JanusClient;
import org.rtcbench.target.janus.JanusVideoRoom;
import org.rtcbench.target.janus.local.LocalJanus;
import org.rtcbench.target.sdp.ReachableCandidates;
import org.rtcbench.target.whip.local.LocalWhipServer;
import org.rtcbench.target.sdp.CandidateLines;
import org.rtcbench.target.sdp.SdpVideoCodecs;

/**
 * A WHIP (ingest) or WHEP (egress) server as a run's target: each peer POSTs its complete offer to
 * the endpoint ({@code url}, where {@code {peer}} stands for the peer's name, so each peer may have
 * an endpoint of its own), applies the answer, and its session is DELETEd when the run ends. A WHIP
 * peer publishes its camera and microphone; a WHEP peer offers to receive and plays the server's
 * stream. The bearer {@code token}, if any, goes only into the Authorization header.
 * <p>
 * WHIP without a url starts its embedded default: a local Janus and Debian's simple-whip-server in
 * front of it, in one test network namespace, a VideoRoom room, and an endpoint per peer guarded by a
 * token made for the run. That room is also this target's {@link #rooms()}: in a load run, publishers
 * publish through WHIP and subscribers subscribe through the Janus behind it.
 */
public final class WhipTarget implements Target, Streams {
    /** {@code target: {type: whip, url: http://host/whip/endpoint/{peer}, token: ...}}: each peer publishes. */
    public static final TargetType WHIP = new Type("whip", "WHIP", "publishes");
    /** {@code target: {type: whep, url: ..., token: ...}}: each peer plays the endpoint's stream. */
    public static final TargetType WHEP = new Type("whep", "WHEP", "plays");
    private static final long POLL_MS = 20;

    private final Type type;
    private final String url;
    private final String token;
    /** The embedded default's parts, all null for a user's endpoint. */
    private final Local local;
    private final HttpClient http;
    private final Duration timeout;
    private final TargetEvents events;
    private final MediaPath path;
    private final String peerAddress;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    /** The embedded default's call-run room, once made. */
    private Long callRoom;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    private record Live(Session session, WhipResource resource) {
    }

    /** The embedded default: Janus and simple-whip-server in one namespace, a room, and the rooms view over both. */
    private record Local(LocalJanus janus, LocalWhipServer whip, JanusClient client, JanusVideoRoom videoRoom,
                         ReachableCandidates reachable) {
    }

    private WhipTarget(Type type, String url, String token, Local local, TargetContext context, HttpClient http, String peerAddress) {
        this.type = type;
        this.url = url;
        this.token = token;
        this.local = local;
        this.http = http;
        this.timeout = context.connectTimeout();
        this.events = context.events();
        this.path = context.path();
        this.peerAddress = peerAddress;
    }

    /** A WHIP or WHEP target type: which protocol, and what its sessions do. */
    private record Type(String id, String label, String verb) implements TargetType {
        @Override
        public boolean makesCalls() {
            return false;
        }

        @Override
        public boolean hasStreams() {
            return true;
        }

        @Override
        public boolean hasRooms() {
            return embeddable();
        }

        /** Only WHIP has an embedded default (a local simple-whip-server); no WHEP server installs here. */
        private boolean embeddable() {
            return id.equals("whip");
        }

        @Override
        public void validate(TargetSpec spec) {
            if (spec.url() == null && !embeddable()) {
                throw new IllegalArgumentException("needs url: the " + label + " endpoint, e.g. https://sfu.example/"
                        + id + "/endpoint/{peer} ({peer} stands for each peer's name)");
            }
            if (spec.url() == null) {
                if (spec.token() != null) {
                    throw new IllegalArgumentException("token is for your own " + label + " endpoint (url); the local one makes its own");
                }
                return;
            }
            if (!spec.url().matches("https?://[^\\s/]+(/\\S*)?")) {
                throw new IllegalArgumentException("url must be an http:// or https:// " + label + " endpoint, got '" + spec.url() + "'");
            }
            if (spec.api() != null) {
                throw new IllegalArgumentException("api is for Janus; a " + label + " endpoint is HTTP");
            }
        }

        @Override
        public Target open(TargetSpec spec, TargetContext context) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(context.connectTimeout()).build();
            if (spec.url() == null) {
                return openLocal(http, context);
            }
            String endpoint = spec.url().replace("{peer}", "rtcbench");
            probe(http, endpoint, context.connectTimeout());
            WhipTarget t = new WhipTarget(this, spec.url(), spec.token(), null, context, http,
                    RouteAddress.towards(endpoint, "the " + label + " endpoint"));
            context.events().event(id + "-endpoint", Map.of("url", spec.url(), "token", spec.token() != null));
            return t;
        }

        /** Starts Janus and simple-whip-server in a test namespace and makes the run's room; all stopped again if a step fails. */
        private Target openLocal(HttpClient http, TargetContext context) {
            LocalJanus janus = LocalJanus.start(context.workDir().resolve("janus"));
            LocalWhipServer whip = null;
            JanusClient client = null;
            try {
                context.events().event("janus-started", Map.of("url", janus.url(), "pid", janus.pid(), "version", janus.version()));
                whip = LocalWhipServer.start(context.workDir().resolve("whip"), janus);
                context.events().event("whip-server-started", Map.of("url", whip.base(), "pid", whip.pid()));
                client = JanusClient.connect(janus.url());
                ReachableCandidates reachable = ReachableCandidates.only(janus.peerAddress());
                JanusVideoRoom videoRoom = new JanusVideoRoom(client, reachable, context.connectTimeout(), context.events(), context.path(),
                        janus.peerAddress());
                String token = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
                return new WhipTarget(this, whip.endpointUrl("{peer}"), token, new Local(janus, whip, client, videoRoom, reachable),
                        context, http, janus.peerAddress());
            } catch (RuntimeException e) {
                if (client != null) {
                    client.close();
                }
                if (whip != null) {
                    whip.close();
                }
                janus.close();
                throw e;
            }
        }

        /** Fails at once, exit 2, when nothing answers HTTP at the endpoint (any answer to OPTIONS, even an error, is a server). */
        private void probe(HttpClient http, String endpoint, Duration timeout) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(timeout)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            } catch (java.net.ConnectException e) {
                throw new BadInputException("cannot reach the " + label + " endpoint at " + endpoint + ": connection refused; check the target's url");
            } catch (java.net.http.HttpTimeoutException e) {
                throw new BadInputException("the " + label + " endpoint at " + endpoint + " did not answer within " + timeout.toMillis() + " ms");
            } catch (IOException e) {
                throw new BadInputException("cannot reach the " + label + " endpoint at " + endpoint + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException("interrupted while reaching the " + label + " endpoint at " + endpoint);
            }
        }

        @Override
        public String toString() {
            return id;
        }
    }

    @Override
    public String type() {
        return type.id();
    }

    @Override
    public List<String> description() {
        if (local != null) {
            return List.of(String.format("local Janus %s (pid %d) and simple-whip-server (pid %d) at %s (test network namespace; "
                    + "peers use %s)", local.janus().version(), local.janus().pid(), local.whip().pid(), local.whip().base(), peerAddress), "each peer " + type.verb() + " through its own WHIP endpoint " + url + " (a bearer token made for this run)");
        }
        return List.of("each peer " + type.verb() + " through the " + type.label() + " endpoint " + url
                + (token == null ? "" : " (with a bearer token)") + "; Java peers advertise " + peerAddress);
    }

    @Override
    public Map<String, String> versions() {
        return local == null ? Map.of() : Map.of("janus", local.janus().version());
    }

    /** The embedded default's room: publishers through WHIP, subscribers through its Janus; null for a user's endpoint. */
    @Override
    public Rooms rooms() {
        return local == null ? null : new WhipRooms(this, local.videoRoom());
    }

    /** The embedded default's Janus or WHIP server exiting before {@link #close()} stops the run. */
    @Override
    public void onFailure(java.util.function.Consumer<String> stopped) {
        if (local == null) {
            return;
        }
        for (var server : List.of(Map.entry("Janus", local.janus().pid()), Map.entry("simple-whip-server", local.whip().pid()))) {
            ProcessHandle.of(server.getValue()).ifPresent(p -> p.onExit().thenRun(() -> {
                if (!closing.get()) {
                    events.event("whip-server-exited", Map.of("server", server.getKey(), "pid", server.getValue()));
                    stopped.accept(server.getKey() + " (pid " + server.getValue() + ") exited mid-run");
                }
            }));
        }
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public Streams streams() {
        return this;
    }

    @Override
    public String verb() {
        return type.verb();
    }

    @Override
    public boolean publishes() {
        return type == WHIP;
    }

    /** The connection id of a peer's session: {@code whip} or {@code whep}. */
    public String connectionId() {
        return type.id();
    }

    @Override
    public Session start(Peer peer, String videoCodec) {
        return start(peer, peer.name(), local == null ? 0 : callRoom(), videoCodec);
    }

    /** The embedded default's room for a call run's publishers, made when the first one starts (a load run makes its own rooms). */
    private synchronized long callRoom() {
        if (callRoom == null) {
            callRoom = local.videoRoom().createRoom(null, 64, null);
        }
        return callRoom;
    }

    /**
     * Starts a session at the endpoint named {@code endpointName} (its {@code {peer}} part); the local server first makes
     * it, publishing into {@code room} under that name.
     */
    Session start(Peer peer, String endpointName, long room, String videoCodec) {
        String id = connectionId();
        URI endpoint = URI.create(url.replace("{peer}", endpointName));
        if (local != null) {
            local.whip().createEndpoint(endpointName, room, endpointName, token);
        }
        try {
            long t0 = System.nanoTime();
            String offer = peer.createOffer(id, videoCodec);
            if (local != null) {
                String kept = local.reachable().keep(offer);
                if (CandidateLines.count(kept) == 0) {
                    throw new PeerFailure(peer.name() + ": its offer has no ICE candidate the local Janus can reach (of "
                            + CandidateLines.count(offer) + ", none at " + local.reachable().describe() + ")");
                }
                offer = kept;
            }
            offer = path.route(offer, peer.name(), null, peerAddress);
            long sent = System.nanoTime();
            WhipResource resource = WhipResource.create(http, type.label(), endpoint, token, offer, timeout);
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("peer", peer.name());
            created.put("resource", resource.location().toString());
            created.put("offerCandidates", CandidateLines.count(offer));
            created.put("answerCandidates", CandidateLines.count(resource.answer()));
            events.event(type.id() + "-created", created);
            if (!SdpVideoCodecs.of(offer).isEmpty() && SdpVideoCodecs.of(resource.answer()).isEmpty()) {
                live.put(peer.name(), new Live(new Session(peer.name(), id, resource.location().toString(), 0, 0), resource));
                throw new PeerFailure("the " + type.label() + " endpoint " + endpoint + " rejected the video of " + peer.name()
                        + " (offered " + String.join(", ", SdpVideoCodecs.of(offer)) + ")");
            }
            peer.acceptAnswer(id, path.route(resource.answer(), null, peer.name(), peerAddress));
            long signalingMs = (System.nanoTime() - t0) / 1_000_000;
            Session session = new Session(peer.name(), id, resource.location().toString(), signalingMs, 0);
            live.put(peer.name(), new Live(session, resource));
            long connectedMs = awaitConnected(peer, id, sent);
            session = new Session(peer.name(), id, resource.location().toString(), signalingMs, connectedMs);
            live.put(peer.name(), new Live(session, resource));
            events.event("connected", Map.of("peer", peer.name(), "connection", id, "afterMs", connectedMs));
            return session;
        } catch (PeerFailure e) {
            events.event("failed", Map.of("peer", peer.name(), "connection", id, "reason", e.getMessage()));
            throw e;
        }
    }

    private long awaitConnected(Peer peer, String id, long since) {
        long deadline = since + timeout.toNanos();
        while (true) {
            String state = peer.connectionState(id);
            if ("connected".equals(state)) {
                return (System.nanoTime() - since) / 1_000_000;
            }
            if ("failed".equals(state) || "closed".equals(state)) {
                throw new PeerFailure(peer.name() + ": its " + type.label() + " connection is " + peer.describeState(id, state));
            }
            if (System.nanoTime() > deadline) {
                throw new PeerFailure(peer.name() + ": its " + type.label() + " connection not connected within " + timeout.toMillis()
                        + " ms (" + state + ")");
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerFailure("interrupted while " + peer.name() + " connected through " + type.label());
            }
        }
    }

    @Override
    public void stop(Session session) {
        Live l = live.remove(session.peer());
        if (l == null) {
            return;
        }
        String refused = l.resource().delete(http, type.label(), token, timeout);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("peer", session.peer());
        fields.put("resource", session.resource());
        if (refused != null) {
            fields.put("refused", refused);
        }
        events.event(type.id() + "-deleted", fields);
    }

    /** Ends every session still open (DELETE of each resource), then the embedded default's room, Janus session, WHIP server and Janus. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        for (Live l : List.copyOf(live.values())) {
            stop(l.session());
        }
        if (local != null) {
            try (LocalJanus j = local.janus(); LocalWhipServer w = local.whip(); JanusClient c = local.client();
                 JanusVideoRoom r = local.videoRoom()) {
                // closed in reverse: the room, the Janus session, the WHIP server, then Janus and its namespace
            }
            events.event("janus-stopped", Map.of());
        }
    }
}
