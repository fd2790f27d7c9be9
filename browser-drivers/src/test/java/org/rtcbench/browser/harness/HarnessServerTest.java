package org.rtcbench.browser.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The harness server serves the page and its script on 127.0.0.1, and nothing else. */
class HarnessServerTest {
    private HarnessServer server;

    @BeforeEach
    void start() {
        server = HarnessServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends a raw request line, so paths reach the server exactly as written (no client-side normalising). */
    private String get(String rawPath) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.pageUri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void bindsToLoopbackOnAFreePort() {
        assertThat(server.pageUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.pageUri().getPort()).isPositive();
    }

    @Test
    void servesTheHarnessPageAndItsScript() throws IOException {
        String page = get("/");
        assertThat(status(page)).isEqualTo(200);
        assertThat(page).contains("text/html").contains("<script src=\"harness.js\">");
        String js = get("/harness.js");
        assertThat(status(js)).isEqualTo(200);
        assertThat(js).contains("text/javascript").contains("window.rtcbench = {");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/index.html", "/harness.js/../../../../etc/passwd", "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/harness.js%00.html",
            "/org/rtcbench/browser/harness/harness.js", "/logback.xml", "/META-INF/MANIFEST.MF"})
    void refusesEveryOtherPathIncludingTraversal(String path) throws IOException {
        String response = get(path);
        assertThat(status(response)).as(path).isIn(400, 404);
        assertThat(response).doesNotContain("root:x:0:0").doesNotContain("window.rtcbench").doesNotContain("Manifest-Version");
    }

    @Test
    void refusesWritesToo() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.pageUri().getPort())) {
            s.getOutputStream().write("POST /harness.js HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(status(response)).isIn(404, 405);
        }
    }
}
