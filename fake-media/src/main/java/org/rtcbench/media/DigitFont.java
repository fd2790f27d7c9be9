package org.rtcbench.media;

/** A 5x7 bitmap font for the digits 0-9, so the counter needs no AWT and looks the same on every machine. */
final class DigitFont {
    static final int COLUMNS = 5;
    static final int ROWS = 7;

    /** One int per row, most significant of the five bits is the leftmost pixel. */
    static final int[][] GLYPHS = {
        {0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110},
        {0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110},
        {0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111},
        {0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110},
        {0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010},
        {0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110},
        {0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110},
        {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000},
        {0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110},
        {0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100},
    };

    private DigitFont() {
    }

    static boolean isSet(int digit, int row, int column) {
        return (GLYPHS[digit][row] & (1 << (COLUMNS - 1 - column))) != 0;
    }

    /** Draws one digit with its top-left corner at (x, y), every font pixel a scale x scale square. */
    static void draw(I420Frame frame, int digit, int x, int y, int scale, int luma) {
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < COLUMNS; column++) {
                if (isSet(digit, row, column)) {
                    frame.fillLuma(x + column * scale, y + row * scale, scale, scale, luma);
                }
            }
        }
    }
}
