package org.rtcbench.peer.java;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.media.Y4mWriter;

/**
 * The fake camera's pictures: the same moving pattern and counter as the Y4M files the browsers play,
 * {@value Y4mWriter#PICTURES} of them, without the marker, which each peer stamps on its own frames.
 * Up to {@value #MAX_CACHED_BYTES} bytes a loop, they are rendered once per size and shared by every
 * Java peer of the JVM, since rendering each frame per peer cost more CPU than copying it, and a
 * load generator's CPU is what limits how many peers one machine stands in for. Bigger loops (e.g.
 * 720p) are rendered frame by frame for each peer instead.
 */
final class PatternLoop {
    private static final long MAX_CACHED_BYTES = 64L << 20;
    private static final Map<String, PatternLoop> SHARED = new ConcurrentHashMap<>();

    private final byte[][][] cached;
    private final Y4mWriter live;
    private final byte[][] liveFrame;

    private PatternLoop(int width, int height, boolean cache) {
        Y4mWriter pattern = new Y4mWriter(width, height, 30);
        int chroma = (width / 2) * (height / 2);
        if (cache) {
            cached = new byte[Y4mWriter.PICTURES][][];
            for (int i = 0; i < Y4mWriter.PICTURES; i++) {
                cached[i] = new byte[][]{new byte[width * height], new byte[chroma], new byte[chroma]};
                pattern.renderPicture(i, cached[i][0], cached[i][1], cached[i][2]);
            }
            live = null;
            liveFrame = null;
        } else {
            cached = null;
            live = pattern;
            liveFrame = new byte[][]{new byte[width * height], new byte[chroma], new byte[chroma]};
        }
    }

    /** The pictures of this size: the JVM's shared ones when they are small enough, else a renderer for a single peer. */
    static PatternLoop of(int width, int height) {
        long bytes = (long) Y4mWriter.PICTURES * width * height * 3 / 2;
        if (bytes > MAX_CACHED_BYTES) {
            return new PatternLoop(width, height, false);
        }
        return SHARED.computeIfAbsent(width + "x" + height, k -> new PatternLoop(width, height, true));
    }

    /** The picture of frame {@code n} as Y, U and V planes (read only; a per-peer renderer reuses its arrays). */
    byte[][] frame(long n) {
        if (cached != null) {
            return cached[(int) Math.floorMod(n, (long) Y4mWriter.PICTURES)];
        }
        live.renderPicture(n, liveFrame[0], liveFrame[1], liveFrame[2]);
        return liveFrame;
    }
}
