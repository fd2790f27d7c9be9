package org.rtcbench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void headerSaysPcm16BitMono48000HzWithTheDataSize() throws IOException {
        Path file = dir.resolve("t.wav");
        new WavWriter().write(file, Duration.ofSeconds(5));

        ByteBuffer wav = read(file);

        assertThat(ascii(wav, 0)).isEqualTo("RIFF");
        assertThat(wav.getInt(4)).isEqualTo(36 + 480_000);
        assertThat(ascii(wav, 8)).isEqualTo("WAVE");
        assertThat(ascii(wav, 12)).isEqualTo("fmt ");
        assertThat(wav.getInt(16)).as("fmt chunk size").isEqualTo(16);
        assertThat(wav.getShort(20)).as("format, 1 = PCM").isEqualTo((short) 1);
        assertThat(wav.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(wav.getInt(24)).as("sample rate").isEqualTo(48_000);
        assertThat(wav.getInt(28)).as("byte rate").isEqualTo(96_000);
        assertThat(wav.getShort(32)).as("block align").isEqualTo((short) 2);
        assertThat(wav.getShort(34)).as("bits per sample").isEqualTo((short) 16);
        assertThat(ascii(wav, 36)).isEqualTo("data");
        assertThat(wav.getInt(40)).as("data size").isEqualTo(5 * 48_000 * 2);
        assertThat(Files.size(file)).isEqualTo(44 + 480_000);
    }

    @Test
    void samplesAreA440HzToneAtHalfFullScale() throws IOException {
        Path file = dir.resolve("t.wav");
        new WavWriter().write(file, Duration.ofSeconds(5));

        short[] samples = samples(read(file), 1, 0);

        // A sine crosses zero twice a cycle: 440 Hz for 5 s is 4400 crossings.
        assertThat(zeroCrossings(samples)).isCloseTo(4400, within(2));
        assertThat(peak(samples)).isCloseTo(16384, within(2));
    }

    @Test
    void frequencyIsConfigurable() throws IOException {
        Path file = dir.resolve("t.wav");
        new WavWriter(1000, 1).write(file, Duration.ofSeconds(1));

        assertThat(zeroCrossings(samples(read(file), 1, 0))).isCloseTo(2000, within(2));
    }

    @Test
    void stereoCarriesTheSameToneInBothChannels() throws IOException {
        Path file = dir.resolve("t.wav");
        new WavWriter(440, 2).write(file, Duration.ofSeconds(1));

        ByteBuffer wav = read(file);

        assertThat(wav.getShort(22)).as("channels").isEqualTo((short) 2);
        assertThat(wav.getInt(28)).as("byte rate").isEqualTo(192_000);
        assertThat(wav.getShort(32)).as("block align").isEqualTo((short) 4);
        assertThat(wav.getInt(40)).as("data size").isEqualTo(192_000);
        assertThat(samples(wav, 2, 0)).isEqualTo(samples(wav, 2, 1));
        assertThat(zeroCrossings(samples(wav, 2, 1))).isCloseTo(880, within(2));
    }

    @Test
    void aLoopOfWholeSecondsEndsWhereItBegan() throws IOException {
        Path file = dir.resolve("t.wav");
        new WavWriter().write(file, Duration.ofSeconds(5));

        short[] samples = samples(read(file), 1, 0);

        // Looping jumps from the last sample back to the first: no bigger a jump than any other
        // step of the sine, hence no click.
        int largestStep = 0;
        for (int i = 1; i < samples.length; i++) {
            largestStep = Math.max(largestStep, Math.abs(samples[i] - samples[i - 1]));
        }
        assertThat(Math.abs(samples[0] - samples[samples.length - 1])).isLessThanOrEqualTo(largestStep);
        assertThat(samples[0]).isZero();
    }

    @Test
    void refusesFrequenciesAbove24000HzThatA48000HzFileCannotCarry() {
        assertThatThrownBy(() -> new WavWriter(30_000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tone frequency must be from 1 to 24000 Hz, got 30000");
    }

    private static ByteBuffer read(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String ascii(ByteBuffer wav, int offset) {
        return new String(wav.array(), offset, 4, StandardCharsets.US_ASCII);
    }

    private static short[] samples(ByteBuffer wav, int channels, int channel) {
        int frames = wav.getInt(40) / (2 * channels);
        short[] samples = new short[frames];
        for (int i = 0; i < frames; i++) {
            samples[i] = wav.getShort(44 + (i * channels + channel) * 2);
        }
        return samples;
    }

    private static int zeroCrossings(short[] samples) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    private static int peak(short[] samples) {
        int peak = 0;
        for (short sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }
}
