package org.rtcbench.peer.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The media a replay peer sends, encoded once and shipped with rtcbench (peers/tools/encode-replay-media.sh):
 * fake-media's marked picture loop as VP8 (64 frames at 15 fps, a keyframe every 32, file markers) at
 * 320x240, 640x480 and 1280x720, and its marked audio as 20 ms Opus packets (4 s, a burst each second).
 * Loaded once per JVM and shared, read-only, by every replay peer.
 */
public final class EncodedMedia {
    /** The sizes shipped, smallest first. */
    public static final List<String> SIZES = List.of("320x240", "640x480", "1280x720");
    /** The frame rate the video was encoded for. */
    public static final int FPS = 15;
    /** The RTP clock ticks of one video frame (90 kHz). */
    public static final int VIDEO_TICKS = 90_000 / FPS;
    /** The RTP clock ticks of one Opus packet (48 kHz, 20 ms). */
    public static final int AUDIO_TICKS = 960;
    /** Packets in the audio loop: the marker's pitch cycle ({@value org.rtcbench.media.AudioMarker#CYCLE} s) of 20 ms packets. */
    static final int AUDIO_LOOP_PACKETS = org.rtcbench.media.AudioMarker.CYCLE * 50;

    private static final Map<String, Video> VIDEOS = new ConcurrentHashMap<>();
    private static volatile List<byte[]> audio;

    private EncodedMedia() {
    }

    /** One encoded video loop: its frames in order, and which are keyframes. */
    public record Video(String size, int width, int height, List<byte[]> frames, boolean[] keyframes) {
        /** The number of the first keyframe at or after {@code frame} (wrapping), where a stream may restart for a PLI. */
        public int nextKeyframe(int frame) {
            for (int i = 0; i < frames.size(); i++) {
                int n = (frame + i) % frames.size();
                if (keyframes[n]) {
                    return n;
                }
            }
            throw new IllegalStateException("a VP8 loop without a keyframe");
        }

        /** Mean bits per second of the loop at {@link #FPS}. */
        public long bitrate() {
            long bytes = 0;
            for (byte[] f : frames) {
                bytes += f.length;
            }
            return bytes * 8 * FPS / frames.size();
        }
    }

    /** The shipped video of this size, e.g. {@code 320x240}; the smallest one at least that large for other sizes. */
    public static Video video(int width, int height) {
        for (String size : SIZES) {
            String[] wh = size.split("x");
            if (Integer.parseInt(wh[0]) >= width && Integer.parseInt(wh[1]) >= height) {
                return VIDEOS.computeIfAbsent(size, EncodedMedia::loadVideo);
            }
        }
        return VIDEOS.computeIfAbsent(SIZES.get(SIZES.size() - 1), EncodedMedia::loadVideo);
    }

    /** The shipped loops up to and including {@code top}, smallest first: the layers a sender may step down to. */
    public static List<Video> layersUpTo(Video top) {
        List<Video> out = new ArrayList<>();
        for (String size : SIZES) {
            out.add(size.equals(top.size()) ? top : VIDEOS.computeIfAbsent(size, EncodedMedia::loadVideo));
            if (size.equals(top.size())) {
                break;
            }
        }
        return List.copyOf(out);
    }

    /** The Opus packets of the audio loop, 20 ms each. */
    public static List<byte[]> audio() {
        List<byte[]> a = audio;
        if (a == null) {
            synchronized (EncodedMedia.class) {
                if (audio == null) {
                    // the encoder's pre-skip (312 samples) spills the loop's end into one packet more: a loop is
                    // whole 20 ms packets of the cycle, its bursts 6.5 ms late, the same in every loop
                    List<byte[]> packets = readOggPackets(resource("audio.opus"));
                    audio = List.copyOf(packets.subList(0, Math.min(packets.size(), AUDIO_LOOP_PACKETS)));
                }
                a = audio;
            }
        }
        return a;
    }

    private static Video loadVideo(String size) {
        byte[] ivf = resource("video-" + size + ".ivf");
        ByteBuffer b = ByteBuffer.wrap(ivf).order(ByteOrder.LITTLE_ENDIAN);
        if (ivf.length < 32 || b.getInt(0) != 0x46494B44 || b.getInt(8) != 0x30385056) { // "DKIF", "VP80"
            throw new IllegalStateException("video-" + size + ".ivf is not a VP8 IVF file");
        }
        int width = b.getShort(12) & 0xFFFF;
        int height = b.getShort(14) & 0xFFFF;
        int headerLength = b.getShort(6) & 0xFFFF;
        List<byte[]> frames = new ArrayList<>();
        int at = headerLength;
        while (at + 12 <= ivf.length) {
            int length = b.getInt(at);
            byte[] frame = new byte[length];
            System.arraycopy(ivf, at + 12, frame, 0, length);
            frames.add(frame);
            at += 12 + length;
        }
        boolean[] key = new boolean[frames.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = Vp8.isKeyframe(frames.get(i), 0);
        }
        return new Video(size, width, height, List.copyOf(frames), key);
    }

    /** The packets of an Ogg stream after its two header packets (OpusHead, OpusTags), as RFC 7845 lays them out. */
    static List<byte[]> readOggPackets(byte[] ogg) {
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        int at = 0;
        while (at + 27 <= ogg.length) {
            if (ogg[at] != 'O' || ogg[at + 1] != 'g' || ogg[at + 2] != 'g' || ogg[at + 3] != 'S') {
                throw new IllegalStateException("not an Ogg page at byte " + at);
            }
            int segments = ogg[at + 26] & 0xFF;
            int data = at + 27 + segments;
            for (int s = 0; s < segments; s++) {
                int lacing = ogg[at + 27 + s] & 0xFF;
                packet.write(ogg, data, lacing);
                data += lacing;
                if (lacing < 255) {
                    packets.add(packet.toByteArray());
                    packet.reset();
                }
            }
            at = data;
        }
        if (packets.size() < 3 || !new String(packets.get(0), 0, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("OpusHead")) {
            throw new IllegalStateException("not an Ogg Opus stream");
        }
        return List.copyOf(packets.subList(2, packets.size()));
    }

    private static byte[] resource(String name) {
        try (InputStream in = EncodedMedia.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("replay media " + name + " is missing from the rtcbench-peers jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
