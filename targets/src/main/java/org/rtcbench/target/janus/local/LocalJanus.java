package org.rtcbench.target.janus.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.netns.NamespaceHost;
import org.rtcbench.target.janus.JanusClient;

/**
 * A Janus (the installed {@code janus} binary) started by rtcbench inside its own {@link NamespaceHost},
 * with a generated minimal configuration ({@link JanusConfig}), its process marked as ours. Peers on
 * this host reach it at {@link #peerAddress()}; {@link #close()} ends Janus by PID, waits for it to
 * exit, and removes the network.
 */
public final class LocalJanus implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 10_000;
    private static final long STOP_GRACE_MS = 5_000;
    private static final int LOG_TAIL_LINES = 15;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final NamespaceHost network;
    private final JanusConfig config;
    private final Process process;
    private final String version;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalJanus(NamespaceHost network, JanusConfig config, Process process, String version) {
        this.network = network;
        this.config = config;
        this.process = process;
        this.version = version;
    }

    /**
     * Starts Janus in a new test network, its configuration and log in a new folder under
     * {@code workDir}, and waits until its HTTP API answers.
     *
     * @throws BadInputException when Janus is not installed, the network cannot be made (no permission),
     *                           or Janus does not answer within 10 s (with the tail of its log)
     */
    public static LocalJanus start(Path workDir) {
        String binary = janusBinary();
        // A folder only this Janus names, so OwnedProcesses.running(folder) finds exactly its processes; the fixed
        // width keeps one folder's name from being a prefix of another's (janus-7-1 of janus-7-10).
        Path dir = workDir.toAbsolutePath().resolve(String.format("janus-%d-%04d", ProcessHandle.current().pid(), COUNTER.incrementAndGet()));
        NamespaceHost network = NamespaceHost.create();
        Process process = null;
        try {
            JanusConfig config = JanusConfig.forAddress(dir, network.nsAddress()).write();
            // Janus ends with this JVM even when it is killed or crashes (no cleanup then runs)
            ProcessBuilder pb = network.inside(OwnedProcesses.endingWithThisJvm(List.of(
                    binary, "-F", config.confDir().toString(), "-C", config.mainFile().toString(), "-o", "-N")));
            OwnedProcesses.mark(pb, dir);
            // stdout/stderr carry only what Janus says before its log is open (and a crash's last words)
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("janus.out").toFile());
            process = OwnedProcesses.startHeld(pb);
            String version = awaitAnswer(process, config);
            return new LocalJanus(network, config, process, version);
        } catch (IOException | RuntimeException e) {
            stop(process, dir);
            network.close();
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException("cannot start Janus (" + binary + ") in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String janusBinary() {
        Path p = OwnedProcesses.onPath("janus");
        if (p != null) {
            return p.toString();
        }
        throw new BadInputException("a local Janus needs the janus binary on PATH (Debian: apt-get install janus), or pass --url to an existing Janus");
    }

    private static String awaitAnswer(Process process, JanusConfig config) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        String lastProblem = "";
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new BadInputException("Janus exited with code " + process.exitValue() + " while starting (log: " + config.logFile()
                        + ")\n" + logTail(config));
            }
            try {
                return JanusClient.connect(config.url()).version();
            } catch (BadInputException e) {
                lastProblem = e.getMessage();
            }
            sleep(100);
        }
        throw new BadInputException("Janus did not answer at " + config.url() + " within " + START_TIMEOUT_MS + " ms (" + lastProblem
                + "; log: " + config.logFile() + ")\n" + logTail(config));
    }

    private static String logTail(JanusConfig config) {
        StringBuilder out = new StringBuilder();
        for (Path p : List.of(config.dir().resolve("janus.out"), config.logFile())) {
            try {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                out.append("--- ").append(p.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                // not written yet
            }
        }
        return out.toString();
    }

    /** The HTTP API's URL, e.g. {@code http://10.213.0.2:8088/janus}. */
    public String url() {
        return config.url();
    }

    /** The WebSocket API's URL, e.g. {@code ws://10.213.0.2:8188}, or null when that transport is not installed. */
    public String wsUrl() {
        return config.wsUrl();
    }

    /** The host's address on Janus's test network: the only address peers may offer to this Janus. */
    public String peerAddress() {
        return network.hostAddress();
    }

    /** Janus's version from {@code /info}, e.g. {@code 1.1.2}. */
    public String version() {
        return version;
    }

    public long pid() {
        return process.pid();
    }

    /** The folder with Janus's configuration and log; every process that names it is ours. */
    public Path workDir() {
        return config.dir();
    }

    public NamespaceHost network() {
        return network;
    }

    /** Ends Janus by PID, waits until it has exited (a quick restart would find its ports busy), and removes the network. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop(process, config.dir());
        network.close();
        config.unlinkLibraries();
    }

    /** Ends Janus by PID, waits for it, then ends whatever else carries its mark (the watcher that ends it with this JVM). */
    private static void stop(Process process, Path dir) {
        OwnedProcesses.stop(process, dir, STOP_GRACE_MS);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while Janus started");
        }
    }
}
