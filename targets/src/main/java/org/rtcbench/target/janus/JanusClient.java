package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;

/**
 * A client of one Janus, over its HTTP API ({@code http://HOST:8088/janus}) or its WebSocket API
 * ({@code ws://HOST:8188}): checks that Janus answers, and makes sessions. Every request has a
 * connect and a response timeout, so an unreachable or dead Janus fails a call within seconds
 * instead of hanging it.
 */
public final class JanusClient implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Janus holds a long poll for up to 30 s, then answers with a keepalive. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(40);
    /** Janus ends a session after 60 s without a request (session_timeout); keepalives every 25 s keep it. */
    static final long KEEPALIVE_S = 25;
    private static final AtomicLong TRANSACTIONS = new AtomicLong();

    private final String url;
    private final JanusTransport transport;
    private final Set<JanusSession> sessions = ConcurrentHashMap.newKeySet();
    /** One thread sends the keepalives of every session of this JVM: a keepalive is one short request. */
    private static final ScheduledExecutorService KEEPALIVES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "janus-keepalive");
        t.setDaemon(true);
        return t;
    });

    private JanusClient(String url, JanusTransport transport) {
        this.url = url;
        this.transport = transport;
    }

    /**
     * Connects to the Janus whose HTTP API ({@code http://10.213.0.2:8088/janus}) or WebSocket API
     * ({@code ws://10.213.0.2:8188}) is at {@code url}, by asking for its {@code info}.
     *
     * @throws BadInputException starting {@code cannot reach Janus at <url>} when nothing answers there as Janus
     */
    public static JanusClient connect(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String scheme = base.contains("://") ? base.substring(0, base.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        JanusTransport transport = switch (scheme) {
            case "http", "https" -> HttpTransport.connect(base);
            case "ws", "wss" -> WebSocketTransport.connect(base);
            default -> throw new BadInputException("cannot reach Janus at " + base
                    + ": not an http:// or ws:// URL (Janus's HTTP API, e.g. http://HOST:8088/janus, or its WebSocket API, e.g. ws://HOST:8188)");
        };
        return new JanusClient(base, transport);
    }

    static JsonNode parseOrNull(String body) {
        try {
            return JanusReply.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** A short reason for a failed request: refused, timed out, or the transport's own words. */
    static String why(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The API's base URL, without a trailing slash. */
    public String url() {
        return url;
    }

    /** Janus's {@code info} as it answered on connect. */
    public JsonNode info() {
        return transport.info();
    }

    /** Janus's version string from {@code info}, e.g. {@code 1.1.2}. */
    public String version() {
        return info().path("version_string").asText(null);
    }

    /** Creates a Janus session, with its events coming in and a keepalive. */
    public JanusSession createSession() {
        JanusReply r = JanusReply.of(send(request("create"), null, null));
        if (r.error() != null || r.data() == null || !r.data().has("id")) {
            throw new PeerFailure("Janus at " + url + " refused to create a session: " + (r.error() == null ? r.raw() : r.error()));
        }
        JanusSession s = new JanusSession(this, r.data().get("id").asLong());
        sessions.add(s);
        transport.listen(s);
        s.keepalive(KEEPALIVES.scheduleAtFixedRate(s::keepalive, KEEPALIVE_S, KEEPALIVE_S, TimeUnit.SECONDS));
        return s;
    }

    void forget(JanusSession s) {
        transport.unlisten(s);
        sessions.remove(s);
    }

    /** A Janus API request {@code {"janus": kind, "transaction": ...}}. */
    ObjectNode request(String kind) {
        return requestOf(kind);
    }

    static ObjectNode requestOf(String kind) {
        ObjectNode n = JanusReply.JSON.createObjectNode();
        n.put("janus", kind);
        n.put("transaction", "rtcb-" + TRANSACTIONS.incrementAndGet());
        return n;
    }

    /** Sends a request of a session and handle (either may be null) and returns Janus's direct reply. */
    JsonNode send(ObjectNode request, Long session, Long handle) {
        return transport.send(request, session, handle);
    }

    /** The failure of every call once Janus no longer answers. */
    static PeerFailure stopped(String url, String why) {
        return new PeerFailure("Janus at " + url + " stopped answering (" + why + ")");
    }

    /** Destroys every session this client made (which stops their keepalives), then closes the transport. */
    @Override
    public void close() {
        for (JanusSession s : List.copyOf(sessions)) {
            s.close();
        }
        transport.close();
    }
}
