package org.rtcbench.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.rtcbench.media.FrameStamp;
import org.rtcbench.media.ReceivedAudio;
import org.rtcbench.media.ReceivedVideo;

/**
 * The markers a harness page read from one incoming track since it was last asked, in the page's
 * compact form, fed into the track's {@link ReceivedVideo}:
 * {@code {"frames": [[sender, frame, clock, receivedMs, width, height, presented, previousShownMs] | [null, receivedMs, width, height, presented], ...],
 * "lumas": [{"stamp": [sender, frame, clock], "receivedMs": t, "width": w, "height": h, "token": t | "y": base64}]}},
 * or {@link ReceivedAudio}: {@code {"bursts": [[onsetMs, lengthMs, hz], ...]}}.
 * Times are already on the JVM's clock (the page adds the offset rtcbench measured); {@code presented}
 * is how many frames the element presented since the last one read (requestVideoFrameCallback's
 * {@code presentedFrames}: a busy page misses some), 1 where the page reads every frame from the track
 * (MediaStreamTrackProcessor); {@code previousShownMs} is when the frame before it was shown, read or not (null
 * when not known; a page that reads only some frames says it); a luma plane is video-range Y, {@code width} bytes a row,
 * handed to the harness server as {@code token} ({@code HarnessServer}'s {@code /lumas}), or in the readings where that failed.
 */
final class MarkerReadings {
    private MarkerReadings() {
    }

    /** {@code lumas} gives the luma handed over as a token, or null when there is none. */
    static void feed(ReceivedVideo seen, JsonNode track, java.util.function.Function<String, byte[]> lumas) {
        for (JsonNode f : track.path("frames")) {
            if (f.get(0).isNull()) {
                seen.frame(null, f.get(1).asLong(), f.get(2).asInt(), f.get(3).asInt(), f.path(4).asLong(1));
            } else {
                seen.frame(stamp(f), f.get(3).asLong(), f.get(4).asInt(), f.get(5).asInt(), f.path(6).asLong(1), f.path(7).asLong(-1));
            }
        }
        for (JsonNode l : track.path("lumas")) {
            int w = l.path("width").asInt();
            int h = l.path("height").asInt();
            byte[] y = l.has("token") ? lumas.apply(l.path("token").asText()) : Base64.getDecoder().decode(l.path("y").asText());
            if (y != null && y.length == w * h) {
                seen.quality(stamp(l.path("stamp")), y, w, h, l.path("receivedMs").asLong());
            }
        }
    }

    static void feed(ReceivedAudio heard, JsonNode track) {
        for (JsonNode b : track.path("bursts")) {
            heard.burst(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble());
        }
    }

    private static FrameStamp stamp(JsonNode f) {
        return new FrameStamp(f.get(0).asInt(), f.get(1).asInt(), f.get(2).asInt());
    }
}
