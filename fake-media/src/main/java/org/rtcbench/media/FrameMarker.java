package org.rtcbench.media;

import java.nio.ByteBuffer;

/**
 * The machine-readable {@link FrameStamp} drawn into every synthetic frame, and its decoder.
 *
 * <p>Layout, in luma (Y) pixels of a frame {@code W} pixels wide, with the unit {@code u = W / 40}
 * (8 px at 320 wide, 16 px at 640):
 * <ul>
 *   <li>two rows of 32 square blocks, {@code u x u} each, side by side with no gaps; block {@code i}
 *       of row {@code r} covers {@code x} from {@code u (1 + i)} to {@code u (2 + i)} and {@code y} from
 *       {@code u (1 + r)} to {@code u (2 + r)}: one unit in from the top-left corner;</li>
 *   <li>64 bits, most significant first, row 0 then row 1: the sender id (10 bits), the frame number
 *       (14 bits), the sender's clock in ms modulo 2^24 (24 bits), and a CRC-16/CCITT-FALSE of the
 *       six bytes those 48 bits make (16 bits);</li>
 *   <li>a white block ({@code Y = 235}) is a 1, a black one ({@code Y = 16}) a 0; chroma is left as
 *       the picture has it.</li>
 * </ul>
 *
 * <p>Every length is a fraction of the width, and the decoder uses fractional positions, so a frame a
 * browser scaled (320x240 sent, 240x180 or 160x120 received) decodes at its own width. Each block
 * is read as the mean of its inner half, so a codec's blur and ringing at block edges do not flip a
 * bit, and against a threshold halfway between the darkest and brightest block, so a change of
 * brightness or range (a canvas's full-range RGB) does not either. A frame without a marker, or one
 * too damaged to read, fails the checksum or the contrast check: it is unreadable, never a frame.
 */
public final class FrameMarker {
    /** Blocks per row. */
    static final int COLUMNS = 32;
    /** Rows of blocks. */
    static final int ROWS = 2;
    /** The narrowest frame a marker is drawn into: two pixels a block. */
    public static final int MIN_WIDTH = 80;

    private static final int ONE_LUMA = Y4mWriter.WHITE;
    private static final int ZERO_LUMA = Y4mWriter.BLACK;
    /** The least difference between the darkest and brightest block for a marker to count as there. */
    private static final double MIN_CONTRAST = 60;

    private FrameMarker() {
    }

    /** The unit of the layout, in pixels, for a frame of this width. */
    static double unit(int width) {
        return width / 40.0;
    }

    /** The height a frame of this width needs to hold a marker: the rows and the unit above them. */
    public static int minHeight(int width) {
        return (int) Math.ceil(unit(width) * (ROWS + 1));
    }

    /** Draws the stamp into a Y plane whose rows are {@code stride} bytes apart. */
    public static void draw(byte[] y, int stride, int width, int height, FrameStamp stamp) {
        draw((line, x0, x1, luma) -> java.util.Arrays.fill(y, line * stride + x0, line * stride + x1, luma), width, height, stamp);
    }

    /** Draws the stamp into a native Y plane (a direct buffer) whose rows are {@code stride} bytes apart. */
    public static void draw(ByteBuffer y, int stride, int width, int height, FrameStamp stamp) {
        draw((line, x0, x1, luma) -> {
            for (int x = x0; x < x1; x++) {
                y.put(line * stride + x, luma);
            }
        }, width, height, stamp);
    }

    /** Fills pixels {@code x0} to {@code x1} (exclusive) of one row of a Y plane. */
    @FunctionalInterface
    private interface RowFill {
        void fill(int line, int x0, int x1, byte luma);
    }

    private static void draw(RowFill plane, int width, int height, FrameStamp stamp) {
        checkFits(width, height);
        long bits = bits(stamp);
        double u = unit(width);
        for (int b = 0; b < COLUMNS * ROWS; b++) {
            int column = b % COLUMNS;
            int row = b / COLUMNS;
            byte luma = (byte) (((bits >>> (63 - b)) & 1) == 1 ? ONE_LUMA : ZERO_LUMA);
            int x0 = (int) Math.round(u * (1 + column));
            int x1 = (int) Math.round(u * (2 + column));
            for (int line = (int) Math.round(u * (1 + row)); line < (int) Math.round(u * (2 + row)); line++) {
                plane.fill(line, x0, x1, luma);
            }
        }
    }

    /** Reads the stamp from a Y plane {@code width} bytes a row; null when there is none or it is unreadable. */
    public static FrameStamp decode(byte[] y, int width, int height) {
        return decode((x, row) -> y[row * width + x] & 0xFF, width, height);
    }

    /** Reads the stamp from a native Y plane {@code stride} bytes a row; null when there is none or it is unreadable. */
    public static FrameStamp decode(ByteBuffer y, int stride, int width, int height) {
        return decode((x, row) -> y.get(row * stride + x) & 0xFF, width, height);
    }

    /** Reads the stamp through a luma lookup {@code (x, y) -> 0..255}; null when there is none or it is unreadable. */
    public static FrameStamp decode(java.util.function.IntBinaryOperator luma, int width, int height) {
        if (width < MIN_WIDTH / 2 || height < minHeight(width)) {
            return null; // too small to have kept a readable marker
        }
        double u = unit(width);
        double[] means = new double[COLUMNS * ROWS];
        double darkest = Double.MAX_VALUE;
        double brightest = -1;
        for (int b = 0; b < means.length; b++) {
            int column = b % COLUMNS;
            int row = b / COLUMNS;
            // the inner half of the block: a quarter of the unit in from each edge, at least one pixel
            int x0 = (int) Math.round(u * (1.25 + column));
            int x1 = Math.max(x0 + 1, (int) Math.round(u * (1.75 + column)));
            int y0 = (int) Math.round(u * (1.25 + row));
            int y1 = Math.max(y0 + 1, (int) Math.round(u * (1.75 + row)));
            long sum = 0;
            for (int line = y0; line < y1; line++) {
                for (int x = x0; x < x1; x++) {
                    sum += luma.applyAsInt(x, line);
                }
            }
            means[b] = (double) sum / ((x1 - x0) * (y1 - y0));
            darkest = Math.min(darkest, means[b]);
            brightest = Math.max(brightest, means[b]);
        }
        if (brightest - darkest < MIN_CONTRAST) {
            return null;
        }
        double threshold = (darkest + brightest) / 2;
        long bits = 0;
        for (double mean : means) {
            bits = (bits << 1) | (mean > threshold ? 1 : 0);
        }
        return stamp(bits);
    }

    /** The stamp of the marker's 64 bits, or null when their checksum does not hold. */
    public static FrameStamp stamp(long bits) {
        long data = bits >>> 16;
        if ((bits & 0xFFFF) != crc16(data)) {
            return null;
        }
        return new FrameStamp((int) (data >>> 38), (int) ((data >>> 24) & FrameStamp.MAX_FRAME), (int) (data & 0xFFFFFF));
    }

    /** The marker's 64 bits of a stamp: 48 data bits and their checksum, as drawn (and as a replay peer's frame trailer carries them). */
    public static long bits(FrameStamp s) {
        long data = ((long) s.sender() << 38) | ((long) s.frame() << 24) | s.clock();
        return (data << 16) | crc16(data);
    }

    /** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) of the 48 data bits as six bytes, most significant first. */
    static int crc16(long data) {
        int crc = 0xFFFF;
        for (int i = 5; i >= 0; i--) {
            crc ^= (int) ((data >>> (8 * i)) & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    static void checkFits(int width, int height) {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("a frame marker needs a width of at least " + MIN_WIDTH + " px, got " + width);
        }
        if (height < minHeight(width)) {
            throw new IllegalArgumentException("a frame marker " + width + " px wide needs a height of at least "
                    + minHeight(width) + " px, got " + height);
        }
    }
}
