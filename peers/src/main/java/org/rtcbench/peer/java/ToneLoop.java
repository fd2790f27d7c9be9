package org.rtcbench.peer.java;

/**
 * One second of the fake microphone's 440 Hz tone (16-bit mono, 48 kHz), computed once: 440 whole
 * cycles fit in a second, so the 10 ms chunks a peer pushes loop seamlessly with no sine per sample.
 */
final class ToneLoop {
    static final int RATE = 48_000;
    static final int CHUNK = 480;
    private static final byte[][] CHUNKS = new byte[RATE / CHUNK][];

    static {
        for (int c = 0; c < CHUNKS.length; c++) {
            byte[] pcm = new byte[CHUNK * 2];
            for (int i = 0; i < CHUNK; i++) {
                short s = (short) (Math.sin(2 * Math.PI * 440 * (c * CHUNK + i) / (double) RATE) * 8000);
                pcm[2 * i] = (byte) s;
                pcm[2 * i + 1] = (byte) (s >> 8);
            }
            CHUNKS[c] = pcm;
        }
    }

    private ToneLoop() {
    }

    /** The n-th 10 ms chunk of the tone (read only). */
    static byte[] chunk(long n) {
        return CHUNKS[(int) (n % CHUNKS.length)];
    }
}
