package org.rtcbench.browser.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ConnectException;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    void theKernelShowsItsListeningSocketOnLoopbackOnly() throws IOException {
        int port = server.pageUri().getPort();
        // /proc/net/tcp{,6}: "sl local_address rem_address st ...", local_address as hex IP:port (the IP in
        // 32-bit little-endian words), st 0A = LISTEN
        List<InetAddress> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    listening.add(procAddress(local[0]));
                }
            }
        }
        assertThat(listening).as("sockets listening on port " + port).hasSize(1);
        // 127.0.0.1 itself, or its IPv4-mapped form ::ffff:127.0.0.1 on a dual-stack socket
        assertThat(listening.get(0).getHostAddress()).isEqualTo("127.0.0.1");
    }

    private static InetAddress procAddress(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    @Test
    void aConnectionToTheHarnessPortOnAnotherAddressOfThisHostIsRefused() throws IOException {
        List<InetAddress> others = otherAddresses();
        assumeTrue(!others.isEmpty(), "this host has no non-loopback address to try the harness port on");
        int port = server.pageUri().getPort();
        for (InetAddress a : others) {
            assertThatThrownBy(() -> new Socket(a, port).close()).as(a.getHostAddress() + ":" + port)
                    .isInstanceOf(ConnectException.class);
        }
        new Socket(InetAddress.getLoopbackAddress(), port).close();
    }

    @Test
    void bindsTheAddressItIsGivenAndTheOneOnlyAndRefusesAWildcard() throws IOException {
        List<InetAddress> others = otherAddresses();
        assumeTrue(!others.isEmpty(), "this host has no non-loopback address to bind the harness to");
        InetAddress a = others.get(0);
        try (HarnessServer beyond = HarnessServer.start(a.getHostAddress())) {
            assertThat(beyond.pageUri().getHost().replace("[", "").replace("]", "")).isEqualTo(a.getHostAddress());
            new Socket(a, beyond.pageUri().getPort()).close();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), beyond.pageUri().getPort()).close())
                    .isInstanceOf(ConnectException.class);
        }
        assertThatThrownBy(() -> HarnessServer.start("0.0.0.0")).hasMessageContaining("not a wildcard");
    }

    private static List<InetAddress> otherAddresses() throws IOException {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && nic.isUp()) {
                    others.add(a);
                }
            }
        }
        return others;
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

    @Test
    void servesTheMarkedCamerasPicturesAsRgbaOfTheAskedSizeAndNoOthers() throws IOException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        byte[] picture;
        try {
            picture = http.send(java.net.http.HttpRequest.newBuilder(server.pageUri().resolve("/pictures/320x240/7")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(picture).hasSize(320 * 240 * 4);
        byte[] expected = new byte[320 * 240 * 4];
        new org.rtcbench.media.Y4mWriter(320, 240, 15).renderPictureRgba(7, expected);
        assertThat(picture).isEqualTo(expected);
        assertThat(get("/markers.js")).contains("window.rtcbenchMarkers = {");
        for (String missing : List.of("/pictures/320x240/64", "/pictures/320x240/-1", "/pictures/321x240/0", "/pictures/64x64/0",
                "/pictures/320x240/x", "/pictures/99999x2/0")) {
            assertThat(status(get(missing))).as(missing).isEqualTo(404);
        }
    }

    @Test
    void takesALumaFromAPageAndHandsItToRtcbenchOnceEvenAFullHdOne() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        byte[] y = new byte[1920 * 1080]; // past Jetty's default 1 MB for a request
        new java.util.Random(7).nextBytes(y);
        java.net.http.HttpResponse<String> posted = http.send(java.net.http.HttpRequest.newBuilder(server.pageUri().resolve("/lumas"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(y)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        String token = posted.body();
        assertThat(token).matches("[0-9a-f-]{36}");
        java.net.http.HttpRequest take = java.net.http.HttpRequest.newBuilder(server.pageUri().resolve("/lumas/" + token)).build();
        java.net.http.HttpResponse<byte[]> taken = http.send(take, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).isEqualTo(y);
        assertThat(http.send(take, java.net.http.HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(404);
        assertThat(status(get("/lumas/" + java.util.UUID.randomUUID()))).isEqualTo(404);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(server.pageUri().resolve("/lumas"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void lumasNobodyTakesGoOldestFirstPastTheirBound() {
        HarnessServer.Handoffs lumas = new HarnessServer.Handoffs(250);
        String first = lumas.put(new byte[100]);
        String second = lumas.put(new byte[100]);
        String third = lumas.put(new byte[100]); // 300 > 250: the first goes
        assertThat(lumas.take(first)).isNull();
        assertThat(lumas.take(second)).hasSize(100);
        String fourth = lumas.put(new byte[100]); // 200 waiting: all stay
        assertThat(lumas.take(third)).hasSize(100);
        assertThat(lumas.take(fourth)).hasSize(100);
        assertThat(lumas.take(fourth)).isNull();
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
