package org.rtcbench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Y4mWriterTest {

    @TempDir
    Path dir;

    @Test
    void headerStatesSizeFrameRateProgressiveSquarePixelsAnd420() throws IOException {
        Path file = dir.resolve("v.y4m");
        new Y4mWriter(320, 240, 15).write(file, 3);

        Y4mFile video = Y4mFile.read(file, 320, 240);

        assertThat(video.header()).isEqualTo("YUV4MPEG2 W320 H240 F15:1 Ip A1:1 C420jpeg\n");
        assertThat(IntStream.range(0, 3).mapToObj(video::frameHeader)).containsOnly("FRAME\n");
    }

    @ParameterizedTest(name = "{0}x{1}@{2} for 5 s is header + {3} frames of I420")
    @CsvSource({"640, 480, 30, 150", "320, 240, 15, 75", "80, 60, 1, 5"})
    void fileIsExactlyHeaderPlusFramesOfI420(int width, int height, int fps, int frames) throws IOException {
        Y4mWriter writer = new Y4mWriter(width, height, fps);
        Path file = dir.resolve("v.y4m");

        assertThat(writer.frameCount(Duration.ofSeconds(5))).isEqualTo(frames);
        writer.write(file, frames);

        long header = ("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n").length();
        long expected = header + frames * (6L + width * height * 3L / 2);
        assertThat(Files.size(file)).isEqualTo(expected).isEqualTo(writer.fileSize(frames));
    }

    @ParameterizedTest(name = "{0}x{1}: the marker of each of {2} frames decodes to its number, from a file")
    @CsvSource({"640, 480, 150", "320, 240, 300", "1280, 720, 20", "176, 144, 300", "80, 60, 300"})
    void markerInEveryFrameDecodesToTheFrameNumber(int width, int height, int frames) throws IOException {
        Path file = dir.resolve("v.y4m");
        new Y4mWriter(width, height, 30).write(file, frames);

        Y4mFile video = Y4mFile.read(file, width, height);

        for (int frame = 0; frame < frames; frame++) {
            assertThat(FrameMarker.decode(video.yPlane(frame), width, height)).as("frame %d", frame)
                    .isEqualTo(new FrameStamp(FrameStamp.FILE_SENDER, frame, 0));
        }
    }

    @Test
    void counterShowsThePictureNumberAsTwoDigits() throws IOException {
        Y4mWriter writer = new Y4mWriter(320, 240, 30);
        Path file = dir.resolve("v.y4m");
        writer.write(file, 124);

        Y4mFile video = Y4mFile.read(file, 320, 240);

        assertThat(readCounter(video, 123, writer.counter())).as("picture 123 mod 64").isEqualTo("59");
        assertThat(readCounter(video, 7, writer.counter())).isEqualTo("07");
    }

    @Test
    void counterDigitsAreLargeEnoughToReadAt320x240And640x480() {
        assertThat(new Y4mWriter(320, 240, 30).counter().scale() * DigitFont.ROWS).isGreaterThanOrEqualTo(35);
        assertThat(new Y4mWriter(640, 480, 30).counter().scale() * DigitFont.ROWS).isGreaterThanOrEqualTo(70);
    }

    @Test
    void everyFrameDiffersFromTheOneBefore() throws IOException {
        Path file = dir.resolve("v.y4m");
        new Y4mWriter(320, 240, 30).write(file, 150);

        Y4mFile video = Y4mFile.read(file, 320, 240);

        for (int frame = 1; frame < 150; frame++) {
            assertThat(video.yPlane(frame)).as("frame %d", frame).isNotEqualTo(video.yPlane(frame - 1));
        }
    }

    @Test
    void barMovesRightByOneStepEachFrame() throws IOException {
        Y4mWriter writer = new Y4mWriter(640, 480, 30);
        Path file = dir.resolve("v.y4m");
        writer.write(file, 3);

        Y4mFile video = Y4mFile.read(file, 640, 480);

        // The bottom row is clear of the marker and the counter, so only the bar is drawn there.
        int first = barLeftEdge(video, 0);
        assertThat(barLeftEdge(video, 1)).isEqualTo(first + writer.barStep());
        assertThat(barLeftEdge(video, 2)).isEqualTo(first + 2 * writer.barStep());
        assertThat(writer.barStep()).isPositive();
    }

    @Test
    void refusesSizesThat420ChromaCannotHold() {
        assertThatThrownBy(() -> new Y4mWriter(641, 480, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("video width must be an even number of at least 80, got 641");
        assertThatThrownBy(() -> new Y4mWriter(640, 481, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("video height must be an even number of at least 2, got 481");
    }

    @Test
    void refusesLoopsWithMoreFramesThanTheMarkerCounts() {
        assertThatThrownBy(() -> new Y4mWriter(320, 240, 60).frameCount(Duration.ofMinutes(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("72000 frames")
                .hasMessageContaining("at most 16384");
    }

    private static int barLeftEdge(Y4mFile video, int frame) {
        int bottom = video.height() - 1;
        for (int x = 0; x < video.width(); x++) {
            if (video.luma(frame, x, bottom) == Y4mWriter.BAR_LUMA) {
                return x;
            }
        }
        throw new AssertionError("no bar in the bottom row of frame " + frame);
    }

    /** Reads the counter back by sampling the middle of every font pixel and matching the glyphs. */
    private static String readCounter(Y4mFile video, int frame, FrameCounter counter) {
        int scale = counter.scale();
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < FrameCounter.DIGITS; index++) {
            int[] rows = new int[DigitFont.ROWS];
            for (int row = 0; row < DigitFont.ROWS; row++) {
                for (int column = 0; column < DigitFont.COLUMNS; column++) {
                    int x = counter.glyphX(index) + column * scale + scale / 2;
                    int y = counter.glyphY() + row * scale + scale / 2;
                    if (video.luma(frame, x, y) > 128) {
                        rows[row] |= 1 << (DigitFont.COLUMNS - 1 - column);
                    }
                }
            }
            int digit = IntStream.range(0, 10)
                    .filter(d -> Arrays.equals(DigitFont.GLYPHS[d], rows))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no digit matches the pixels of frame " + frame));
            text.append(digit);
        }
        return text.toString();
    }
}
