package org.rtcbench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PictureQualityTest {
    private static byte[] picture(int n) {
        byte[] y = new byte[320 * 240];
        byte[] chroma = new byte[160 * 120];
        new Y4mWriter(320, 240, 15).renderPicture(n, y, chroma, chroma.clone());
        return y;
    }

    @Test
    void identicalPlanesAreAHundredDecibelsAndSsimOne() {
        assertThat(PictureQuality.psnr(picture(1), picture(1))).isEqualTo(PictureQuality.MAX_PSNR_DB);
        assertThat(PictureQuality.ssim(picture(1), picture(1), 320, 240)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aUniformErrorOfFourLevelsIsThePsnrOfItsMeanSquare() {
        byte[] a = picture(2);
        byte[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ((b[i] & 0xFF) + 4);
        }
        assertThat(PictureQuality.psnr(a, b)).isCloseTo(10 * Math.log10(255.0 * 255 / 16), within(1e-9)); // 36.1 dB
    }

    @Test
    void moreCompressionIsLowerPsnrAndSsimAndTheWrongPictureIsFarWorse() throws IOException {
        byte[] ref = picture(5);
        byte[] fine = FrameMarkerTest.jpeg(ref, 320, 240, 0.9f, new ByteArrayOutputStream());
        byte[] coarse = FrameMarkerTest.jpeg(ref, 320, 240, 0.1f, new ByteArrayOutputStream());

        double psnrFine = PictureQuality.psnr(ref, fine);
        double psnrCoarse = PictureQuality.psnr(ref, coarse);
        assertThat(psnrFine).isGreaterThan(psnrCoarse).isGreaterThan(35);
        assertThat(PictureQuality.ssim(ref, fine, 320, 240)).isGreaterThan(PictureQuality.ssim(ref, coarse, 320, 240));
        assertThat(PictureQuality.psnr(ref, picture(37))).as("another picture: the bar elsewhere").isLessThan(psnrCoarse);
        assertThat(PictureQuality.ssim(ref, picture(37), 320, 240)).isLessThan(PictureQuality.ssim(ref, fine, 320, 240));
    }
}
