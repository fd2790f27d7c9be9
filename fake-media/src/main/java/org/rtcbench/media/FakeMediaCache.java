package org.rtcbench.media;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Generated test media files in a cache directory, made once and reused by every later run.
 *
 * <p>Safe when several threads or several JVMs ask for the same file at once: each file is written
 * under a temporary name in the same directory and renamed into place in one atomic step, so a file
 * under its final name is always complete. Within one cache object, threads wait for the first one
 * to finish instead of writing the same file again; separate JVMs may each write it, and the last
 * rename wins with identical content.
 */
public final class FakeMediaCache {
    /** The loop length callers use unless they have a reason not to. */
    public static final Duration DEFAULT_LOOP = Duration.ofSeconds(5);

    /**
     * Part of every file name, raised whenever the picture or the marker layout changes, so files
     * cached by an older version are not mistaken for current ones.
     */
    static final String FORMAT_VERSION = "v2";

    private static final System.Logger LOG = System.getLogger(FakeMediaCache.class.getName());

    private final Path directory;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    /** A cache in this directory, which is created when the first file is written. */
    public FakeMediaCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** A cache in {@link #defaultDirectory()}. */
    public FakeMediaCache() {
        this(defaultDirectory());
    }

    /** {@code $XDG_CACHE_HOME/rtcbench/media}, or {@code ~/.cache/rtcbench/media} when that is not set. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rtcbench").resolve("media");
    }

    /** The directory the files are in. */
    public Path directory() {
        return directory;
    }

    /**
     * A Y4M test video of this size and rate, one loop long, such as
     * {@code pattern-v2-640x480-30fps-5s.y4m}; see {@link Y4mWriter} for the picture.
     */
    public Path video(int width, int height, int fps, Duration loop) throws IOException {
        Y4mWriter writer = new Y4mWriter(width, height, fps);
        int frames = writer.frameCount(loop);
        String name = "pattern-" + FORMAT_VERSION + "-" + width + "x" + height + "-" + fps + "fps-"
                + durationLabel(loop) + ".y4m";
        return cached(name, writer.fileSize(frames), file -> writer.write(file, frames));
    }

    /** A 440 Hz mono WAV tone, one loop long: {@code tone-v2-440hz-48000-5s.wav}. */
    public Path audio(Duration loop) throws IOException {
        return audio(WavWriter.DEFAULT_FREQUENCY_HZ, loop);
    }

    /** A mono WAV tone at this frequency, one loop long, such as {@code tone-v2-1000hz-48000-5s.wav}. */
    public Path audio(int frequencyHz, Duration loop) throws IOException {
        WavWriter writer = new WavWriter(frequencyHz, 1);
        String name = "tone-" + FORMAT_VERSION + "-" + frequencyHz + "hz-" + WavWriter.SAMPLE_RATE + "-"
                + durationLabel(loop) + ".wav";
        return cached(name, writer.fileSize(loop), file -> writer.write(file, loop));
    }

    static String durationLabel(Duration loop) {
        long nanos = loop.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos + "ns";
    }

    private Path cached(String name, long size, MediaWrite write) throws IOException {
        Path target = directory.resolve(name);
        if (isComplete(target, size)) {
            return target;
        }
        synchronized (locks.computeIfAbsent(name, key -> new Object())) {
            if (isComplete(target, size)) {
                return target;
            }
            Files.createDirectories(directory);
            // Not Files.createTempFile: it makes the file owner-only (0600), and a browser running as
            // another user (a Selenium container with the cache mounted) must be able to read it.
            Path temp = directory.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
            try {
                long started = System.nanoTime();
                write.to(temp);
                // Another JVM may have finished first; keep its file rather than replace it under a reader.
                if (!isComplete(target, size)) {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                }
                LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT, "Generated %s (%d bytes) in %.2f s.",
                        target, size, (System.nanoTime() - started) / 1e9));
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return target;
    }

    private static boolean isComplete(Path file, long size) throws IOException {
        // The size is checked, not just existence: a file can still be cut short outside our
        // control (a crash before the data reached the disk), and then it is written again.
        try {
            return Files.size(file) == size;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface MediaWrite {
        void to(Path file) throws IOException;
    }
}
