package org.rtcbench.peer.java;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.media.Y4mWriter;

/**
 * The fake camera's 5 s loop: the same moving pattern, counter and marker as the Y4M files the
 * browsers play. Up to {@value #MAX_CACHED_BYTES} bytes a loop, it is rendered once per size and
 * frame rate and shared by every Java peer of the JVM, since rendering each frame per peer cost
 * more CPU than copying it, and a load generator's CPU is what limits how many peers one machine
 * stands in for. Bigger loops (e.g. 720p) are rendered frame by frame for each peer instead.
 */
final class PatternLoop {
    private static final int LOOP_SECONDS = 5;
    private static final long MAX_CACHED_BYTES = 64L << 20;
    private static final Map<String, PatternLoop> SHARED = new ConcurrentHashMap<>();

    private final int frames;
    private final byte[][][] cached;
    private final Y4mWriter live;
    private final byte[][] liveFrame;

    private PatternLoop(int width, int height, int fps, boolean cache) {
        frames = LOOP_SECONDS * fps;
        Y4mWriter pattern = new Y4mWriter(width, height, fps);
        int chroma = (width / 2) * (height / 2);
        if (cache) {
            cached = new byte[frames][][];
            for (int i = 0; i < frames; i++) {
                cached[i] = new byte[][]{new byte[width * height], new byte[chroma], new byte[chroma]};
                pattern.render(i, cached[i][0], cached[i][1], cached[i][2]);
            }
            live = null;
            liveFrame = null;
        } else {
            cached = null;
            live = pattern;
            liveFrame = new byte[][]{new byte[width * height], new byte[chroma], new byte[chroma]};
        }
    }

    /** The loop for this size and rate: the JVM's shared one when it is small enough, else one for a single peer. */
    static PatternLoop of(int width, int height, int fps) {
        long bytes = (long) LOOP_SECONDS * fps * width * height * 3 / 2;
        if (bytes > MAX_CACHED_BYTES) {
            return new PatternLoop(width, height, fps, false);
        }
        return SHARED.computeIfAbsent(width + "x" + height + "@" + fps, k -> new PatternLoop(width, height, fps, true));
    }

    /** Frame {@code n} of the loop as Y, U and V planes (read only; a per-peer loop reuses its arrays). */
    byte[][] frame(long n) {
        int i = (int) (n % frames);
        if (cached != null) {
            return cached[i];
        }
        live.render(i, liveFrame[0], liveFrame[1], liveFrame[2]);
        return liveFrame;
    }
}
