package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;

/**
 * A client of one Janus's HTTP API (the REST transport): checks that Janus answers, and makes
 * sessions. Every request has a connect and a response timeout, so an unreachable or dead Janus
 * fails a call within seconds instead of hanging it.
 */
public final class JanusClient implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Janus holds a long poll for up to 30 s, then answers with a keepalive. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(40);
    /** Janus ends a session after 60 s without a request (session_timeout); keepalives every 25 s keep it. */
    static final long KEEPALIVE_S = 25;

    private final String url;
    private final HttpClient http;
    private final JsonNode info;
    private final AtomicLong transactions = new AtomicLong();
    private final Set<JanusSession> sessions = ConcurrentHashMap.newKeySet();
    /** One thread sends the keepalives of every session of this JVM: a keepalive is one short POST. */
    private static final ScheduledExecutorService KEEPALIVES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "janus-keepalive");
        t.setDaemon(true);
        return t;
    });

    private JanusClient(String url, HttpClient http, JsonNode info) {
        this.url = url;
        this.http = http;
        this.info = info;
    }

    /**
     * Connects to the Janus whose HTTP API is at {@code url} (e.g. {@code http://10.213.0.2:8088/janus})
     * by asking for its {@code /info}.
     *
     * @throws BadInputException starting {@code cannot reach Janus at <url>} when nothing answers there as Janus
     */
    public static JanusClient connect(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                // libmicrohttpd speaks HTTP/1.1 only; skip the h2c upgrade attempt
                .version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/info")).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode info = r.statusCode() == 200 ? parseOrNull(r.body()) : null;
            if (info == null || !"server_info".equals(info.path("janus").asText())) {
                throw new BadInputException("cannot reach Janus at " + base + ": GET " + base + "/info answered HTTP " + r.statusCode()
                        + " without Janus's server_info; check that --url names Janus's HTTP API path (usually /janus)");
            }
            return new JanusClient(base, http, info);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cannot reach Janus at " + base + ": not an http:// URL (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException("cannot reach Janus at " + base + ": " + why(e, REQUEST_TIMEOUT)
                    + "; check that Janus runs there with its HTTP transport on, or leave out --url to start a local Janus", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("cannot reach Janus at " + base + ": interrupted");
        }
    }

    private static JsonNode parseOrNull(String body) {
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

    /** The HTTP API's base URL, without a trailing slash. */
    public String url() {
        return url;
    }

    /** Janus's {@code /info} as it answered on connect. */
    public JsonNode info() {
        return info;
    }

    /** Janus's version string from {@code /info}, e.g. {@code 1.1.2}. */
    public String version() {
        return info.path("version_string").asText(null);
    }

    /** Creates a Janus session, with its own long poll and keepalive. */
    public JanusSession createSession() {
        JanusReply r = JanusReply.of(post("", request("create")));
        if (r.error() != null || r.data() == null || !r.data().has("id")) {
            throw new PeerFailure("Janus at " + url + " refused to create a session: " + (r.error() == null ? r.raw() : r.error()));
        }
        JanusSession s = new JanusSession(this, r.data().get("id").asLong());
        sessions.add(s);
        s.keepalive(KEEPALIVES.scheduleAtFixedRate(s::keepalive, KEEPALIVE_S, KEEPALIVE_S, TimeUnit.SECONDS));
        return s;
    }

    void forget(JanusSession s) {
        sessions.remove(s);
    }

    /** A Janus API request {@code {"janus": kind, "transaction": ...}}. */
    ObjectNode request(String kind) {
        ObjectNode n = JanusReply.JSON.createObjectNode();
        n.put("janus", kind);
        n.put("transaction", "rtcb-" + transactions.incrementAndGet());
        return n;
    }

    /** POSTs a request to {@code url + path} and returns Janus's direct reply. */
    JsonNode post(String path, ObjectNode body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return exchange(req, "POST " + body.path("janus").asText());
    }

    /**
     * A long poll on a session, without a thread waiting for it: up to {@code maxEvents} events, or
     * a keepalive after 30 s. Fails with {@link PeerFailure} when Janus stops answering; cancelling
     * the future aborts the request.
     */
    CompletableFuture<List<JanusReply>> poll(long session, int maxEvents) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/" + session + "?maxev=" + maxEvents)).timeout(POLL_TIMEOUT).GET().build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<List<JanusReply>> events = sent.handle((r, err) -> {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof IOException e) {
                throw stopped("long poll: " + why(e, POLL_TIMEOUT));
            }
            if (cause != null) {
                throw new PeerFailure("long poll on Janus at " + url + " failed: " + cause, cause);
            }
            return JanusReply.all(body(r, "long poll"));
        });
        // a cancel does not travel up a chain of futures by itself
        events.whenComplete((r, err) -> {
            if (events.isCancelled()) {
                sent.cancel(true);
            }
        });
        return events;
    }

    private JsonNode exchange(HttpRequest req, String what) {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw stopped(what + ": " + why(e, req.timeout().orElse(REQUEST_TIMEOUT)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure("interrupted while waiting for Janus at " + url);
        }
        return body(r, what);
    }

    private JsonNode body(HttpResponse<String> r, String what) {
        JsonNode n = r.statusCode() == 200 ? parseOrNull(r.body()) : null;
        if (n == null) {
            throw stopped(what + " answered HTTP " + r.statusCode() + " " + PeerFailure.firstLine(r.body()));
        }
        return n;
    }

    /** The failure of every call once Janus no longer answers. */
    PeerFailure stopped(String why) {
        return new PeerFailure("Janus at " + url + " stopped answering (" + why + ")");
    }

    /** Destroys every session this client made (which stops their keepalives). */
    @Override
    public void close() {
        for (JanusSession s : List.copyOf(sessions)) {
            s.close();
        }
    }
}
