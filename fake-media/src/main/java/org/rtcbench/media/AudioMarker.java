package org.rtcbench.media;

/**
 * The marker in synthetic audio: a quiet 440 Hz tone with a loud 60 ms burst starting at every whole
 * second of the sender's clock. The burst's pitch says which second it is, modulo {@value #CYCLE}
 * (800, 1200, 1600 or 2000 Hz), so a receiver knows a burst's send time for delays up to about 4 s; a
 * pitch, unlike a length, survives a burst cut short by loss.
 *
 * <p>Time, not a sample count, decides the signal: every sender of every kind makes the same sound at
 * the same moment, a sender that drops a chunk stays on time, and audio delay is measured on the clock
 * the video markers use (see {@link ReceivedVideo}). The harness page makes the same signal with Web
 * Audio and reads it with the same threshold (markers.js): change both together.
 */
public final class AudioMarker {
    /** The sample rate the signal is defined at: the rate WebRTC's Opus runs at. */
    public static final int RATE = 48_000;
    /** Seconds a burst's length tells apart. */
    public static final int CYCLE = 4;
    static final int TONE_HZ = 440;
    static final double TONE_AMPLITUDE = 0.1;
    static final int BURST_MS = 60;
    static final int LOWEST_BURST_HZ = 800;
    static final int BURST_HZ_STEP = 400;
    static final double BURST_AMPLITUDE = 0.6;
    /** A burst heard for less than this tells no pitch: unreadable. */
    static final double SHORTEST_READABLE_MS = 20;
    /** Louder than the tone can ever be, well below a burst even after a lossy codec. */
    public static final double THRESHOLD = 0.35;
    /** How far a burst heard may seem to come before it was sent: clocks corrected to within this. */
    static final long EARLY_TOLERANCE_MS = 100;

    private AudioMarker() {
    }

    /** The burst's pitch in the second that holds {@code epochMs}. */
    static int burstHz(long epochMs) {
        return LOWEST_BURST_HZ + BURST_HZ_STEP * (int) Math.floorMod(Math.floorDiv(epochMs, 1000L), (long) CYCLE);
    }

    /** The signal at {@code epochMs}, from -1 to 1. */
    public static double at(double epochMs) {
        double intoSecond = epochMs - 1000 * Math.floor(epochMs / 1000);
        // whole cycles in a second: the phase depends on the time within the second only, so no wrap click
        double tone = TONE_AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * intoSecond / 1000);
        if (intoSecond < BURST_MS) {
            return tone + BURST_AMPLITUDE * Math.sin(2 * Math.PI * burstHz((long) Math.floor(epochMs)) * intoSecond / 1000);
        }
        return tone;
    }

    /**
     * Fills {@code samples} 16-bit little-endian mono samples of {@code pcm} with the signal from
     * {@code startMs} on, at {@value #RATE} Hz.
     */
    public static void fill(byte[] pcm, int samples, double startMs) {
        for (int i = 0; i < samples; i++) {
            short s = (short) Math.round(Short.MAX_VALUE * at(startMs + i * 1000.0 / RATE));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
    }

    /**
     * When a burst heard from {@code onsetMs}, loud for {@code lengthMs} at {@code hz}, was sent: the
     * whole second whose burst has that pitch, at or before the onset; -1 when it is too short to tell
     * or its pitch is none a burst has (noise, or concealment of lost packets).
     */
    public static long sentMs(double onsetMs, double lengthMs, double hz) {
        double steps = (hz - LOWEST_BURST_HZ) / BURST_HZ_STEP;
        long index = Math.round(steps);
        if (lengthMs < SHORTEST_READABLE_MS || index < 0 || index >= CYCLE || Math.abs(steps - index) > 0.25) {
            return -1;
        }
        long second = Math.floorDiv((long) Math.floor(onsetMs) + EARLY_TOLERANCE_MS, 1000L);
        while (Math.floorMod(second, (long) CYCLE) != index) {
            second--;
        }
        return 1000 * second;
    }
}
