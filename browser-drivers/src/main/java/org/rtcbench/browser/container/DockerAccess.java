package org.rtcbench.browser.container;

import com.github.dockerjava.api.DockerClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker daemon that container peers run on, reached through Testcontainers: its client, or
 * one line that says why there is none and what to do. Asked once per process.
 */
public final class DockerAccess {
    /** Testcontainers' switch for its Ryuk reaper, whose image no registry serves here. */
    static final String RYUK_DISABLED = "TESTCONTAINERS_RYUK_DISABLED";
    /** Testcontainers' switch for its start-up checks, which run an alpine image that no registry serves here. */
    static final String CHECKS_DISABLED = "TESTCONTAINERS_CHECKS_DISABLE";
    /** Where Testcontainers reaches containers; unset inside a container, it runs an alpine image to find the gateway. */
    static final String HOST_OVERRIDE = "TESTCONTAINERS_HOST_OVERRIDE";
    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    private static DockerClient client;
    private static String problem;

    private DockerAccess() {
    }

    /**
     * The client.
     *
     * @throws BadInputException when Docker cannot be reached from here (exit 2)
     */
    public static synchronized DockerClient client() {
        String why = problem();
        if (why != null) {
            throw new BadInputException(why);
        }
        return client;
    }

    /**
     * Asks the daemon at {@code where} ({@code unix:///path} or {@code tcp://host:port}) for
     * {@code GET /_ping} within 3 s; returns why it did not answer OK, or null when it did. A TLS
     * daemon (DOCKER_TLS_VERIFY) is only connected to; Testcontainers does the handshake.
     */
    static String ping(String where) {
        boolean tls = "1".equals(System.getenv("DOCKER_TLS_VERIFY"));
        try {
            SocketChannel channel;
            if (where.startsWith("unix://")) {
                Path socket = Path.of(where.substring("unix://".length()));
                if (!Files.exists(socket)) {
                    return "there is no " + socket;
                }
                channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } else if (where.startsWith("tcp://")) {
                URI uri = URI.create(where);
                channel = SocketChannel.open();
                channel.socket().connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), 3000);
            } else {
                return null; // another scheme (npipe, ssh): Testcontainers decides
            }
            try (SocketChannel c = channel) {
                if (tls) {
                    return null;
                }
                c.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer answer = ByteBuffer.allocate(512);
                // a channel's blocking read ignores SO_TIMEOUT: bound it with a reader thread
                java.util.concurrent.CompletableFuture<Integer> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        int n = 0;
                        while (n >= 0 && answer.hasRemaining()) {
                            n = c.read(answer); // until the daemon closes (HTTP/1.0) or the buffer is full
                        }
                        return n;
                    } catch (java.io.IOException e) {
                        return -1;
                    }
                });
                read.get(3, java.util.concurrent.TimeUnit.SECONDS);
                String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
                return text.startsWith("HTTP/") && text.contains(" 200 ") ? null
                        : "it answered " + (text.isEmpty() ? "nothing" : PeerFailure.firstLine(text));
            }
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer within 3 s";
        } catch (java.util.concurrent.ExecutionException | InterruptedException | java.io.IOException | RuntimeException e) {
            return String.valueOf(e.getMessage() == null ? e : e.getMessage());
        }
    }

    /** Why Docker cannot be used from here, or null when it can. */
    public static synchronized String problem() {
        if (client != null || problem != null) {
            return problem;
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        String where = dockerHost == null || dockerHost.isBlank() ? "unix://" + DEFAULT_SOCKET : dockerHost;
        String ryuk = System.getenv(RYUK_DISABLED);
        if (ryuk == null || ryuk.isBlank()) {
            problem = "container peers need " + RYUK_DISABLED + "=true in rtcbench's environment (Testcontainers' Ryuk image "
                    + "cannot be pulled without a registry; rtcbench removes its own containers): the ./rtcbench launcher sets it, "
                    + "set it yourself where you run rtcbench's jar or tests (or 'false' if your Docker has the Ryuk image)";
        } else if (!org.testcontainers.utility.TestcontainersConfiguration.getInstance().isDisableChecks()) {
            // Without it, Testcontainers' first client waits 2 minutes for an alpine image to pull, then fails.
            problem = "container peers need " + CHECKS_DISABLED + "=true in rtcbench's environment (Testcontainers' start-up check "
                    + "runs an alpine image, which cannot be pulled without a registry): the ./rtcbench launcher sets it, set it "
                    + "yourself where you run rtcbench's jar or tests (or checks.disable=true in ~/.testcontainers.properties)";
        } else if (Files.exists(Path.of("/.dockerenv")) && (System.getenv(HOST_OVERRIDE) == null || System.getenv(HOST_OVERRIDE).isBlank())) {
            // Inside a container, Testcontainers runs an alpine image to find its gateway: 2 minutes' wait, then a failure.
            problem = "container peers need " + HOST_OVERRIDE + "=localhost in rtcbench's environment when rtcbench itself runs "
                    + "in a container (/.dockerenv exists; rtcbench's containers share the host's network, and Testcontainers "
                    + "would otherwise run an alpine image to find a gateway, which cannot be pulled without a registry): the "
                    + "./rtcbench launcher sets it, set it yourself where you run rtcbench's jar or tests";
        } else {
            // Asked first, and only where the user points: Testcontainers would go on to other daemons it finds.
            String unanswered = ping(where);
            if (unanswered != null) {
                problem = "container peers need Docker, and no Docker daemon answers at " + where + " (" + unanswered
                        + "): start it ('sudo ci/setup' installs and starts it; or 'sudo dockerd &'), or point DOCKER_HOST at one that runs";
            } else {
                try {
                    client = DockerClientFactory.instance().client();
                } catch (RuntimeException e) {
                    problem = "Docker at " + where + " cannot be used: " + PeerFailure.firstLine(String.valueOf(e.getMessage()))
                            + " (start the daemon with 'sudo ci/setup', or set DOCKER_HOST)";
                }
            }
        }
        return problem;
    }
}
