package org.rtcbench.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The synthetic camera's picture, and a YUV4MPEG2 (.y4m) file of it that a browser can play as its
 * fake camera: a gray gradient, an orange bar that moves right every frame, the picture's number in
 * large digits in the middle, and (in a file) a {@link FrameMarker} in the top-left corner.
 *
 * <p>There are {@value #PICTURES} pictures, a function of the frame number modulo {@value #PICTURES}
 * and the size only, so a receiver can render the picture of any frame it read the marker of, at
 * the size it received, and compare (PSNR, SSIM). A file's frame {@code n} is picture {@code n}
 * with a marker from {@link FrameStamp#FILE_SENDER} (a file has no drawing time); live senders draw
 * their own stamp on the picture.
 */
public final class Y4mWriter {
    /** Video-range black, as in BT.601: what a decoder turns back into RGB 0. */
    static final int BLACK = 16;
    /** Video-range white, as in BT.601. */
    static final int WHITE = 235;
    /** The chroma value of gray: no colour. */
    static final int NEUTRAL = 128;
    static final int BAR_LUMA = 170;
    private static final int BAR_CB = 60;
    private static final int BAR_CR = 190;

    /** How many distinct pictures there are before they repeat; 2^14 frame numbers hold it a whole number of times. */
    public static final int PICTURES = 64;

    private static final byte[] FRAME_HEADER = "FRAME\n".getBytes(StandardCharsets.US_ASCII);

    private final int width;
    private final int height;
    private final int fps;
    private final I420Frame background;
    private final FrameCounter counter;
    private final int barWidth;
    private final int barStep;

    /**
     * A writer for frames of this size and rate.
     *
     * @throws IllegalArgumentException if width or height is odd (4:2:0 chroma needs even sizes), too
     *     small to hold the marker, or fps is not from 1 to 240
     */
    public Y4mWriter(int width, int height, int fps) {
        if (width < FrameMarker.MIN_WIDTH || width % 2 != 0) {
            throw new IllegalArgumentException("video width must be an even number of at least " + FrameMarker.MIN_WIDTH
                    + ", got " + width);
        }
        if (height < 2 || height % 2 != 0) {
            throw new IllegalArgumentException("video height must be an even number of at least 2, got " + height);
        }
        if (fps < 1 || fps > 240) {
            throw new IllegalArgumentException("video fps must be from 1 to 240, got " + fps);
        }
        FrameMarker.checkFits(width, height);
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.background = gradient(width, height);
        this.counter = FrameCounter.centredIn(width, height);
        // Even widths and steps keep the bar on whole chroma samples.
        this.barWidth = Math.max(2, (width / 16) & ~1);
        // Across the picture in half the pictures (about two seconds at 15 fps): slow enough to follow
        // by eye, fast enough that every frame differs from the one before.
        this.barStep = Math.max(2, (width / (PICTURES / 2)) & ~1);
    }

    private static I420Frame gradient(int width, int height) {
        I420Frame frame = new I420Frame(width, height);
        // A gentle diagonal gradient rather than a flat gray: encoders treat a flat picture as a
        // special case, and a gradient makes scaling and banding visible.
        int span = width + height;
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                frame.y[row * width + column] = (byte) (64 + 48 * (row + column) / span);
            }
        }
        Arrays.fill(frame.u, (byte) 136);
        Arrays.fill(frame.v, (byte) 120);
        return frame;
    }

    /** The stream header line, ending in a newline. */
    public String header() {
        return "YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n";
    }

    /** How many frames a loop of this length has at this writer's frame rate, at least one. */
    public int frameCount(Duration loop) {
        if (loop.isNegative() || loop.isZero()) {
            throw new IllegalArgumentException("video loop must be longer than zero, got " + loop);
        }
        long frames = Math.max(1, Math.round(loop.toNanos() / 1e9 * fps));
        if (frames > FrameStamp.MAX_FRAME + 1) {
            throw new IllegalArgumentException("a video loop of " + loop.toSeconds() + " s at " + fps + " fps has "
                    + frames + " frames; the frame marker counts at most " + (FrameStamp.MAX_FRAME + 1));
        }
        return (int) frames;
    }

    /** The exact size in bytes of a file with this many frames. */
    public long fileSize(int frameCount) {
        return header().length() + (long) frameCount * (FRAME_HEADER.length + width * height * 3L / 2);
    }

    /** Writes a file with this many frames, numbered from 0, replacing any file already there. */
    public void write(Path file, int frameCount) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, frameCount);
        }
    }

    /** Writes the header and this many frames to a stream, which it leaves open. */
    public void write(OutputStream out, int frameCount) throws IOException {
        if (frameCount < 1 || frameCount > FrameStamp.MAX_FRAME + 1) {
            throw new IllegalArgumentException("frame count must be from 1 to " + (FrameStamp.MAX_FRAME + 1)
                    + ", got " + frameCount);
        }
        out.write(header().getBytes(StandardCharsets.US_ASCII));
        I420Frame frame = new I420Frame(width, height);
        for (int number = 0; number < frameCount; number++) {
            renderPicture(number, frame);
            FrameMarker.draw(frame.y, width, width, height, FrameStamp.at(FrameStamp.FILE_SENDER, number, 0));
            out.write(FRAME_HEADER);
            frame.writeTo(out);
        }
        out.flush();
    }

    /**
     * Renders the picture of frame {@code number} (as in the file, without the marker) into I420
     * planes of this writer's size, for synthetic senders, which draw their own stamp, and for
     * receivers, which compare what they got with it.
     */
    public synchronized void renderPicture(long number, byte[] y, byte[] u, byte[] v) {
        if (scratch == null) {
            scratch = new I420Frame(width, height);
        }
        renderPicture(number, scratch);
        System.arraycopy(scratch.y, 0, y, 0, scratch.y.length);
        System.arraycopy(scratch.u, 0, u, 0, scratch.u.length);
        System.arraycopy(scratch.v, 0, v, 0, scratch.v.length);
    }

    private I420Frame scratch;

    /**
     * Renders the picture of frame {@code number} as RGBA (4 bytes a pixel, rows {@code width * 4}
     * apart), converted from I420 with BT.601 video-range coefficients, the inverse of what a
     * browser's encoder applies to a canvas: what a page draws and sends becomes this I420 again.
     */
    public synchronized void renderPictureRgba(long number, byte[] rgba) {
        if (scratch == null) {
            scratch = new I420Frame(width, height);
        }
        renderPicture(number, scratch);
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                double c = 1.164 * ((scratch.y[row * width + column] & 0xFF) - 16);
                int chroma = (row / 2) * (width / 2) + column / 2;
                double d = (scratch.u[chroma] & 0xFF) - 128;
                double e = (scratch.v[chroma] & 0xFF) - 128;
                int o = 4 * (row * width + column);
                rgba[o] = clamp(c + 1.596 * e);
                rgba[o + 1] = clamp(c - 0.392 * d - 0.813 * e);
                rgba[o + 2] = clamp(c + 2.017 * d);
                rgba[o + 3] = (byte) 255;
            }
        }
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }

    private void renderPicture(long number, I420Frame frame) {
        int picture = (int) Math.floorMod(number, (long) PICTURES);
        frame.copyFrom(background);
        int barX = (int) ((long) picture * barStep % width);
        frame.fill(barX, 0, barWidth, height, BAR_LUMA, BAR_CB, BAR_CR);
        if (barX + barWidth > width) {
            frame.fill(barX - width, 0, barWidth, height, BAR_LUMA, BAR_CB, BAR_CR);
        }
        counter.draw(frame, picture);
    }

    int barStep() {
        return barStep;
    }

    FrameCounter counter() {
        return counter;
    }
}
