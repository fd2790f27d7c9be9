package org.rtcbench.target.whip.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.target.janus.local.LocalJanus;

/**
 * Debian's simple-whip-server (Meetecho's WHIP endpoint in front of a Janus VideoRoom) started by
 * rtcbench beside a {@link LocalJanus}, in the same test network namespace, talking to that Janus's
 * WebSocket API. Its files are where {@code ci/setup} unpacks them ({@code /opt/rtcbench/simple-whip-server},
 * or {@code $RTCBENCH_WHIP_SERVER}); this copies its two scripts next to a config of its own, so one
 * installation serves any number of runs. Endpoints are made with its {@code /whip/create} API, each
 * mapped to a VideoRoom room; a WHIP client then POSTs to {@code /whip/endpoint/<id>}.
 */
public final class LocalWhipServer implements AutoCloseable {
    /** The folder ci/setup installs simple-whip-server into. */
    public static final Path DEFAULT_HOME = Path.of("/opt/rtcbench/simple-whip-server");
    private static final int PORT = 7080;
    private static final long START_TIMEOUT_MS = 15_000;
    private static final long STOP_GRACE_MS = 3000;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path dir;
    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.Set<String> endpoints = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private LocalWhipServer(Path dir, Process process, String base) {
        this.dir = dir;
        this.process = process;
        this.base = base;
    }

    /** Where simple-whip-server is installed: {@code $RTCBENCH_WHIP_SERVER}, else {@link #DEFAULT_HOME}. */
    public static Path home() {
        String env = System.getenv("RTCBENCH_WHIP_SERVER");
        return env == null || env.isBlank() ? DEFAULT_HOME : Path.of(env);
    }

    /** Why simple-whip-server cannot start here (not installed, no node), or null when it can. */
    public static String missing() {
        Path home = home();
        if (!Files.isRegularFile(home.resolve("src/server.js")) || !Files.isDirectory(home.resolve("node_modules/express"))) {
            return "simple-whip-server is not installed in " + home + " (ci/setup installs it)";
        }
        return OwnedProcesses.onPath("node") == null ? "node (Node.js) is not on PATH (ci/setup installs it)" : null;
    }

    /**
     * Starts simple-whip-server in {@code janus}'s namespace, its config and output in a new folder under
     * {@code workDir}, and waits until its REST API answers (it opens it only once it is connected to Janus).
     *
     * @throws BadInputException when it is not installed, Janus has no WebSocket API, or it does not answer in time
     */
    public static LocalWhipServer start(Path workDir, LocalJanus janus) {
        String why = missing();
        if (why != null) {
            throw new BadInputException("cannot start a local WHIP server: " + why);
        }
        if (janus.wsUrl() == null) {
            throw new BadInputException("cannot start a local WHIP server: the local Janus has no WebSocket API (libjanus_websockets.so)");
        }
        Path dir = workDir.toAbsolutePath().resolve(String.format("whip-%d-%04d", ProcessHandle.current().pid(), COUNTER.incrementAndGet()));
        Process process = null;
        try {
            Files.createDirectories(dir.resolve("src"));
            for (String script : List.of("server.js", "whip-janus.js")) {
                Files.copy(home().resolve("src").resolve(script), dir.resolve("src").resolve(script));
            }
            Files.writeString(dir.resolve("src/config.js"), "module.exports = {\n"
                    + "  janus: { address: '" + janus.wsUrl() + "' },\n"
                    + "  port: " + PORT + ",\n  rest: '/whip',\n  allowTrickle: true,\n  strictETags: false,\n  iceServers: []\n};\n",
                    StandardCharsets.UTF_8);
            ProcessBuilder pb = janus.network().inside(OwnedProcesses.endingWithThisJvm(List.of(
                    OwnedProcesses.onPath("node").toString(), dir.resolve("src/server.js").toString())));
            pb.directory(dir.toFile());
            pb.environment().put("NODE_PATH", home().resolve("node_modules").toString());
            pb.environment().put("DEBUG", "whip:*");
            OwnedProcesses.mark(pb, dir);
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("whip-server.out").toFile());
            process = OwnedProcesses.startHeld(pb);
            LocalWhipServer server = new LocalWhipServer(dir, process, "http://" + janus.network().nsAddress() + ":" + PORT + "/whip");
            server.awaitAnswer();
            return server;
        } catch (IOException | RuntimeException e) {
            OwnedProcesses.stop(process, dir, STOP_GRACE_MS);
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException("cannot start simple-whip-server in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void awaitAnswer() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new BadInputException("simple-whip-server exited with code " + process.exitValue() + " while starting (its output: "
                        + dir.resolve("whip-server.out") + ")");
            }
            try {
                if (get("/healthcheck").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadInputException("interrupted while simple-whip-server started");
            }
        }
        throw new BadInputException("simple-whip-server did not answer at " + base + "/healthcheck within " + START_TIMEOUT_MS
                + " ms (its output: " + dir.resolve("whip-server.out") + ")");
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * Makes endpoint {@code id}: a WHIP publisher there joins VideoRoom {@code room} (which must exist) named
     * {@code label}, and must send {@code token} as its bearer token when it is not null. Making one that exists does nothing.
     */
    public void createEndpoint(String id, long room, String label, String token) {
        if (!endpoints.add(id)) {
            return;
        }
        String body = "{\"id\":\"" + id + "\",\"room\":" + room + ",\"label\":\"" + label + "\""
                + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/create")).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new BadInputException("simple-whip-server refused endpoint " + id + ": " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new BadInputException("simple-whip-server at " + base + " did not take endpoint " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while making WHIP endpoint " + id);
        }
    }

    /** The WHIP endpoint URL of endpoint {@code id} (or, with {@code {peer}}, of every peer's own). */
    public String endpointUrl(String id) {
        return base + "/endpoint/" + id;
    }

    /** Its REST API's base, e.g. {@code http://10.213.0.2:7080/whip}. */
    public String base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    /** Ends it by PID and waits for it. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            OwnedProcesses.stop(process, dir, STOP_GRACE_MS);
        }
    }
}
