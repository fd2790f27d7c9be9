package org.rtcbench.media;

/**
 * Full-reference quality of a received luma plane against the picture that was sent: PSNR and SSIM,
 * on Y only, as most codec comparisons report them.
 */
public final class PictureQuality {
    /** The PSNR of identical planes, reported instead of infinity. */
    public static final double MAX_PSNR_DB = 100;

    private static final double C1 = (0.01 * 255) * (0.01 * 255);
    private static final double C2 = (0.03 * 255) * (0.03 * 255);
    private static final int WINDOW = 8;
    private static final int STEP = 4;

    private PictureQuality() {
    }

    /** PSNR in dB of {@code got} against {@code reference}, two Y planes of the same size. */
    public static double psnr(byte[] reference, byte[] got) {
        checkSameSize(reference, got);
        long squared = 0;
        for (int i = 0; i < reference.length; i++) {
            int d = (reference[i] & 0xFF) - (got[i] & 0xFF);
            squared += (long) d * d;
        }
        if (squared == 0) {
            return MAX_PSNR_DB;
        }
        double mse = (double) squared / reference.length;
        return Math.min(MAX_PSNR_DB, 10 * Math.log10(255.0 * 255.0 / mse));
    }

    /**
     * SSIM (Wang et al. 2004) of {@code got} against {@code reference}, Y planes {@code width} wide:
     * the mean over 8x8 windows placed every 4 pixels, as ffmpeg's ssim filter does; 1 for identical.
     */
    public static double ssim(byte[] reference, byte[] got, int width, int height) {
        checkSameSize(reference, got);
        if (reference.length != width * height || width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs two " + width + "x" + height + " planes of at least "
                    + WINDOW + "x" + WINDOW + ", got " + reference.length + " bytes");
        }
        double total = 0;
        int windows = 0;
        int n = WINDOW * WINDOW;
        for (int y = 0; y + WINDOW <= height; y += STEP) {
            for (int x = 0; x + WINDOW <= width; x += STEP) {
                long sa = 0;
                long sb = 0;
                long saa = 0;
                long sbb = 0;
                long sab = 0;
                for (int row = y; row < y + WINDOW; row++) {
                    int o = row * width + x;
                    for (int i = o; i < o + WINDOW; i++) {
                        int a = reference[i] & 0xFF;
                        int b = got[i] & 0xFF;
                        sa += a;
                        sb += b;
                        saa += a * a;
                        sbb += b * b;
                        sab += a * b;
                    }
                }
                double ma = (double) sa / n;
                double mb = (double) sb / n;
                double va = (double) saa / n - ma * ma;
                double vb = (double) sbb / n - mb * mb;
                double cov = (double) sab / n - ma * mb;
                total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
                windows++;
            }
        }
        return total / windows;
    }

    private static void checkSameSize(byte[] reference, byte[] got) {
        if (reference.length != got.length) {
            throw new IllegalArgumentException("cannot compare planes of " + reference.length + " and " + got.length + " bytes");
        }
    }
}
