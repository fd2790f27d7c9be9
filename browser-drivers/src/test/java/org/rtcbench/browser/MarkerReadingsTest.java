package org.rtcbench.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtcbench.media.FrameMarker;
import org.rtcbench.media.FrameStamp;
import org.rtcbench.media.PictureQuality;
import org.rtcbench.media.ReceivedVideo;
import org.rtcbench.media.Y4mWriter;

/** A page's lumas reach the track's quality measurements, handed over as a token or, where that failed, inline. */
class MarkerReadingsTest {
    private static final long T0 = 1_796_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The luma of frame {@code frame} as sent: what a lossless receiver reads. */
    private static byte[] sent(FrameStamp stamp) {
        byte[] y = new byte[320 * 240];
        byte[] chroma = new byte[160 * 120];
        new Y4mWriter(320, 240, 15).renderPicture(stamp.frame(), y, chroma, chroma.clone());
        FrameMarker.draw(y, 320, 320, 240, stamp);
        return y;
    }

    private static JsonNode luma(FrameStamp stamp, String field, String value) throws Exception {
        return JSON.readTree("{\"frames\": [], \"lumas\": [{\"stamp\": [" + stamp.sender() + ", " + stamp.frame() + ", " + stamp.clock()
                + "], \"receivedMs\": " + T0 + ", \"width\": 320, \"height\": 240, \"" + field + "\": \"" + value + "\"}]}");
    }

    @Test
    void aLumaHandedOverAsATokenIsTakenOnceAndMeasured() throws Exception {
        FrameStamp stamp = FrameStamp.at(7, 1234, T0);
        Map<String, byte[]> server = new HashMap<>(Map.of("a-token", sent(stamp)));
        ReceivedVideo seen = new ReceivedVideo(T0);

        MarkerReadings.feed(seen, luma(stamp, "token", "a-token"), server::remove);

        assertThat(server).isEmpty();
        ReceivedVideo.Totals t = seen.totals("v1", T0 + 1000);
        assertThat(t.qualityMeasurements()).isEqualTo(1);
        assertThat(t.totalPsnr()).isEqualTo(PictureQuality.MAX_PSNR_DB);
    }

    @Test
    void aTokenTheServerNoLongerHasMeasuresNothing() throws Exception {
        FrameStamp stamp = FrameStamp.at(7, 1234, T0);
        ReceivedVideo seen = new ReceivedVideo(T0);

        MarkerReadings.feed(seen, luma(stamp, "token", "gone"), token -> null);

        assertThat(seen.totals("v1", T0 + 1000).qualityMeasurements()).isZero();
    }

    @Test
    void aLumaInTheReadingsIsMeasuredWithoutTheServer() throws Exception {
        FrameStamp stamp = FrameStamp.at(7, 1234, T0);
        ReceivedVideo seen = new ReceivedVideo(T0);

        MarkerReadings.feed(seen, luma(stamp, "y", Base64.getEncoder().encodeToString(sent(stamp))), token -> {
            throw new AssertionError("no token was handed over");
        });

        assertThat(seen.totals("v1", T0 + 1000).qualityMeasurements()).isEqualTo(1);
    }
}
