package org.rtcbench.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioMarkerTest {
    private static final long START = 1_764_000_000_000L; // a whole second

    /** Plays 10 ms chunks from {@code startMs} for {@code seconds} into a receiver; {@code heard} maps a receiver time to the sample it hears. */
    private static ReceivedAudio play(long startMs, int seconds, DoubleUnaryOperator heard) {
        ReceivedAudio received = new ReceivedAudio();
        byte[] pcm = new byte[2 * 480];
        for (int chunk = 0; chunk < seconds * 100; chunk++) {
            double t0 = startMs + chunk * 10.0;
            for (int i = 0; i < 480; i++) {
                short s = (short) Math.round(Short.MAX_VALUE * Math.max(-1, Math.min(1, heard.applyAsDouble(t0 + i / 48.0))));
                pcm[2 * i] = (byte) s;
                pcm[2 * i + 1] = (byte) (s >> 8);
            }
            received.pcm(pcm, 480, 1, 48_000, t0);
        }
        return received;
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 73, 480, 999, 1650, 3800})
    void aBurstHeardLaterTellsItsDelayUpToFourSeconds(long delayMs) {
        // listening from the middle of a silence, for 10 s: 10 whole bursts, some sent before it began
        ReceivedAudio.Totals t = play(START + delayMs % 1000 + 500, 10, at -> AudioMarker.at(at - delayMs)).totals("a", 0);
        assertEquals(10, t.burstsHeard(), "bursts heard");
        assertEquals(0, t.burstsUnreadable());
        assertEquals(delayMs, t.totalDelayMs() / t.burstsHeard(), 0.5, "mean delay");
    }

    @Test
    void aQuieterNoisierBurstAsACodecLeavesItIsStillRead() {
        Random noise = new Random(7);
        ReceivedAudio.Totals t = play(START, 8, at -> 0.75 * AudioMarker.at(at - 120) + 0.05 * noise.nextGaussian()).totals("a", 0);
        assertEquals(8, t.burstsHeard());
        assertEquals(120, t.totalDelayMs() / t.burstsHeard(), 1.0);
    }

    @Test
    void theToneAloneAndNoiseAreNoBursts() {
        Random noise = new Random(3);
        ReceivedAudio.Totals t = play(START, 5, at -> AudioMarker.TONE_AMPLITUDE * Math.sin(2 * Math.PI * 440 * at / 1000)
                + 0.05 * noise.nextGaussian()).totals("a", 0);
        assertEquals(0, t.burstsHeard());
        assertEquals(0, t.burstsUnreadable());
    }

    @Test
    void aBurstCutShortByLossStillTellsItsSecondAndOneCutToNothingIsUnreadable() {
        // the bursts of even seconds lose their last 35 ms, those of odd seconds all but 10 ms
        ReceivedAudio.Totals t = play(START, 4, at -> {
            double into = at - 1000 * Math.floor(at / 1000);
            long second = (long) Math.floor(at / 1000);
            return into < AudioMarker.BURST_MS && into > (second % 2 == 0 ? 25 : 10) ? 0 : AudioMarker.at(at);
        }).totals("a", 0);
        assertEquals(2, t.burstsHeard());
        assertEquals(0, t.totalDelayMs() / 2, 0.5);
        assertEquals(2, t.burstsUnreadable());
    }

    @Test
    void theBurstPitchCountsTheSecondsModuloFour() {
        assertEquals(800, AudioMarker.burstHz(START));
        assertEquals(1200, AudioMarker.burstHz(START + 1000));
        assertEquals(2000, AudioMarker.burstHz(START + 3999));
        assertEquals(800, AudioMarker.burstHz(START + 4000));
        assertEquals(START + 2000, AudioMarker.sentMs(START + 2000 + 350, 60, 1610));
        assertEquals(START + 2000, AudioMarker.sentMs(START + 2000 - 30, 60, 1600), "a burst heard a little before it was sent: clocks a little apart");
        assertEquals(START - 2000, AudioMarker.sentMs(START + 1000, 60, 1600), "3 s late");
        assertEquals(-1, AudioMarker.sentMs(START, 60, 1000), "between two pitches");
        assertEquals(-1, AudioMarker.sentMs(START, 12, 800), "too short to tell");
    }
}
