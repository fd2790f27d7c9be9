package org.rtcbench.media;

/**
 * What one receiver heard of one incoming audio track, from its {@link AudioMarker} bursts: how many
 * came, how late (send time to playout), and how many could not be read.
 *
 * <p>Totals since the track began, like {@link ReceivedVideo}'s, on the same clock. A Java receiver
 * hands in the PCM it plays out ({@link #pcm}); a browser finds the bursts itself and hands in each
 * one's onset, length and pitch ({@link #burst}).
 *
 * <p>Thread-safe: audio arrives on the audio thread, readings are taken on the sampler's.
 */
public final class ReceivedAudio {
    /** A burst has ended after this long with no loud sample (a burst's sine peaks at least every 0.7 ms). */
    private static final double BURST_END_GAP_MS = 5;
    private static final int THRESHOLD = (int) (AudioMarker.THRESHOLD * Short.MAX_VALUE);
    /** Zero crossings count only from below minus this to above it: codec noise near zero adds none. */
    private static final int HYSTERESIS = THRESHOLD / 2;

    private double onsetMs = Double.NaN;
    private double lastLoudMs;
    /** Upward zero crossings since the onset: the burst's pitch. */
    private int crossings;
    private double firstCrossingMs;
    private double lastCrossingMs;
    /** Below minus the hysteresis since the last crossing: the next rise above it is one. */
    private boolean armed;
    private long heard;
    private long unreadable;
    private double totalDelayMs;

    /**
     * The totals so far of one track, as a sample's {@code received} lists them.
     *
     * @param kind             always {@code audio}
     * @param trackIdentifier  the track's id at the receiver (W3C {@code trackIdentifier})
     * @param timestamp        when these totals were read, epoch ms
     * @param burstsHeard      bursts heard whose send time is known
     * @param burstsUnreadable loud sounds too short or of a pitch no burst has (cut by loss, or concealment)
     * @param totalDelayMs     the sum of delays, send time to playout, of {@code burstsHeard}
     */
    public record Totals(String kind, String trackIdentifier, long timestamp, long burstsHeard, long burstsUnreadable, double totalDelayMs) {
    }

    /**
     * Looks for bursts in PCM played out from {@code startMs} on.
     *
     * @param pcm     16-bit little-endian samples, interleaved if {@code channels} is above 1 (the first channel is read)
     * @param frames  samples per channel
     * @param rate    samples a second
     */
    public synchronized void pcm(byte[] pcm, int frames, int channels, int rate, double startMs) {
        int stride = 2 * channels;
        for (int i = 0; i < frames && i * stride + 1 < pcm.length; i++) {
            int s = (short) ((pcm[i * stride] & 0xff) | (pcm[i * stride + 1] << 8));
            double t = startMs + i * 1000.0 / rate;
            if (Math.abs(s) > THRESHOLD) {
                if (Double.isNaN(onsetMs)) {
                    onsetMs = t;
                    crossings = 0;
                }
                lastLoudMs = t;
            } else if (!Double.isNaN(onsetMs) && t - lastLoudMs > BURST_END_GAP_MS) {
                double hz = crossings < 2 ? 0 : 1000 * (crossings - 1) / (lastCrossingMs - firstCrossingMs);
                burst(onsetMs, lastLoudMs - onsetMs, hz);
                onsetMs = Double.NaN;
            }
            if (s < -HYSTERESIS) {
                armed = true;
            } else if (s > HYSTERESIS && armed) {
                armed = false;
                if (!Double.isNaN(onsetMs)) {
                    if (crossings++ == 0) {
                        firstCrossingMs = t;
                    }
                    lastCrossingMs = t;
                }
            }
        }
    }

    /** Counts one burst heard from {@code onsetMs}, loud for {@code lengthMs} at {@code hz}. */
    public synchronized void burst(double onsetMs, double lengthMs, double hz) {
        long sent = AudioMarker.sentMs(onsetMs, lengthMs, hz);
        if (sent < 0) {
            unreadable++;
            return;
        }
        heard++;
        totalDelayMs += onsetMs - sent;
    }

    /** The totals of track {@code trackIdentifier} at {@code nowMs}. */
    public synchronized Totals totals(String trackIdentifier, long nowMs) {
        return new Totals("audio", trackIdentifier, nowMs, heard, unreadable, totalDelayMs);
    }
}
