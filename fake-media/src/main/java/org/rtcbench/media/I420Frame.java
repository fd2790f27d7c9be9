package org.rtcbench.media;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** One picture in I420 layout (full-size Y plane, quarter-size U and V planes) that shapes are drawn into. */
final class I420Frame {
    final int width;
    final int height;
    final byte[] y;
    final byte[] u;
    final byte[] v;

    I420Frame(int width, int height) {
        this.width = width;
        this.height = height;
        this.y = new byte[width * height];
        this.u = new byte[(width / 2) * (height / 2)];
        this.v = new byte[(width / 2) * (height / 2)];
    }

    void copyFrom(I420Frame other) {
        System.arraycopy(other.y, 0, y, 0, y.length);
        System.arraycopy(other.u, 0, u, 0, u.length);
        System.arraycopy(other.v, 0, v, 0, v.length);
    }

    /** Fills a rectangle, clipped to the frame, including every chroma sample it touches. */
    void fill(int x, int y, int w, int h, int luma, int cb, int cr) {
        fillLuma(x, y, w, h, luma);
        int cx0 = Math.max(0, Math.floorDiv(x, 2));
        int cy0 = Math.max(0, Math.floorDiv(y, 2));
        int cx1 = Math.min(width / 2, Math.floorDiv(x + w + 1, 2));
        int cy1 = Math.min(height / 2, Math.floorDiv(y + h + 1, 2));
        if (cx0 >= cx1) {
            return;
        }
        int chromaWidth = width / 2;
        for (int row = cy0; row < cy1; row++) {
            Arrays.fill(u, row * chromaWidth + cx0, row * chromaWidth + cx1, (byte) cb);
            Arrays.fill(v, row * chromaWidth + cx0, row * chromaWidth + cx1, (byte) cr);
        }
    }

    /** Fills a rectangle of the Y plane only, clipped to the frame. */
    void fillLuma(int x, int y, int w, int h, int luma) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        if (x0 >= x1) {
            return;
        }
        for (int row = y0; row < y1; row++) {
            Arrays.fill(this.y, row * width + x0, row * width + x1, (byte) luma);
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(y);
        out.write(u);
        out.write(v);
    }
}
