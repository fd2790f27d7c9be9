package org.rtcbench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameMarkerTest {
    private static final FrameStamp STAMP = new FrameStamp(517, 12_345, 0xABCDEF);

    /** A picture of the pattern with this stamp drawn in, as a sender makes it. */
    private static byte[] stamped(int width, int height, FrameStamp stamp) {
        byte[] y = new byte[width * height];
        byte[] chroma = new byte[(width / 2) * (height / 2)];
        new Y4mWriter(width, height, 15).renderPicture(stamp.frame(), y, chroma, chroma.clone());
        FrameMarker.draw(y, width, width, height, stamp);
        return y;
    }

    @ParameterizedTest(name = "sender {0}, frame {1}, clock {2}")
    @CsvSource({"0, 0, 0", "1023, 16383, 16777215", "1, 2, 3", "341, 5461, 5592405", "682, 10922, 11184810", "512, 8192, 8388608"})
    void everyFieldSurvivesDrawThenDecode(int sender, int frame, int clock) {
        FrameStamp stamp = new FrameStamp(sender, frame, clock);

        assertThat(FrameMarker.decode(stamped(320, 240, stamp), 320, 240)).isEqualTo(stamp);
    }

    @Test
    void layoutIsTwoRowsOfThirtyTwoBlocksOneUnitInWithWhiteForOne() {
        byte[] y = new byte[320 * 240];
        FrameMarker.draw(y, 320, 320, 240, new FrameStamp(FrameStamp.MAX_SENDER, 0, 0));

        // unit 8 px: the first block (the sender's most significant bit, 1) at x 8..16, y 8..16
        assertThat(y[12 * 320 + 12] & 0xFF).isEqualTo(235);
        assertThat(y[12 * 320 + 7] & 0xFF).as("left of the marker: untouched").isZero();
        // block 10 (the frame number's top bit, 0) at x 88..96
        assertThat(y[12 * 320 + 92] & 0xFF).isEqualTo(16);
        // row 1 starts at y 16; the last block ends at x 264
        assertThat(y[20 * 320 + 263] & 0xFF).isIn(16, 235);
        assertThat(y[20 * 320 + 264] & 0xFF).isZero();
        assertThat(y[24 * 320 + 12] & 0xFF).as("below the marker: untouched").isZero();
        assertThat(FrameMarker.minHeight(320)).isEqualTo(24);
    }

    @Test
    void aNativePlaneWithAStrideDecodesLikeAnArray() {
        int stride = 352;
        ByteBuffer plane = ByteBuffer.allocateDirect(stride * 240);
        FrameMarker.draw(plane, stride, 320, 240, STAMP);

        assertThat(FrameMarker.decode(plane, stride, 320, 240)).isEqualTo(STAMP);
    }

    @ParameterizedTest(name = "sent 320x240, received {0}x{1}")
    @CsvSource({"320, 240", "240, 180", "160, 120", "480, 360", "640, 480"})
    void decodesFramesScaledToAnotherSize(int width, int height) {
        byte[] scaled = scale(stamped(320, 240, STAMP), 320, 240, width, height);

        assertThat(FrameMarker.decode(scaled, width, height)).isEqualTo(STAMP);
    }

    @Test
    void decodesBlurredFrames() {
        byte[] blurred = blur(blur(stamped(320, 240, STAMP), 320, 240), 320, 240);

        assertThat(FrameMarker.decode(blurred, 320, 240)).isEqualTo(STAMP);
    }

    /** What a 300 kbps VP8 stream at 320x240@15 (20 kbit a frame) looks like: JPEG at low quality, after scaling. */
    @ParameterizedTest(name = "received {0}x{1}, JPEG quality {2}: at most {3} bytes a frame")
    @CsvSource({"320, 240, 0.15, 2500", "320, 240, 0.05, 2500", "240, 180, 0.3, 2500", "160, 120, 0.5, 2500"})
    void decodesFramesCompressedAsHardAsALowBitrateStream(int width, int height, float quality, int maxBytes) throws IOException {
        for (int frame = 0; frame < 40; frame++) {
            FrameStamp stamp = FrameStamp.at(frame % 7, 9_000 + frame, 1_700_000_000_000L + 66L * frame);
            byte[] scaled = scale(blur(stamped(320, 240, stamp), 320, 240), 320, 240, width, height);
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            byte[] back = jpeg(scaled, width, height, quality, jpeg);

            assertThat(jpeg.size()).as("as small as a frame of the stream").isLessThanOrEqualTo(maxBytes);
            assertThat(FrameMarker.decode(back, width, height)).as("frame %d", frame).isEqualTo(stamp);
        }
    }

    @Test
    void garbageIsUnreadableNeverAFrame() {
        SplittableRandom random = new SplittableRandom(42);
        int misread = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] noise = new byte[320 * 240];
            // blocks of random black and white where the marker sits: the hardest garbage, contrast and all
            for (int b = 0; b < 64; b++) {
                byte luma = (byte) (random.nextBoolean() ? 235 : 16);
                for (int row = 8 + 8 * (b / 32); row < 16 + 8 * (b / 32); row++) {
                    java.util.Arrays.fill(noise, row * 320 + 8 + 8 * (b % 32), row * 320 + 16 + 8 * (b % 32), luma);
                }
            }
            if (FrameMarker.decode(noise, 320, 240) != null) {
                misread++;
            }
        }
        assertThat(misread).as("random bits pass a 16-bit checksum about once in 65,536").isLessThanOrEqualTo(2);
        assertThat(FrameMarker.decode(new byte[320 * 240], 320, 240)).as("a flat frame").isNull();
        byte[] picture = new byte[320 * 240];
        byte[] chroma = new byte[160 * 120];
        new Y4mWriter(320, 240, 15).renderPicture(3, picture, chroma, chroma.clone());
        assertThat(FrameMarker.decode(picture, 320, 240)).as("the picture without a marker").isNull();
        byte[] damaged = stamped(320, 240, STAMP);
        for (int row = 9; row < 16; row++) {
            for (int x = 97; x < 103; x++) {
                damaged[row * 320 + x] = (byte) (255 - (damaged[row * 320 + x] & 0xFF));
            }
        }
        assertThat(FrameMarker.decode(damaged, 320, 240)).as("one block inverted").isNull();
    }

    @Test
    void framesTooSmallForAMarkerAreUnreadableAndRefusedForDrawing() {
        assertThat(FrameMarker.decode(new byte[30 * 30], 30, 30)).isNull();
        assertThat(FrameMarker.decode(new byte[640 * 20], 640, 20)).isNull();
        assertThatThrownBy(() -> FrameMarker.draw(new byte[640 * 20], 640, 640, 20, STAMP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a frame marker 640 px wide needs a height of at least 48 px, got 20");
        assertThatThrownBy(() -> FrameMarker.draw(new byte[64 * 64], 64, 64, 64, STAMP))
                .hasMessage("a frame marker needs a width of at least 80 px, got 64");
    }

    /** Bilinear scaling, a stand-in for a browser's scaler. */
    static byte[] scale(byte[] plane, int width, int height, int toWidth, int toHeight) {
        byte[] out = new byte[toWidth * toHeight];
        for (int y = 0; y < toHeight; y++) {
            double sy = Math.max(0, (y + 0.5) * height / toHeight - 0.5);
            int y0 = Math.min(height - 1, (int) sy);
            int y1 = Math.min(height - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < toWidth; x++) {
                double sx = Math.max(0, (x + 0.5) * width / toWidth - 0.5);
                int x0 = Math.min(width - 1, (int) sx);
                int x1 = Math.min(width - 1, x0 + 1);
                double fx = sx - x0;
                double top = (plane[y0 * width + x0] & 0xFF) * (1 - fx) + (plane[y0 * width + x1] & 0xFF) * fx;
                double bottom = (plane[y1 * width + x0] & 0xFF) * (1 - fx) + (plane[y1 * width + x1] & 0xFF) * fx;
                out[y * toWidth + x] = (byte) Math.round(top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /** A 3x3 box blur. */
    static byte[] blur(byte[] plane, int width, int height) {
        byte[] out = new byte[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                            sum += plane[yy * width + xx] & 0xFF;
                            n++;
                        }
                    }
                }
                out[y * width + x] = (byte) (sum / n);
            }
        }
        return out;
    }

    /** The plane through a grayscale JPEG at this quality and back; the encoded bytes go to {@code encoded}. */
    static byte[] jpeg(byte[] plane, int width, int height, float quality, ByteArrayOutputStream encoded) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, plane);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(encoded)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(encoded.toByteArray()));
        byte[] out = new byte[width * height];
        back.getRaster().getDataElements(0, 0, width, height, out);
        return out;
    }
}
