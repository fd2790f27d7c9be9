package org.rtcbench.core.metric;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The numbers rtcbench derives from {@code getStats()} samples, one value per peer per sample.
 * Names are what assertions, run.json and reports use; a metric a peer did not report is
 * missing, never zero.
 */
public enum Metric {
    VIDEO_FPS("video.fps", "fps", true, "frames per second decoded, inbound-rtp framesPerSecond (lowest inbound video stream)"),
    VIDEO_FPS_SENT("video.fps.sent", "fps", true, "frames per second encoded, outbound-rtp framesPerSecond (lowest outbound video stream)"),
    VIDEO_WIDTH("video.width", "px", true, "inbound-rtp frameWidth (of the lowest-fps inbound stream)"),
    VIDEO_HEIGHT("video.height", "px", true, "inbound-rtp frameHeight (of the lowest-fps inbound stream)"),
    VIDEO_FRAMES_DECODED("video.frames.decoded", "frames", true, "inbound-rtp framesDecoded, summed over inbound video streams"),
    VIDEO_FREEZES("video.freezes", "freezes", false, "inbound-rtp freezeCount, summed over inbound video streams"),
    VIDEO_JITTER("video.jitter", "ms", false, "inbound-rtp jitter of video, highest stream"),
    VIDEO_JITTER_BUFFER("video.jitterbuffer", "ms", false, "inbound-rtp jitterBufferDelay / jitterBufferEmittedCount over the interval: how long frames waited in the jitter buffer (highest video stream)"),
    VIDEO_FPS_RENDERED("video.fps.rendered", "fps", true, "distinct frames actually shown per second, read from their markers (lowest incoming track)"),
    VIDEO_DELAY("video.delay", "ms", false, "end to end, from the send time in a frame's marker to its render, mean over the interval (worst incoming track)"),
    VIDEO_FRAMES_SKIPPED("video.frames.skipped", "frames", false, "frame numbers never shown in the interval, read from the markers (summed over tracks)"),
    VIDEO_FRAMES_UNREADABLE("video.frames.unreadable", "frames", false, "frames rendered in the interval whose marker could not be read (summed over tracks)"),
    VIDEO_FROZEN("video.frozen", "%", false, "share of the interval with no new frame for longer than a freeze (W3C definition), from the markers (worst track)"),
    VIDEO_PSNR("video.psnr", "dB", true, "PSNR of a frame a second against the picture sent, on Y at the received size (lowest track)"),
    VIDEO_SSIM("video.ssim", "", true, "SSIM of the same frames (lowest track)"),
    AUDIO_PACKETS_RECEIVED("audio.packets.received", "packets", true, "inbound-rtp packetsReceived of audio, summed"),
    AUDIO_JITTER("audio.jitter", "ms", false, "inbound-rtp jitter of audio, highest stream"),
    AUDIO_CONCEALED("audio.concealed", "%", false, "share of received audio samples concealed in the last interval"),
    AUDIO_DELAY("audio.delay", "ms", false, "end to end, from the send time of an audio marker burst to its playout, mean over the interval (worst incoming track)"),
    AV_SYNC("av.sync", "ms", false, "audio.delay minus video.delay of the same sender over the interval: positive when audio lags (the sender where the two are furthest apart)"),
    BITRATE_IN("bitrate.in", "kbps", true, "inbound-rtp bytesReceived rate over all streams"),
    BITRATE_OUT("bitrate.out", "kbps", true, "outbound-rtp bytesSent rate over all streams"),
    PACKET_LOSS("packetloss", "%", false, "inbound packets lost in the last interval / packets expected"),
    RTT("rtt", "ms", false, "currentRoundTripTime of the selected ICE candidate pair (until it has one: remote-inbound-rtp roundTripTime)"),
    DATACHANNEL_RTT("datachannel.rtt", "ms", false, "round trip of the last data channel echo"),
    DATACHANNEL_ECHOES("datachannel.echoes", "echoes", true, "data channel echoes received so far");

    private final String id;
    private final String unit;
    private final boolean higherIsBetter;
    private final String description;

    Metric(String id, String unit, boolean higherIsBetter, String description) {
        this.id = id;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.description = description;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String description() {
        return description;
    }

    /** Finds a metric by its name, e.g. {@code video.fps}. */
    public static Metric of(String id) {
        for (Metric m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "' (known: " + names() + ")");
    }

    /** All metric names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", "));
    }
}
