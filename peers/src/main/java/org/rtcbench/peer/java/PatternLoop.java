package org.rtcbench.peer.java;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.media.Y4mWriter;

/**
 * The fake camera's 5 s loop, rendered once per size and frame rate and shared by every Java peer
 * of the JVM: the same moving pattern, counter and marker as the Y4M files the browsers play.
 * Rendering each frame per peer cost more CPU than copying it, and a load generator's CPU is what
 * limits how many peers one machine can stand in for.
 */
final class PatternLoop {
    private static final int LOOP_SECONDS = 5;
    private static final Map<String, PatternLoop> LOOPS = new ConcurrentHashMap<>();

    final int width;
    final int height;
    private final byte[][] y;
    private final byte[][] u;
    private final byte[][] v;

    private PatternLoop(int width, int height, int fps) {
        this.width = width;
        this.height = height;
        int frames = LOOP_SECONDS * fps;
        y = new byte[frames][width * height];
        u = new byte[frames][(width / 2) * (height / 2)];
        v = new byte[frames][(width / 2) * (height / 2)];
        Y4mWriter pattern = new Y4mWriter(width, height, fps);
        for (int i = 0; i < frames; i++) {
            pattern.render(i, y[i], u[i], v[i]);
        }
    }

    /** The loop for this size and rate, rendered on first use. */
    static PatternLoop of(int width, int height, int fps) {
        return LOOPS.computeIfAbsent(width + "x" + height + "@" + fps, k -> new PatternLoop(width, height, fps));
    }

    byte[] y(long frame) {
        return y[(int) (frame % y.length)];
    }

    byte[] u(long frame) {
        return u[(int) (frame % u.length)];
    }

    byte[] v(long frame) {
        return v[(int) (frame % v.length)];
    }
}
