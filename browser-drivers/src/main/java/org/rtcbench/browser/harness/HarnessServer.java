package org.rtcbench.browser.harness;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.rtcbench.core.BadInputException;

/**
 * The embedded HTTP server that serves the harness page and its JS API to browsers, bound to
 * 127.0.0.1 on a free port. It serves three fixed resources from the jar, the ICE handoff, the
 * marked camera's pictures (RGBA, rendered here, so every sender draws the same ones), and takes the
 * lumas of received frames from the pages for rtcbench; every other path, including any attempt to
 * climb out with {@code ..}, gets 404 (or 400 from Jetty's URI checks).
 */
public final class HarnessServer implements AutoCloseable {
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "/", "text/html; charset=utf-8",
            "/harness.js", "text/javascript; charset=utf-8",
            "/markers.js", "text/javascript; charset=utf-8");

    private final Javalin app;
    private final URI page;

    private HarnessServer(Javalin app, String host) {
        this.app = app;
        this.page = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port() + "/");
    }

    /** Starts the server on 127.0.0.1 and a free port. */
    public static HarnessServer start() {
        return start(LOOPBACK);
    }

    /** The largest luma plane a page may hand over: 4096 x 4096. */
    static final int MAX_LUMA_BYTES = 4096 * 4096;
    /** Lumas waiting to be taken, in bytes, past which the oldest go (their pages' readings nobody takes any more). */
    static final long MAX_WAITING_LUMA_BYTES = 64L << 20;
    /** ICE configurations waiting for their pages, in bytes, past which the oldest go (pages that never asked). */
    static final long MAX_WAITING_ICE_BYTES = 1L << 20;

    /** The address the harness binds to unless a run names another. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Starts the server on {@code host} (an address of this machine that the browsers reach it at,
     * e.g. for a Grid node on another machine) and a free port.
     *
     * @throws BadInputException for a wildcard address (the page needs one the browsers can open) or one it cannot bind
     */
    public static HarnessServer start(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            throw new BadInputException("--harness-host " + host + ": name the address of this machine that the browsers reach it at"
                    + " (e.g. its LAN address), not a wildcard");
        }
        byte[] html = resource("index.html");
        byte[] js = resource("harness.js");
        byte[] markers = resource("markers.js");
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.generateEtags = false;
            config.http.maxRequestSize = MAX_LUMA_BYTES;
        });
        app.get("/", ctx -> serve(ctx, "/", html));
        app.get("/harness.js", ctx -> serve(ctx, "/harness.js", js));
        app.get("/markers.js", ctx -> serve(ctx, "/markers.js", markers));
        // ICE servers with credentials reach the page this way, never as a WebDriver argument (chromedriver logs those)
        handoff(app, "/ice", new Handoffs(MAX_WAITING_ICE_BYTES), "application/json");
        // /pictures/320x240/7: picture 7 of the marked camera, width * height * 4 bytes of RGBA
        Map<String, org.rtcbench.media.Y4mWriter> pictures = new java.util.concurrent.ConcurrentHashMap<>();
        app.get("/pictures/{size}/{n}", ctx -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{2,4})x(\\d{2,4})").matcher(ctx.pathParam("size"));
            int n;
            try {
                n = Integer.parseInt(ctx.pathParam("n"));
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (!m.matches() || n < 0 || n >= org.rtcbench.media.Y4mWriter.PICTURES) {
                ctx.status(404);
                return;
            }
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            org.rtcbench.media.Y4mWriter writer;
            try {
                writer = pictures.computeIfAbsent(w + "x" + h, k -> new org.rtcbench.media.Y4mWriter(w, h, 30));
            } catch (IllegalArgumentException e) { // a size no picture has (odd, too small for a marker)
                ctx.status(404);
                return;
            }
            byte[] rgba = new byte[w * h * 4];
            writer.renderPictureRgba(n, rgba);
            ctx.contentType("application/octet-stream").result(rgba);
        });
        // A received frame's luma plane, from the page that read it to rtcbench (BrowserPeer), once a second a track:
        // as base64 in the stats' JSON over WebDriver, 77 KB at 320x240 cost a Chromium peer's chromedriver and
        // browser process about 0.003 cores (bench markers, per thread). Each is taken once.
        handoff(app, "/lumas", new Handoffs(MAX_WAITING_LUMA_BYTES), "application/octet-stream");
        app.error(404, ctx -> ctx.result("not found"));
        try {
            app.start(host, 0);
        } catch (RuntimeException e) {
            app.stop();
            throw new BadInputException("the harness page cannot listen on " + host + " (--harness-host): "
                    + org.rtcbench.core.peer.PeerFailure.firstLine(String.valueOf(e.getMessage())) + "; name an address of this machine");
        }
        return new HarnessServer(app, host);
    }

    /** The harness page's address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI pageUri() {
        return page;
    }

    @Override
    public void close() {
        app.stop();
    }

    /**
     * {@code POST path}: a body to hand over, answered with a token; {@code GET path/{token}}: that body,
     * once. One side puts (rtcbench an ICE configuration, a page a luma), the other takes.
     */
    private static void handoff(Javalin app, String path, Handoffs waiting, String contentType) {
        app.post(path, ctx -> {
            byte[] body = ctx.bodyAsBytes();
            if (body.length == 0) {
                ctx.status(400).result("nothing to hand over");
                return;
            }
            ctx.contentType("text/plain").result(waiting.put(body));
        });
        app.get(path + "/{token}", ctx -> {
            byte[] body = waiting.take(ctx.pathParam("token"));
            ctx.header("Cache-Control", "no-store");
            if (body == null) {
                ctx.status(404).result("no such handoff");
            } else {
                ctx.contentType(contentType).result(body);
            }
        });
    }

    /** Bodies handed over until taken, at most {@code maxBytes} of them: the oldest go first. */
    static final class Handoffs {
        private final long maxBytes;
        private final java.util.LinkedHashMap<String, byte[]> waiting = new java.util.LinkedHashMap<>();
        private long bytes;

        Handoffs(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        synchronized String put(byte[] body) {
            String token = java.util.UUID.randomUUID().toString();
            waiting.put(token, body);
            bytes += body.length;
            for (var it = waiting.values().iterator(); bytes > maxBytes && it.hasNext(); ) {
                bytes -= it.next().length;
                it.remove();
            }
            return token;
        }

        /** The body handed over as {@code token}, or null when there is none (taken, or gone as the oldest). */
        synchronized byte[] take(String token) {
            byte[] body = waiting.remove(token);
            if (body != null) {
                bytes -= body.length;
            }
            return body;
        }
    }

    private static void serve(Context ctx, String path, byte[] body) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(CONTENT_TYPES.get(path));
        ctx.result(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = HarnessServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("harness resource " + name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
