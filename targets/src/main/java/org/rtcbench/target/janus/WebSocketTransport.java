package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;

/**
 * Janus's WebSocket API (subprotocol {@code janus-protocol}, usually on port 8188): one socket for
 * every session. A request names its session and handle in {@code session_id} and
 * {@code handle_id}; the first message back with its transaction is its direct reply, and every
 * other message goes to the session it names. When the socket closes or fails, every waiting call
 * and every session fails with the reason.
 */
final class WebSocketTransport implements JanusTransport {
    static final String SUBPROTOCOL = "janus-protocol";

    private final String url;
    private final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<Long, JanusSession> sessions = new ConcurrentHashMap<>();
    private final Object sending = new Object();
    private volatile WebSocket socket;
    private volatile PeerFailure stopped;
    private volatile boolean closed;
    private JsonNode info;

    private WebSocketTransport(String url) {
        this.url = url;
    }

    /** Opens the socket and asks for {@code info}; throws BadInputException {@code cannot reach Janus at <url>: ...}. */
    static WebSocketTransport connect(String url) {
        WebSocketTransport t = new WebSocketTransport(url);
        HttpClient http = HttpClient.newBuilder().connectTimeout(JanusClient.CONNECT_TIMEOUT).build();
        try {
            t.socket = http.newWebSocketBuilder().subprotocols(SUBPROTOCOL).connectTimeout(JanusClient.CONNECT_TIMEOUT)
                    .buildAsync(URI.create(url), t.new Receiver())
                    .get(JanusClient.CONNECT_TIMEOUT.toMillis() + JanusClient.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cannot reach Janus at " + url + ": not an http:// or ws:// URL (" + e.getMessage() + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IOException io ? JanusClient.why(io, JanusClient.REQUEST_TIMEOUT) : String.valueOf(cause);
            throw new BadInputException("cannot reach Janus at " + url + ": " + why
                    + "; check that Janus runs there with its WebSocket transport on, or leave out --url to start a local Janus", cause);
        } catch (TimeoutException e) {
            throw new BadInputException("cannot reach Janus at " + url + ": no WebSocket handshake within "
                    + (JanusClient.CONNECT_TIMEOUT.toSeconds() + JanusClient.REQUEST_TIMEOUT.toSeconds()) + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("cannot reach Janus at " + url + ": interrupted");
        }
        try {
            JsonNode info = t.send(JanusClient.requestOf("info"), null, null);
            if (!"server_info".equals(info.path("janus").asText())) {
                throw new PeerFailure("answered info with " + PeerFailure.firstLine(info.toString()));
            }
            t.info = info;
            return t;
        } catch (PeerFailure e) {
            t.close();
            throw new BadInputException("cannot reach Janus at " + url + ": " + e.getMessage()
                    + "; check that --url names Janus's WebSocket API (usually ws://HOST:8188)");
        }
    }

    @Override
    public JsonNode info() {
        return info;
    }

    @Override
    public JsonNode send(ObjectNode request, Long session, Long handle) {
        PeerFailure s = stopped;
        if (s != null) {
            throw new PeerFailure(s.getMessage(), s);
        }
        if (session != null) {
            request.put("session_id", session.longValue());
        }
        if (handle != null) {
            request.put("handle_id", handle.longValue());
        }
        String tx = request.path("transaction").asText();
        String what = request.path("janus").asText();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(tx, reply);
        try {
            synchronized (sending) { // one text at a time: WebSocket refuses a send while another is pending
                socket.sendText(request.toString(), true).get(JanusClient.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return reply.get(JanusClient.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw JanusClient.stopped(url, what + ": no answer within " + JanusClient.REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PeerFailure f) {
                throw new PeerFailure(f.getMessage(), f);
            }
            throw failed(what + ": " + (cause instanceof IOException io ? JanusClient.why(io, JanusClient.REQUEST_TIMEOUT) : String.valueOf(cause)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure("interrupted while waiting for Janus at " + url);
        } finally {
            replies.remove(tx);
        }
    }

    @Override
    public void listen(JanusSession session) {
        sessions.put(session.id(), session);
        PeerFailure s = stopped;
        if (s != null) {
            session.transportFailed(s);
        }
    }

    @Override
    public void unlisten(JanusSession session) {
        sessions.remove(session.id());
    }

    /** One message from Janus: a waiting call's direct reply, or an event for the session it names. */
    void received(String text) {
        JsonNode n = JanusClient.parseOrNull(text);
        if (n == null) {
            return;
        }
        String tx = n.path("transaction").asText(null);
        CompletableFuture<JsonNode> reply = tx == null ? null : replies.remove(tx);
        if (reply != null) {
            reply.complete(n);
            return;
        }
        JanusSession session = sessions.get(n.path("session_id").asLong(-1));
        if (session != null) {
            session.dispatch(JanusReply.of(n));
        }
    }

    /** Fails every waiting call and every session with why the socket ended. */
    private PeerFailure failed(String why) {
        PeerFailure f = JanusClient.stopped(url, why);
        if (stopped == null) {
            stopped = f;
        }
        replies.values().forEach(r -> r.completeExceptionally(stopped));
        if (!closed) {
            sessions.values().forEach(s -> s.transportFailed(stopped));
        }
        return f;
    }

    @Override
    public void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the socket is gone already
            }
            ws.abort();
        }
        failed("closed");
    }

    /** Collects a text's fragments and hands each whole message over. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                received(message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            failed(status == 1006 ? "WebSocket connection lost" // abnormal closure: no close frame, the peer is gone
                    : "WebSocket closed by Janus (" + status + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            failed("WebSocket failed: " + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()));
        }
    }
}
