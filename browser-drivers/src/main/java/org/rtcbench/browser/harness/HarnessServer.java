package org.rtcbench.browser.harness;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The embedded HTTP server that serves the harness page and its JS API to browsers, bound to
 * 127.0.0.1 on a free port. It serves exactly two fixed resources from the jar; every other path,
 * including any attempt to climb out with {@code ..}, gets 404 (or 400 from Jetty's URI checks).
 */
public final class HarnessServer implements AutoCloseable {
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "/", "text/html; charset=utf-8",
            "/harness.js", "text/javascript; charset=utf-8");

    private final Javalin app;
    private final URI page;

    private HarnessServer(Javalin app) {
        this.app = app;
        this.page = URI.create("http://127.0.0.1:" + app.port() + "/");
    }

    /** Starts the server on 127.0.0.1 and a free port. */
    public static HarnessServer start() {
        byte[] html = resource("index.html");
        byte[] js = resource("harness.js");
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.generateEtags = false;
        });
        app.get("/", ctx -> serve(ctx, "/", html));
        app.get("/harness.js", ctx -> serve(ctx, "/harness.js", js));
        app.error(404, ctx -> ctx.result("not found"));
        app.start("127.0.0.1", 0);
        return new HarnessServer(app);
    }

    /** The harness page's address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI pageUri() {
        return page;
    }

    @Override
    public void close() {
        app.stop();
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
