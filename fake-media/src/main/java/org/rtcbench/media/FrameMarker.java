package org.rtcbench.media;

/**
 * The machine-readable frame number drawn into every frame of the test video, and its decoder.
 *
 * <p>Layout, in Y (luma) pixels of a frame {@code W} pixels wide:
 * <ul>
 *   <li>block size {@code s = max(1, W / 40)}, so 8 px at 320 wide and 16 px at 640 wide;</li>
 *   <li>a row of {@value #BITS} square {@code s x s} blocks, side by side with no gaps, whose top-left
 *       corner is at {@code x = y = min(s, W - 16 s)} (one block in from the top-left corner, except in
 *       frames narrower than 40 px, where the row is pushed left so it fits);</li>
 *   <li>block {@code i} (0 = leftmost) carries bit {@code 15 - i} of the frame number: most significant
 *       bit first;</li>
 *   <li>a white block ({@code Y = 235}) is a 1, a black block ({@code Y = 16}) is a 0; chroma under the
 *       row is neutral (128).</li>
 * </ul>
 *
 * <p>Every length is a fixed fraction of the width, so a frame the browser scaled down (640x480 sent,
 * 320x240 received) still decodes with its own width. The frame number is the frame's index in the
 * looped file, from 0; it starts again at 0 when the file loops.
 */
public final class FrameMarker {
    /** How many blocks, hence bits, the marker has: frame numbers from 0 to 65535. */
    public static final int BITS = 16;
    /** The largest frame number the marker can carry. */
    public static final int MAX_NUMBER = (1 << BITS) - 1;

    private static final int ONE_LUMA = Y4mWriter.WHITE;
    private static final int ZERO_LUMA = Y4mWriter.BLACK;
    private static final int THRESHOLD = (ONE_LUMA + ZERO_LUMA) / 2;

    private FrameMarker() {
    }

    /** The side of one block, in pixels, for a frame of this width. */
    public static int blockSize(int width) {
        return Math.max(1, width / 40);
    }

    /** The x and y coordinate of the marker's top-left corner for a frame of this width. */
    public static int origin(int width) {
        return Math.min(blockSize(width), width - BITS * blockSize(width));
    }

    /**
     * Reads the frame number from a Y plane (or a whole I420 frame, which starts with its Y plane).
     *
     * <p>Each block is read as the mean of its inner half, so blur and ringing from a video codec
     * at the block edges do not flip a bit. There is no checksum: a frame without a marker decodes to
     * some number.
     *
     * @throws IllegalArgumentException if the plane is too small to hold a marker for this width
     */
    public static int decode(byte[] yPlane, int width) {
        checkFits(width, yPlane.length / Math.max(1, width));
        int size = blockSize(width);
        int origin = origin(width);
        int inset = size / 4;
        int number = 0;
        for (int i = 0; i < BITS; i++) {
            int blockX = origin + i * size;
            long sum = 0;
            int count = 0;
            for (int row = origin + inset; row < origin + size - inset; row++) {
                for (int column = blockX + inset; column < blockX + size - inset; column++) {
                    sum += yPlane[row * width + column] & 0xFF;
                    count++;
                }
            }
            number = (number << 1) | (sum > (long) THRESHOLD * count ? 1 : 0);
        }
        return number;
    }

    static void draw(I420Frame frame, int number) {
        if (number < 0 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("frame number must be from 0 to " + MAX_NUMBER + ", got " + number);
        }
        checkFits(frame.width, frame.height);
        int size = blockSize(frame.width);
        int origin = origin(frame.width);
        for (int i = 0; i < BITS; i++) {
            boolean one = (number & (1 << (BITS - 1 - i))) != 0;
            frame.fill(origin + i * size, origin, size, size, one ? ONE_LUMA : ZERO_LUMA,
                    Y4mWriter.NEUTRAL, Y4mWriter.NEUTRAL);
        }
    }

    static void checkFits(int width, int height) {
        if (width < BITS) {
            throw new IllegalArgumentException("a frame marker needs a width of at least " + BITS + " px, got " + width);
        }
        int bottom = origin(width) + blockSize(width);
        if (height < bottom) {
            throw new IllegalArgumentException("a frame marker " + width + " px wide needs a height of at least "
                    + bottom + " px, got " + height);
        }
    }
}
