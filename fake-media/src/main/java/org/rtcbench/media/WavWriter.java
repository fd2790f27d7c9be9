package org.rtcbench.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Writes a 16-bit PCM WAV file at 48000 Hz of a sine tone, for a browser's fake microphone. */
public final class WavWriter {
    /** The sample rate of every file: the rate WebRTC's Opus runs at, so nothing is resampled. */
    public static final int SAMPLE_RATE = 48_000;
    /** The tone of a default writer, concert A. */
    public static final int DEFAULT_FREQUENCY_HZ = 440;
    /** Peak amplitude as a fraction of full scale: loud enough to measure, far from clipping. */
    public static final double AMPLITUDE = 0.5;

    static final int HEADER_SIZE = 44;
    private static final int BYTES_PER_SAMPLE = 2;
    private static final int CHUNK_FRAMES = 4_800;

    private final int frequencyHz;
    private final int channels;

    /** A writer of a 440 Hz mono tone. */
    public WavWriter() {
        this(DEFAULT_FREQUENCY_HZ, 1);
    }

    /**
     * A writer of a tone at this frequency with one (mono) or two (stereo, the same tone in both) channels.
     *
     * @throws IllegalArgumentException if the frequency is not from 1 Hz to 24000 Hz or channels is not 1 or 2
     */
    public WavWriter(int frequencyHz, int channels) {
        if (frequencyHz < 1 || frequencyHz > SAMPLE_RATE / 2) {
            throw new IllegalArgumentException("tone frequency must be from 1 to " + SAMPLE_RATE / 2 + " Hz, got "
                    + frequencyHz);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 (mono) or 2 (stereo), got " + channels);
        }
        this.frequencyHz = frequencyHz;
        this.channels = channels;
    }

    /** The tone's frequency in Hz. */
    public int frequencyHz() {
        return frequencyHz;
    }

    /** How many sample frames (one sample per channel) a file of this length holds. */
    public long sampleFrames(Duration length) {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("audio length must be longer than zero, got " + length);
        }
        long frames = Math.max(1, Math.round(length.toNanos() / 1e9 * SAMPLE_RATE));
        // The RIFF and data chunk sizes are unsigned 32-bit numbers.
        if (HEADER_SIZE + frames * channels * BYTES_PER_SAMPLE > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("audio length " + length.toSeconds() + " s does not fit in a WAV file");
        }
        return frames;
    }

    /** The exact size in bytes of a file of this length. */
    public long fileSize(Duration length) {
        return HEADER_SIZE + sampleFrames(length) * channels * BYTES_PER_SAMPLE;
    }

    /** Writes a file of this length, replacing any file already there. */
    public void write(Path file, Duration length) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, length);
        }
    }

    /** Writes the header and the samples of this length to a stream, which it leaves open. */
    public void write(OutputStream out, Duration length) throws IOException {
        long frames = sampleFrames(length);
        long dataSize = frames * channels * BYTES_PER_SAMPLE;
        out.write(header(dataSize));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FRAMES * channels * BYTES_PER_SAMPLE)
                .order(ByteOrder.LITTLE_ENDIAN);
        double peak = AMPLITUDE * Short.MAX_VALUE;
        for (long frame = 0; frame < frames; frame++) {
            // The phase comes from (frame * f) mod rate, exact in integers, so the tone does not drift
            // over a long file, and a loop of whole seconds ends exactly where it began.
            long step = frame * frequencyHz % SAMPLE_RATE;
            short sample = (short) Math.round(peak * Math.sin(2 * Math.PI * step / SAMPLE_RATE));
            for (int channel = 0; channel < channels; channel++) {
                chunk.putShort(sample);
            }
            if (!chunk.hasRemaining()) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
        }
        out.write(chunk.array(), 0, chunk.position());
        out.flush();
    }

    private byte[] header(long dataSize) {
        int blockAlign = channels * BYTES_PER_SAMPLE;
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.put(ascii("RIFF")).putInt((int) (HEADER_SIZE - 8 + dataSize)).put(ascii("WAVE"));
        header.put(ascii("fmt ")).putInt(16)
                .putShort((short) 1) // PCM
                .putShort((short) channels)
                .putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) (BYTES_PER_SAMPLE * 8));
        header.put(ascii("data")).putInt((int) dataSize);
        return header.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
