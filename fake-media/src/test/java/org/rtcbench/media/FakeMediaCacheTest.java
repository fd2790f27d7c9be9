package org.rtcbench.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeMediaCacheTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void fileNamesSayWhatIsInTheFile() throws IOException {
        FakeMediaCache cache = new FakeMediaCache(dir);

        assertThat(cache.video(640, 480, 30, FIVE_SECONDS)).hasFileName("pattern-v2-640x480-30fps-5s.y4m");
        assertThat(cache.video(320, 240, 15, Duration.ofMillis(2500)))
                .hasFileName("pattern-v2-320x240-15fps-2500ms.y4m");
        assertThat(cache.audio(FIVE_SECONDS)).hasFileName("tone-v2-440hz-48000-5s.wav");
        assertThat(cache.audio(1000, Duration.ofSeconds(2))).hasFileName("tone-v2-1000hz-48000-2s.wav");
    }

    @Test
    void videoIsACompleteY4mOfTheAskedSizeRateAndLength() throws IOException {
        Path video = new FakeMediaCache(dir).video(320, 240, 15, FIVE_SECONDS);

        Y4mFile file = Y4mFile.read(video, 320, 240);

        assertThat(file.header()).isEqualTo("YUV4MPEG2 W320 H240 F15:1 Ip A1:1 C420jpeg\n");
        assertThat(file.frameCount()).isEqualTo(75);
        assertThat(FrameMarker.decode(file.yPlane(74), 320, 240).frame()).isEqualTo(74);
    }

    @Test
    void secondRequestReusesTheFileWithoutRewritingIt() throws IOException {
        FakeMediaCache cache = new FakeMediaCache(dir);
        Path video = cache.video(320, 240, 15, FIVE_SECONDS);
        Path audio = cache.audio(FIVE_SECONDS);
        // An old mtime, so a rewrite would show even on a file system with coarse timestamps.
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(video, old);
        Files.setLastModifiedTime(audio, old);

        FakeMediaCache later = new FakeMediaCache(dir);

        assertThat(later.video(320, 240, 15, FIVE_SECONDS)).isEqualTo(video);
        assertThat(later.audio(FIVE_SECONDS)).isEqualTo(audio);
        assertThat(Files.getLastModifiedTime(video)).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(audio)).isEqualTo(old);
    }

    @Test
    void differentParametersGiveDifferentFiles() throws IOException {
        FakeMediaCache cache = new FakeMediaCache(dir);

        List<Path> files = List.of(
                cache.video(320, 240, 15, FIVE_SECONDS),
                cache.video(320, 240, 30, FIVE_SECONDS),
                cache.video(640, 480, 15, FIVE_SECONDS),
                cache.video(320, 240, 15, Duration.ofSeconds(2)),
                cache.audio(FIVE_SECONDS),
                cache.audio(1000, FIVE_SECONDS),
                cache.audio(Duration.ofSeconds(2)));

        assertThat(files).doesNotHaveDuplicates().allMatch(Files::isRegularFile);
        assertThat(Files.size(files.get(0))).isNotEqualTo(Files.size(files.get(2)));
    }

    @Test
    void aFileCutShortIsWrittenAgain() throws IOException {
        FakeMediaCache cache = new FakeMediaCache(dir);
        Path audio = cache.audio(FIVE_SECONDS);
        long size = Files.size(audio);
        Files.write(audio, new byte[100]);

        assertThat(cache.audio(FIVE_SECONDS)).isEqualTo(audio);
        assertThat(Files.size(audio)).isEqualTo(size);
    }

    @Test
    void concurrentRequestsFromManyThreadsAllGetOneCompleteFile() throws Exception {
        FakeMediaCache cache = new FakeMediaCache(dir);

        List<Path> paths = race(8, () -> cache.video(320, 240, 15, FIVE_SECONDS));

        assertThat(paths).hasSize(8).containsOnly(dir.resolve("pattern-v2-320x240-15fps-5s.y4m"));
        assertThat(Files.size(paths.get(0))).isEqualTo(new Y4mWriter(320, 240, 15).fileSize(75));
        assertThat(filesIn(dir)).containsExactly("pattern-v2-320x240-15fps-5s.y4m");
    }

    @Test
    void separateCachesOnOneDirectoryRacingLikeSeparateJvmsAllGetOneCompleteFile() throws Exception {
        // Each cache has its own locks, so these writers really do race to the rename, as two JVMs would.
        List<Path> paths = race(6, () -> new FakeMediaCache(dir).audio(FIVE_SECONDS));

        assertThat(paths).hasSize(6).containsOnly(dir.resolve("tone-v2-440hz-48000-5s.wav"));
        assertThat(Files.size(paths.get(0))).isEqualTo(44 + 480_000);
        assertThat(filesIn(dir)).containsExactly("tone-v2-440hz-48000-5s.wav");
    }

    @Test
    void defaultDirectoryIsRtcbenchMediaUnderTheUserCache() {
        Path directory = FakeMediaCache.defaultDirectory();

        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        assertThat(directory).isEqualTo(base.resolve("rtcbench/media"));
    }

    private static List<Path> race(int threads, Callable<Path> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Path>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Path> paths = new ArrayList<>();
            for (Future<Path> future : futures) {
                paths.add(future.get());
            }
            return paths;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
