package org.rtcbench.peer.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.rtcbench.media.FrameStamp;

/**
 * One outgoing RTP stream of a replay peer: the shipped loop's frames (VP8) or packets (Opus) in order,
 * packetized and stamped, kept in a retransmission buffer for NACKs; a keyframe request makes the next
 * frame the loop's next keyframe. A video stream honours the receiver's bandwidth estimate (REMB) by
 * stepping down to a smaller shipped loop (the layers: 320x240, 640x480, 1280x720, up to the size asked
 * for) at that loop's next keyframe, and back up once the estimate has room for the larger one.
 * Not thread-safe: its connection calls it under its own lock.
 */
final class SendStream {
    /** The largest RTP payload written: leaves room for SRTP's tag and IP/UDP headers under a 1280-byte path MTU. */
    static final int MAX_PAYLOAD = 1100;
    private static final int HISTORY = 1024;

    final String kind;
    final long ssrc;
    /** The sender id in the trailer of every frame: the peer's marker id. */
    private final int markerId;
    final int payloadType;
    final int clockRate;
    /** The loop being sent now: one of {@link #layers}. */
    private EncodedMedia.Video video;
    /** Video: the shipped loops a receiver's estimate may step this stream down to, smallest first; the last is the one asked for. */
    private final List<EncodedMedia.Video> layers;
    /** The layer to switch to at the next frame (which is then that loop's next keyframe), or -1. */
    private int switchTo = -1;
    private final List<byte[]> audio;
    private final long timestampBase;
    private int sequence;
    private int pictureId;
    private int position;
    private long units;
    private volatile boolean keyframeWanted;
    /** Set when the remote takes nothing on this stream's section: nothing is sent. */
    volatile boolean muted;
    private final byte[][] history = new byte[HISTORY][];

    long packetsSent;
    long bytesSent;
    long headerBytesSent;
    long framesSent;
    long keyFramesSent;
    long retransmittedPacketsSent;
    long retransmittedBytesSent;
    long nackCount;
    long pliCount;
    long firCount;
    /** The last REMB for this stream, bits per second, or -1; and how often the layer changed for it. */
    long rembBitrate = -1;
    long layerChanges;
    /** RTP timestamp and wall clock of the last unit sent, for sender reports. */
    long lastTimestamp;
    long lastSentMs;

    private SendStream(String kind, int payloadType, int clockRate, EncodedMedia.Video video, List<byte[]> audio, String peerName) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.kind = kind;
        this.markerId = FrameStamp.senderId(peerName);
        this.ssrc = r.nextLong(1, 1L << 32);
        this.payloadType = payloadType;
        this.clockRate = clockRate;
        this.video = video;
        this.layers = video == null ? List.of() : EncodedMedia.layersUpTo(video);
        this.audio = audio;
        this.timestampBase = r.nextLong(1L << 32);
        this.sequence = r.nextInt(1 << 15);
        this.pictureId = r.nextInt(1 << 15);
    }

    static SendStream video(int payloadType, EncodedMedia.Video video, String peerName) {
        return new SendStream("video", payloadType, 90_000, video, null, peerName);
    }

    /**
     * An Opus stream whose loop starts where the wall clock is in the loop's cycle: the marker bursts
     * of the loop (one each second, the pitch telling the second modulo 4) then leave at whole seconds
     * of this host's clock, as every other sender's do, so receivers measure audio delay from them.
     */
    static SendStream audio(int payloadType, String peerName) {
        return new SendStream("audio", payloadType, 48_000, null, EncodedMedia.audio(), peerName);
    }

    /** The loop being sent now. */
    EncodedMedia.Video picture() {
        return video;
    }

    /** Whether the receiver's estimate holds this stream below the size asked for (W3C qualityLimitationReason "bandwidth"). */
    boolean bandwidthLimited() {
        return video != null && video != layers.get(layers.size() - 1);
    }

    /** A step up needs this much more estimate than the larger loop's mean bitrate, so that the stream does not flap at the edge. */
    private static final double UP_HEADROOM = 1.25;
    /** RTP, SRTP and IP/UDP headers on top of a loop's payload bitrate. */
    private static final double OVERHEAD = 1.1;

    /**
     * A REMB of {@code bitsPerSecond} for this stream: the largest layer whose bitrate (with header overhead)
     * fits, the smallest when none does; a step up only with {@link #UP_HEADROOM} to spare.
     */
    void estimate(long bitsPerSecond) {
        rembBitrate = bitsPerSecond;
        if (layers.size() < 2) {
            return;
        }
        int now = layers.indexOf(video);
        int fit = 0;
        for (int i = 0; i < layers.size(); i++) {
            double need = layers.get(i).bitrate() * OVERHEAD * (i > now ? UP_HEADROOM : 1);
            if (need <= bitsPerSecond) {
                fit = i;
            }
        }
        switchTo = fit == now ? -1 : fit;
    }

    /** The RTP packets of the next frame (video) or packet (audio), recorded for retransmission. */
    List<byte[]> next(long nowMs) {
        if (audio != null && units == 0) { // the first packet: where the wall clock is in the loop's cycle
            position = (int) (Math.floorMod(nowMs, 1000L * org.rtcbench.media.AudioMarker.CYCLE) / 20) % audio.size();
        }
        long timestamp = (timestampBase + units * (video != null ? EncodedMedia.VIDEO_TICKS : EncodedMedia.AUDIO_TICKS)) & 0xFFFFFFFFL;
        units++;
        List<byte[]> out;
        if (video != null) {
            if (switchTo >= 0) { // every loop has the same frame count and keyframes at the same places
                video = layers.get(switchTo);
                switchTo = -1;
                layerChanges++;
                keyframeWanted = true;
            }
            if (keyframeWanted) {
                keyframeWanted = false;
                position = video.nextKeyframe(position % video.frames().size());
            }
            byte[] frame = FrameTrailer.append(video.frames().get(position), FrameStamp.at(markerId, framesSent, nowMs));
            if (video.keyframes()[position]) {
                keyFramesSent++;
            }
            position = (position + 1) % video.frames().size();
            List<byte[]> payloads = Vp8.packetize(frame, pictureId, MAX_PAYLOAD, FrameTrailer.LENGTH);
            pictureId = (pictureId + 1) & 0x7FFF;
            out = new ArrayList<>(payloads.size());
            for (int i = 0; i < payloads.size(); i++) {
                out.add(packet(payloads.get(i), i == payloads.size() - 1, timestamp));
            }
            framesSent++;
        } else {
            byte[] opus = audio.get(position);
            position = (position + 1) % audio.size();
            out = List.of(packet(opus, units == 1, timestamp));
        }
        lastTimestamp = timestamp;
        lastSentMs = nowMs;
        return out;
    }

    private byte[] packet(byte[] payload, boolean marker, long timestamp) {
        byte[] p = Rtp.packet(payloadType, marker, sequence, timestamp, ssrc, payload);
        history[sequence % HISTORY] = p;
        sequence = (sequence + 1) & 0xFFFF;
        packetsSent++;
        bytesSent += payload.length;
        headerBytesSent += Rtp.HEADER_LENGTH;
        return p;
    }

    /** The packets still held of these lost sequence numbers, to send again as they were (no RTX stream negotiated). */
    List<byte[]> retransmit(List<Integer> lost) {
        nackCount++;
        List<byte[]> out = new ArrayList<>();
        for (int seq : lost) {
            byte[] p = history[seq % HISTORY];
            if (p != null && (((p[2] & 0xFF) << 8) | (p[3] & 0xFF)) == seq) {
                out.add(p);
                retransmittedPacketsSent++;
                retransmittedBytesSent += p.length - Rtp.HEADER_LENGTH;
            }
        }
        return out;
    }

    /** A PLI or FIR: the next frame is the loop's next keyframe. */
    void keyframeRequested(boolean fir) {
        if (fir) {
            firCount++;
        } else {
            pliCount++;
        }
        keyframeWanted = true;
    }

    /** The RTP timestamp that corresponds to {@code nowMs}, extrapolated from the last unit sent. */
    long timestampAt(long nowMs) {
        return (lastTimestamp + (nowMs - lastSentMs) * clockRate / 1000) & 0xFFFFFFFFL;
    }
}
