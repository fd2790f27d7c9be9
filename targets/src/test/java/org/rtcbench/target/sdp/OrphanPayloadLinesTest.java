package org.rtcbench.target.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Payload lines of codecs the m-line no longer lists are dropped; everything else stays. */
class OrphanPayloadLinesTest {
    @Test
    void dropsLinesOfPayloadTypesTheMLineDoesNotList() {
        String sdp = String.join("\r\n", "v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 109", "a=rtpmap:109 opus/48000/2",
                "a=rtcp-fb:109 transport-cc", "m=video 0 UDP/TLS/RTP/SAVPF 120", "a=fmtp:120 max-fs=12288;max-fr=60",
                "a=rtcp-fb:120 nack", "a=rtcp-fb:121 nack", "a=rtcp-fb:99 nack pli", "a=rtcp-fb:* ccm fir",
                "a=rtpmap:120 VP8/90000", "a=rtpmap:121 VP9/90000", "a=fmtp:121 max-fs=12288", "a=mid:1", "");
        String cleaned = OrphanPayloadLines.drop(sdp);
        assertThat(cleaned.split("\r\n")).containsExactly("v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 109", "a=rtpmap:109 opus/48000/2",
                "a=rtcp-fb:109 transport-cc", "m=video 0 UDP/TLS/RTP/SAVPF 120", "a=fmtp:120 max-fs=12288;max-fr=60",
                "a=rtcp-fb:120 nack", "a=rtcp-fb:* ccm fir", "a=rtpmap:120 VP8/90000", "a=mid:1");
    }

    @Test
    void readsTheVideoCodecsOfAnAnswer() {
        String answer = "v=0\r\nm=audio 9 X 111\r\na=rtpmap:111 opus/48000/2\r\nm=video 9 X 96 97\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\n";
        assertThat(SdpVideoCodecs.of(answer)).isEqualTo(List.of("VP8", "RTX"));
        assertThat(SdpVideoCodecs.of("v=0\r\nm=video 0 X 96\r\na=rtpmap:96 VP8/90000\r\n")).isEmpty();
    }
}
