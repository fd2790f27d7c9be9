package org.rtcbench.target.turn;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.netns.NamespaceHost;
import org.rtcbench.core.peer.IceConfig;
import org.rtcbench.core.process.OwnedProcesses;

/**
 * A TURN server for one run: Debian's coturn ({@code turnserver}) in its own {@link NamespaceHost},
 * so that relay addresses are a test network's, never loopback (where ICE through coturn never
 * connects) and never an outside interface. Long-term credentials are generated per run and kept
 * in a configuration file only this process can read (never on a command line). Its process is
 * marked as ours and ends with this JVM; {@link #close()} ends it by PID and removes the network.
 */
public final class LocalTurn implements AutoCloseable {
    private static final int PORT = 3478;
    private static final long START_TIMEOUT_MS = 10_000;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final NamespaceHost network;
    private final Path dir;
    private final Process process;
    private final String username;
    private final String password;
    private final String transport;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalTurn(NamespaceHost network, Path dir, Process process, String username, String password, String transport) {
        this.network = network;
        this.dir = dir;
        this.process = process;
        this.username = username;
        this.password = password;
        this.transport = transport;
    }

    /**
     * Starts coturn in a new test network, its configuration and log in a new folder under
     * {@code workDir}, and waits until it answers a STUN binding request.
     *
     * @param transport {@code udp}, {@code tcp} or {@code both}: the transports peers are told to reach it by
     * @throws BadInputException when coturn is not installed, the network cannot be made, or it does not answer within 10 s
     */
    public static LocalTurn start(Path workDir, String transport) {
        String binary = binary();
        Path dir = workDir.toAbsolutePath().resolve(String.format("turn-%d-%04d", ProcessHandle.current().pid(), COUNTER.incrementAndGet()));
        NamespaceHost network = NamespaceHost.create();
        Process process = null;
        try {
            // Browsers allocate from sockets on every local address: coturn must be able to answer each.
            network.routeBackToHostAddresses();
            Files.createDirectories(dir);
            String username = "rtcbench-" + random(6);
            String password = random(24);
            Path conf = dir.resolve("turnserver.conf");
            Files.createFile(conf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(conf, String.join("\n",
                    "listening-ip=" + network.nsAddress(),
                    "relay-ip=" + network.nsAddress(),
                    "listening-port=" + PORT,
                    "min-port=49152",
                    "max-port=65535",
                    "lt-cred-mech",
                    "user=" + username + ":" + password,
                    "realm=rtcbench",
                    "fingerprint",
                    "no-tls",
                    "no-dtls",
                    "no-cli",
                    "no-software-attribute",
                    "no-multicast-peers",
                    "simple-log",
                    "log-file=stdout",
                    "pidfile=" + dir.resolve("turnserver.pid"),
                    ""), StandardCharsets.UTF_8);
            ProcessBuilder pb = network.inside(OwnedProcesses.endingWithThisJvm(List.of(binary, "-c", conf.toString())));
            OwnedProcesses.mark(pb, dir);
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("turnserver.log").toFile());
            process = OwnedProcesses.startHeld(pb);
            awaitAnswer(process, network.nsAddress(), dir);
            return new LocalTurn(network, dir, process, username, password, transport);
        } catch (IOException | RuntimeException e) {
            stop(process, dir);
            network.close();
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException("cannot start coturn (" + binary + ") in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String binary() {
        Path p = OwnedProcesses.onPath("turnserver");
        if (p != null) {
            return p.toString();
        }
        throw new BadInputException("'turn: local' needs coturn's turnserver on PATH (Debian: apt-get install coturn, or ci/setup), "
                + "or name your own server with turn: {urls: [...], username: ..., credential: ...}");
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Sends STUN binding requests until coturn answers one. */
    private static void awaitAnswer(Process process, String address, Path dir) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        try (DatagramChannel c = DatagramChannel.open()) {
            c.configureBlocking(false);
            ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442);
            byte[] tx = new byte[12];
            new SecureRandom().nextBytes(tx);
            request.put(tx).flip();
            ByteBuffer answer = ByteBuffer.allocate(1500);
            while (System.currentTimeMillis() < deadline) {
                if (!process.isAlive()) {
                    throw new BadInputException("coturn exited with code " + process.exitValue() + " while starting (log: "
                            + dir.resolve("turnserver.log") + ")");
                }
                c.send(request.duplicate(), new InetSocketAddress(address, PORT));
                sleep(100);
                answer.clear();
                if (c.receive(answer) != null && answer.position() >= 20 && answer.getShort(0) == 0x0101) {
                    return;
                }
            }
        }
        throw new BadInputException("coturn did not answer STUN at " + address + ":" + PORT + " within " + START_TIMEOUT_MS
                + " ms (log: " + dir.resolve("turnserver.log") + ")");
    }

    /** What peers are given: this server's URLs and the run's credentials. */
    public IceConfig.Server server() {
        List<String> urls = new ArrayList<>();
        if (!transport.equals("tcp")) {
            urls.add("turn:" + network.nsAddress() + ":" + PORT + "?transport=udp");
        }
        if (!transport.equals("udp")) {
            urls.add("turn:" + network.nsAddress() + ":" + PORT + "?transport=tcp");
        }
        return new IceConfig.Server(urls, username, password);
    }

    /** Where it listens, e.g. {@code 10.213.0.6:3478}. */
    public String address() {
        return network.nsAddress() + ":" + PORT;
    }

    public long pid() {
        return process.pid();
    }

    /** Calls {@code stopped} with the reason once, if coturn exits before {@link #close()}. */
    public void onFailure(Consumer<String> stopped) {
        process.onExit().thenRun(() -> {
            if (!closed.get()) {
                stopped.accept("the local TURN server (coturn, pid " + process.pid() + ") exited with code " + process.exitValue()
                        + " mid-run; relayed peers lost their media path");
            }
        });
    }

    /** Ends coturn by PID, waits for it, and removes the network. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop(process, dir);
        network.close();
    }

    private static void stop(Process process, Path dir) {
        OwnedProcesses.stop(process, dir, 5_000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while coturn started");
        }
    }
}
