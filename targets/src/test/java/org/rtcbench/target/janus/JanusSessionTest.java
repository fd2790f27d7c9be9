package org.rtcbench.target.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.peer.PeerFailure;

/**
 * How a session hands Janus's events to its callers, against a scripted stand-in for Janus's HTTP
 * API on 127.0.0.1: an answer that comes on the long poll before the ack, an event that came before
 * anyone waited for it, and a session that Janus ended.
 */
class JanusSessionTest {
    private static final long SESSION = 11;
    private static final long HANDLE = 7;

    private HttpServer server;
    /** What the next long polls return, one body each; a keepalive after a moment when empty. */
    private final BlockingQueue<String> polls = new LinkedBlockingQueue<>();
    private JanusClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/janus", this::answer);
        server.start();
        client = JanusClient.connect("http://127.0.0.1:" + server.getAddress().getPort() + "/janus");
    }

    @AfterEach
    void stop() {
        polls.add("{\"janus\":\"keepalive\"}");
        client.close();
        server.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String reply;
        if (path.endsWith("/info")) {
            reply = "{\"janus\":\"server_info\",\"version_string\":\"1.1.2\"}";
        } else if ("GET".equals(x.getRequestMethod())) {
            try {
                String next = polls.poll(500, TimeUnit.MILLISECONDS);
                reply = next == null ? "{\"janus\":\"keepalive\"}" : next;
            } catch (InterruptedException e) {
                reply = "{\"janus\":\"keepalive\"}";
            }
        } else {
            JsonNode req = JanusReply.JSON.readTree(body);
            String tx = req.path("transaction").asText();
            reply = switch (req.path("janus").asText()) {
                case "create" -> "{\"janus\":\"success\",\"transaction\":\"" + tx + "\",\"data\":{\"id\":" + SESSION + "}}";
                case "message" -> {
                    // Janus may put the plugin's answer on the long poll before the POST that asked has its ack.
                    polls.add("[{\"janus\":\"event\",\"sender\":" + HANDLE + ",\"transaction\":\"" + tx
                            + "\",\"plugindata\":{\"plugin\":\"janus.plugin.videoroom\",\"data\":{\"videoroom\":\"joined\",\"id\":99}}}]");
                    sleep(300);
                    yield "{\"janus\":\"ack\",\"transaction\":\"" + tx + "\"}";
                }
                default -> "{\"janus\":\"success\",\"transaction\":\"" + tx + "\"}";
            };
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Test
    void theAnswerToAnAsynchronousMessageFindsItsCallerEvenBeforeTheAck() {
        JanusHandle handle = new JanusHandle(client.createSession(), HANDLE);
        JanusReply joined = handle.message(JanusHandle.body("join"), null, Duration.ofSeconds(3));
        assertThat(joined.text("videoroom")).isEqualTo("joined");
        assertThat(joined.data().path("id").asLong()).isEqualTo(99);
    }

    @Test
    void anEventThatCameBeforeAnyoneWaitedIsStillFound() throws Exception {
        JanusHandle handle = new JanusHandle(client.createSession(), HANDLE);
        polls.add("{\"janus\":\"webrtcup\",\"sender\":" + HANDLE + "}");
        Thread.sleep(300);
        assertThat(handle.awaitEvent(e -> "webrtcup".equals(e.janus()), Duration.ofSeconds(2), "webrtcup").sender()).isEqualTo(HANDLE);
    }

    @Test
    void aSessionThatJanusEndedFailsItsWaitingCallersAtOnce() {
        JanusSession session = client.createSession();
        JanusHandle handle = new JanusHandle(session, HANDLE);
        polls.add("{\"janus\":\"error\",\"session_id\":" + SESSION + ",\"error\":{\"code\":458,\"reason\":\"No such session " + SESSION + "\"}}");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> handle.awaitEvent(e -> false, Duration.ofSeconds(10), "nothing"))
                .isInstanceOf(PeerFailure.class).hasMessageEndingWith("ended session " + SESSION + ": No such session " + SESSION + " (code 458)");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
        assertThat(session.failure()).isNotNull();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
