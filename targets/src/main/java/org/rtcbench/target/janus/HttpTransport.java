package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;

/**
 * Janus's HTTP API (the REST transport): a POST per request to {@code /}, {@code /<session>} or
 * {@code /<session>/<handle>}, and per session one long poll at a time, asynchronous, so a session
 * holds an open request, not a thread.
 */
final class HttpTransport implements JanusTransport {
    private static final int MAX_EVENTS_PER_POLL = 10;

    private final String url;
    private final HttpClient http;
    private final JsonNode info;
    private final Map<Long, CompletableFuture<List<JanusReply>>> polls = new ConcurrentHashMap<>();

    private HttpTransport(String url, HttpClient http, JsonNode info) {
        this.url = url;
        this.http = http;
        this.info = info;
    }

    /** Connects by asking for {@code /info}; throws BadInputException {@code cannot reach Janus at <url>: ...}. */
    static HttpTransport connect(String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(JanusClient.CONNECT_TIMEOUT)
                // libmicrohttpd speaks HTTP/1.1 only; skip the h2c upgrade attempt
                .version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/info")).timeout(JanusClient.REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode info = r.statusCode() == 200 ? JanusClient.parseOrNull(r.body()) : null;
            if (info == null || !"server_info".equals(info.path("janus").asText())) {
                throw new BadInputException("cannot reach Janus at " + url + ": GET " + url + "/info answered HTTP " + r.statusCode()
                        + " without Janus's server_info; check that --url names Janus's HTTP API path (usually /janus)");
            }
            return new HttpTransport(url, http, info);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cannot reach Janus at " + url + ": not an http:// or ws:// URL (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException("cannot reach Janus at " + url + ": " + JanusClient.why(e, JanusClient.REQUEST_TIMEOUT)
                    + "; check that Janus runs there with its HTTP transport on, or leave out --url to start a local Janus", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("cannot reach Janus at " + url + ": interrupted");
        }
    }

    @Override
    public JsonNode info() {
        return info;
    }

    @Override
    public JsonNode send(ObjectNode request, Long session, Long handle) {
        String path = session == null ? "" : handle == null ? "/" + session : "/" + session + "/" + handle;
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(JanusClient.REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())).build();
        String what = "POST " + request.path("janus").asText();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw JanusClient.stopped(url, what + ": " + JanusClient.why(e, JanusClient.REQUEST_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure("interrupted while waiting for Janus at " + url);
        }
        return body(r, what);
    }

    @Override
    public void listen(JanusSession session) {
        pollNext(session);
    }

    @Override
    public void unlisten(JanusSession session) {
        CompletableFuture<List<JanusReply>> poll = polls.remove(session.id());
        if (poll != null) {
            poll.cancel(true);
        }
    }

    /** Asks for the session's next events; their answer hands them over (on the HTTP client's threads) and asks again. */
    private void pollNext(JanusSession session) {
        if (!session.listening()) {
            return;
        }
        CompletableFuture<List<JanusReply>> poll = poll(session.id());
        polls.put(session.id(), poll);
        poll.whenComplete((events, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                session.transportFailed(cause instanceof PeerFailure f ? f : new PeerFailure("long poll on Janus at " + url + " failed: " + cause, cause));
                return;
            }
            events.forEach(session::dispatch);
            pollNext(session);
        });
    }

    /**
     * A long poll on a session: up to {@value #MAX_EVENTS_PER_POLL} events, or a keepalive after 30 s.
     * Fails with {@link PeerFailure} when Janus stops answering; cancelling the future aborts the request.
     */
    private CompletableFuture<List<JanusReply>> poll(long session) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/" + session + "?maxev=" + MAX_EVENTS_PER_POLL))
                .timeout(JanusClient.POLL_TIMEOUT).GET().build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<List<JanusReply>> events = sent.handle((r, err) -> {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof IOException e) {
                throw JanusClient.stopped(url, "long poll: " + JanusClient.why(e, JanusClient.POLL_TIMEOUT));
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

    private JsonNode body(HttpResponse<String> r, String what) {
        JsonNode n = r.statusCode() == 200 ? JanusClient.parseOrNull(r.body()) : null;
        if (n == null) {
            throw JanusClient.stopped(url, what + " answered HTTP " + r.statusCode() + " " + PeerFailure.firstLine(r.body()));
        }
        return n;
    }

    @Override
    public void close() {
        polls.values().forEach(p -> p.cancel(true));
        polls.clear();
    }
}
