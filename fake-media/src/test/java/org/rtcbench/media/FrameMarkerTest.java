package org.rtcbench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameMarkerTest {

    @ParameterizedTest(name = "{0} survives draw then decode")
    @ValueSource(ints = {0, 1, 2, 255, 256, 0x5555, 0xAAAA, 0x8000, 65534, 65535})
    void everyBitSurvivesDrawThenDecode(int number) {
        I420Frame frame = new I420Frame(640, 480);
        frame.fillLuma(0, 0, 640, 480, 100);

        FrameMarker.draw(frame, number);

        assertThat(FrameMarker.decode(frame.y, 640)).isEqualTo(number);
    }

    @Test
    void layoutIsOneBlockInFromTheCornerWithBlocksAFortiethOfTheWidth() {
        assertThat(FrameMarker.blockSize(640)).isEqualTo(16);
        assertThat(FrameMarker.origin(640)).isEqualTo(16);
        assertThat(FrameMarker.blockSize(320)).isEqualTo(8);
        assertThat(FrameMarker.origin(320)).isEqualTo(8);
        assertThat(FrameMarker.blockSize(16)).isEqualTo(1);
        assertThat(FrameMarker.origin(16)).isZero();
    }

    @Test
    void mostSignificantBitIsTheLeftmostBlockAndWhiteIsOne() {
        I420Frame frame = new I420Frame(320, 240);

        FrameMarker.draw(frame, 0x8001);

        int size = FrameMarker.blockSize(320);
        int origin = FrameMarker.origin(320);
        int middle = origin + size / 2;
        assertThat(frame.y[middle * 320 + origin + size / 2] & 0xFF).isEqualTo(235);
        assertThat(frame.y[middle * 320 + origin + size + size / 2] & 0xFF).isEqualTo(16);
        assertThat(frame.y[middle * 320 + origin + 15 * size + size / 2] & 0xFF).isEqualTo(235);
    }

    @Test
    void decodesAFrameTheBrowserScaledDownToHalfSize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("v.y4m");
        new Y4mWriter(640, 480, 30).write(file, 40);
        Y4mFile video = Y4mFile.read(file, 640, 480);

        for (int frame = 0; frame < 40; frame++) {
            byte[] half = halve(video.yPlane(frame), 640, 480);
            assertThat(FrameMarker.decode(half, 320)).as("frame %d at 320x240", frame).isEqualTo(frame);
        }
    }

    @Test
    void decodesTheYPlaneAtTheStartOfAWholeI420Frame() {
        I420Frame frame = new I420Frame(320, 240);
        FrameMarker.draw(frame, 4321);
        byte[] whole = new byte[320 * 240 * 3 / 2];
        System.arraycopy(frame.y, 0, whole, 0, frame.y.length);

        assertThat(FrameMarker.decode(whole, 320)).isEqualTo(4321);
    }

    @Test
    void refusesAPlaneTooSmallToHoldTheMarker() {
        assertThatThrownBy(() -> FrameMarker.decode(new byte[640 * 20], 640))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a frame marker 640 px wide needs a height of at least 32 px, got 20");
    }

    @Test
    void refusesNumbersThatDoNotFitInSixteenBits() {
        assertThatThrownBy(() -> FrameMarker.draw(new I420Frame(640, 480), 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame number must be from 0 to 65535, got 65536");
    }

    /** Box-filter downscaling, the simplest stand-in for what a browser's scaler does. */
    private static byte[] halve(byte[] plane, int width, int height) {
        byte[] half = new byte[(width / 2) * (height / 2)];
        for (int y = 0; y < height / 2; y++) {
            for (int x = 0; x < width / 2; x++) {
                int sum = (plane[2 * y * width + 2 * x] & 0xFF) + (plane[2 * y * width + 2 * x + 1] & 0xFF)
                        + (plane[(2 * y + 1) * width + 2 * x] & 0xFF) + (plane[(2 * y + 1) * width + 2 * x + 1] & 0xFF);
                half[y * (width / 2) + x] = (byte) (sum / 4);
            }
        }
        return half;
    }
}
