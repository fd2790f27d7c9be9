package org.rtcbench.browser.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rtcbench.core.process.OwnedProcesses;

/**
 * A sound server of one Firefox's own: PulseAudio with a null sink, so that a headless Firefox has an
 * audio device that keeps real time. Without one, Firefox's audio runs on a mock device (its pref
 * {@code media.cubeb.force_mock_context}) whose clock fell to 0.90 of real time on a busy host, and
 * every sound the page made or heard fell further behind (FIELD-NOTES); on a null sink it kept 1.000
 * with a core busy. The server listens on a Unix socket in a directory of its own, lets anyone on it in
 * (only this Firefox knows the path), carries the peer's {@link OwnedProcesses} mark, and so ends with
 * the peer, or with this JVM. The sink runs at 48 kHz, the rate of the page's {@code AudioContext} and of
 * Opus: at PulseAudio's default 44.1 kHz Firefox ran the page's context in a graph of its own, and every
 * received track crossed into it through a resampler: a marked peer's audio.delay p50 was 125-147 ms against
 * 63-89 ms at 48 kHz, and the markers cost it 0.026-0.029 cores against 0.020-0.024 ({@code bench markers},
 * 2026-12-07).
 */
final class PulseAudio {
    /** The Debian package that has the server. */
    static final String PACKAGE = "pulseaudio";
    private static final long READY_TIMEOUT_MS = 10_000;

    private final Path dir;

    private PulseAudio(Path dir) {
        this.dir = dir;
    }

    /** The {@code PULSE_SERVER} value for a client of this server. */
    String server() {
        return "unix:" + socket(dir);
    }

    /** The server's directory (its socket, state and log): deleted by {@link #delete()}. */
    Path dir() {
        return dir;
    }

    /** Deletes the server's directory, once the server has ended. */
    void delete() {
        OwnedProcesses.deleteTree(dir);
    }

    private static Path socket(Path dir) {
        return dir.resolve("native");
    }

    /** The server's executable, or null when {@value #PACKAGE} is not installed. */
    static Path executable() {
        return OwnedProcesses.onPath("pulseaudio");
    }

    /**
     * Starts a server marked as the peer with {@code profile}'s and waits until it listens. Its
     * directory is a short one under the system temporary folder (a Unix socket's path has at most 107
     * bytes, a profile's may be longer).
     *
     * @throws IOException when it cannot start or does not listen within 10 s (its log says why)
     */
    static PulseAudio start(Path executable, Path profile, Path log) throws IOException {
        Path dir = Files.createTempDirectory("rtcbench-pulse-");
        List<String> cmd = List.of(executable.toString(), "-n", "--daemonize=no", "--exit-idle-time=-1",
                "--use-pid-file=no", "--log-target=stderr",
                "-L", "module-null-sink sink_name=rtcbench rate=48000",
                "-L", "module-native-protocol-unix auth-anonymous=1 socket=" + socket(dir));
        ProcessBuilder pb = OwnedProcesses.mark(new ProcessBuilder(OwnedProcesses.endingWithThisJvm(cmd)), profile)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // its cookie, state and runtime files in its own directory, not in the user's home
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.toString());
        pb.environment().put("XDG_RUNTIME_DIR", dir.toString());
        pb.environment().put("PULSE_RUNTIME_PATH", dir.toString());
        pb.environment().put("PULSE_STATE_PATH", dir.toString());
        Process p;
        try {
            p = OwnedProcesses.startHeld(pb);
        } catch (IOException e) {
            OwnedProcesses.deleteTree(dir);
            throw e;
        }
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (!Files.exists(socket(dir))) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                OwnedProcesses.stop(p, profile, 1000);
                OwnedProcesses.deleteTree(dir);
                throw new IOException(p.isAlive() ? "it did not listen within " + READY_TIMEOUT_MS / 1000 + " s"
                        : "it exited with code " + p.exitValue());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                OwnedProcesses.stop(p, profile, 1000);
                OwnedProcesses.deleteTree(dir);
                throw new IOException("interrupted while it started");
            }
        }
        return new PulseAudio(dir);
    }
}
