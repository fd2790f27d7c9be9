package org.rtcbench.media;

/**
 * The human-readable picture number: two white digits on a dark box in the middle of the picture.
 *
 * <p>Two digits because there are {@value Y4mWriter#PICTURES} pictures (the frame number itself is in
 * the {@link FrameMarker}), and a fixed width keeps the box still while the number changes.
 */
record FrameCounter(int x, int y, int scale) {
    static final int DIGITS = 2;
    private static final int CELL = DigitFont.COLUMNS + 1;

    /** Digits about a sixth of the picture height: readable at 320x240 and still small at 1080p. */
    static FrameCounter centredIn(int width, int height) {
        int scale = Math.max(1, height / 48);
        while (scale > 1 && boxWidth(scale) > width) {
            scale--;
        }
        // Even coordinates keep the box on whole chroma samples, so its edges stay sharp.
        int x = Math.max(0, (width - boxWidth(scale)) / 2) & ~1;
        int y = Math.max(0, (height - boxHeight(scale)) / 2) & ~1;
        return new FrameCounter(x, y, scale);
    }

    private static int boxWidth(int scale) {
        return (DIGITS * CELL + 1) * scale;
    }

    private static int boxHeight(int scale) {
        return (DigitFont.ROWS + 2) * scale;
    }

    int glyphX(int index) {
        return x + (1 + index * CELL) * scale;
    }

    int glyphY() {
        return y + scale;
    }

    void draw(I420Frame frame, int number) {
        frame.fill(x, y, boxWidth(scale), boxHeight(scale), Y4mWriter.BLACK, Y4mWriter.NEUTRAL, Y4mWriter.NEUTRAL);
        int remaining = number;
        for (int index = DIGITS - 1; index >= 0; index--) {
            DigitFont.draw(frame, remaining % 10, glyphX(index), glyphY(), scale, Y4mWriter.WHITE);
            remaining /= 10;
        }
    }
}
