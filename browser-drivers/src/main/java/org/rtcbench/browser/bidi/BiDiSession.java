package org.rtcbench.browser.bidi;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.Command;
import org.openqa.selenium.bidi.Connection;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.http.HttpClient;
import org.openqa.selenium.remote.http.HttpRequest;
import org.openqa.selenium.remote.http.HttpResponse;
import org.openqa.selenium.remote.http.WebSocket;

/**
 * A WebDriver BiDi session on a browser's own WebSocket ({@code ws://127.0.0.1:PORT/session}), with
 * no geckodriver. Selenium's {@link Connection} does the transport and matches replies to commands;
 * this class adds what it lacks: session helpers, BiDi errors as exceptions, LocalValue/RemoteValue
 * conversion, and failing at once when the browser or the socket dies (Connection never fails a
 * pending command when its socket closes).
 */
public final class BiDiSession implements AutoCloseable {
    private static final Json JSON = new Json();

    private final HttpClient client;
    private final Connection connection;
    private final CompletableFuture<?> browserGone;
    private final CompletableFuture<String> socketGone;
    private final Duration defaultTimeout;
    private volatile boolean closed;

    private BiDiSession(HttpClient client, Connection connection, CompletableFuture<?> browserGone,
                        CompletableFuture<String> socketGone, Duration defaultTimeout) {
        this.client = client;
        this.connection = connection;
        this.browserGone = browserGone;
        this.socketGone = socketGone;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Opens the WebSocket.
     *
     * @param wsUrl       what the browser printed plus {@code /session}
     * @param browserGone completes when the browser process exits (commands then fail at once)
     */
    public static BiDiSession connect(URI wsUrl, CompletableFuture<?> browserGone, Duration defaultTimeout) {
        ClientConfig config = ClientConfig.defaultConfig()
                .baseUri(wsUrl)
                .connectionTimeout(Duration.ofSeconds(10))
                .wsTimeout(defaultTimeout);
        HttpClient client = HttpClient.Factory.createDefault().createClient(config);
        CompletableFuture<String> socketGone = new CompletableFuture<>();
        try {
            Connection connection = new Connection(new SocketWatch(client, socketGone), wsUrl.toString());
            return new BiDiSession(client, connection, browserGone, socketGone, defaultTimeout);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** {@code session.new}; returns its result (with {@code capabilities.browserVersion}). */
    public Map<String, Object> newSession(Map<String, Object> alwaysMatch) {
        return send("session.new", Map.of("capabilities", Map.of("alwaysMatch", alwaysMatch)));
    }

    /** The first top-level browsing context. */
    public String topLevelContext() {
        Map<String, Object> tree = send("browsingContext.getTree", Map.of("maxDepth", 0));
        List<?> contexts = (List<?>) tree.get("contexts");
        if (contexts == null || contexts.isEmpty()) {
            throw new BiDiException("browsingContext.getTree returned no contexts: " + tree);
        }
        return (String) ((Map<?, ?>) contexts.get(0)).get("context");
    }

    /** Navigates and waits for the load to complete. */
    public void navigate(String context, String url, Duration timeout) {
        send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"), timeout);
    }

    /** {@code script.callFunction} awaiting its promise; arguments and result are plain Java values. */
    public Object callFunction(String context, String functionDeclaration, Duration timeout, Object... args) {
        List<Object> arguments = new ArrayList<>();
        for (Object a : args) {
            arguments.add(toLocalValue(a));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("functionDeclaration", functionDeclaration);
        params.put("target", Map.of("context", context));
        params.put("arguments", arguments);
        params.put("awaitPromise", true);
        params.put("resultOwnership", "none");
        return scriptResult("script.callFunction", send("script.callFunction", params, timeout));
    }

    /** {@code session.end}: the browser answers, then closes the WebSocket itself. */
    public void endSession(Duration timeout) {
        send("session.end", Map.of(), timeout);
        // Let the browser's close handshake finish, else closing races the JDK's automatic Close reply.
        try {
            socketGone.get(2, TimeUnit.SECONDS);
            Thread.sleep(50);
        } catch (TimeoutException | ExecutionException e) {
            // not closed by the browser: close() closes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Map<String, Object> send(String method, Map<String, Object> params) {
        return send(method, params, defaultTimeout);
    }

    /** Sends one command and waits for its result, the browser's exit, the socket's close, or the timeout. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> send(String method, Map<String, Object> params, Duration timeout) {
        if (closed) {
            throw new BiDiException(method + ": connection already closed");
        }
        if (socketGone.isDone()) {
            throw new BiDiException(method + ": the browser closed the WebSocket (" + socketGone.join() + ")");
        }
        CompletableFuture<Map<String, Object>> reply;
        try {
            reply = connection.send(new Command<>(method, params, r -> (Map<String, Object>) r));
        } catch (WebDriverException e) {
            throw new BiDiException(method + ": could not send: " + firstLine(e.getMessage()), e);
        }
        try {
            Object first = CompletableFuture.anyOf(reply, browserGone, socketGone).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!reply.isDone()) {
                throw new BiDiException(method + (browserGone.isDone() ? ": the browser exited before answering"
                        : ": the browser closed the WebSocket before answering (" + socketGone.getNow("") + ")"));
            }
            return (Map<String, Object>) first;
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new BiDiException(method + ": no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BiDiException(method + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebDriverException w && w.getRawMessage() != null && w.getRawMessage().startsWith("{")) {
                Map<String, Object> err = JSON.toType(w.getRawMessage(), Json.MAP_TYPE);
                throw new BiDiException(method + ": " + err.get("error") + ": " + err.get("message"));
            }
            throw new BiDiException(method + ": " + cause, cause);
        }
    }

    private static Object scriptResult(String method, Map<String, Object> r) {
        if ("exception".equals(r.get("type"))) {
            Map<?, ?> details = (Map<?, ?>) r.get("exceptionDetails");
            throw new BiDiException(method + ": the page threw: " + (details == null ? r : details.get("text")));
        }
        return fromRemoteValue(r.get("result"));
    }

    /** A Java value as a BiDi LocalValue. */
    static Object toLocalValue(Object v) {
        if (v == null) {
            return Map.of("type", "null");
        }
        if (v instanceof String s) {
            return Map.of("type", "string", "value", s);
        }
        if (v instanceof Boolean b) {
            return Map.of("type", "boolean", "value", b);
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return Map.of("type", "number", "value", "NaN");
            }
            if (Double.isInfinite(d)) {
                return Map.of("type", "number", "value", d > 0 ? "Infinity" : "-Infinity");
            }
            return Map.of("type", "number", "value", n);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(toLocalValue(x)));
            return Map.of("type", "array", "value", out);
        }
        if (v instanceof Map<?, ?> map) {
            List<Object> out = new ArrayList<>();
            map.forEach((k, x) -> out.add(List.of(String.valueOf(k), toLocalValue(x))));
            return Map.of("type", "object", "value", out);
        }
        throw new IllegalArgumentException("no BiDi LocalValue for " + v.getClass());
    }

    /** A BiDi RemoteValue as a plain Java value (objects become maps, arrays lists). */
    static Object fromRemoteValue(Object o) {
        if (!(o instanceof Map<?, ?> rv)) {
            return o;
        }
        String type = String.valueOf(rv.get("type"));
        Object value = rv.get("value");
        switch (type) {
            case "undefined", "null":
                return null;
            case "string", "boolean":
                return value;
            case "number":
                if (value instanceof String special) {
                    return "-0".equals(special) ? -0.0 : Double.parseDouble(special);
                }
                return value;
            case "bigint":
                return new java.math.BigInteger(String.valueOf(value));
            case "array", "set": {
                List<Object> out = new ArrayList<>();
                if (value instanceof List<?> items) {
                    items.forEach(x -> out.add(fromRemoteValue(x)));
                }
                return out;
            }
            case "object", "map": {
                Map<String, Object> out = new LinkedHashMap<>();
                if (value instanceof List<?> pairs) {
                    for (Object p : pairs) {
                        List<?> kv = (List<?>) p;
                        Object key = kv.get(0) instanceof String s ? s : fromRemoteValue(kv.get(0));
                        out.put(String.valueOf(key), fromRemoteValue(kv.get(1)));
                    }
                }
                return out;
            }
            default:
                return type;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (RuntimeException ignored) {
            client.close();
        }
    }

    private static String firstLine(String s) {
        return org.rtcbench.core.peer.PeerFailure.firstLine(s);
    }

    /** Passes everything to Selenium's client and also reports the socket's close or error. */
    private static final class SocketWatch implements HttpClient {
        private final HttpClient delegate;
        private final CompletableFuture<String> gone;

        SocketWatch(HttpClient delegate, CompletableFuture<String> gone) {
            this.delegate = delegate;
            this.gone = gone;
        }

        @Override
        public WebSocket openSocket(HttpRequest request, WebSocket.Listener listener) {
            return delegate.openSocket(request, new WebSocket.Listener() {
                @Override
                public void onText(CharSequence data) {
                    listener.onText(data);
                }

                @Override
                public void onBinary(byte[] data) {
                    listener.onBinary(data);
                }

                @Override
                public void onClose(int code, String reason) {
                    listener.onClose(code, reason);
                    gone.complete("closed, code " + code + (reason == null || reason.isEmpty() ? "" : ": " + reason));
                }

                @Override
                public void onError(Throwable cause) {
                    listener.onError(cause);
                    gone.complete("failed: " + cause);
                }
            });
        }

        @Override
        public HttpResponse execute(HttpRequest req) {
            return delegate.execute(req);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
