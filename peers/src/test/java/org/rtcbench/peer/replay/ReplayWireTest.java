package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire formats a replay peer writes and reads without a codec: RTP, RTCP, VP8's payload descriptor, the shipped media. */
class ReplayWireTest {

    @Test
    void shippedVideoIsVp8WithAKeyframeEvery32FramesAndShippedAudioIsOpus() {
        EncodedMedia.Video v = EncodedMedia.video(320, 240);
        assertThat(v.width()).isEqualTo(320);
        assertThat(v.height()).isEqualTo(240);
        assertThat(v.frames()).hasSize(64);
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < v.frames().size(); i++) {
            if (v.keyframes()[i]) {
                keys.add(i);
            }
        }
        assertThat(keys).containsExactly(0, 32);
        assertThat(v.nextKeyframe(5)).isEqualTo(32);
        assertThat(v.nextKeyframe(40)).isEqualTo(0);
        assertThat(v.bitrate()).isBetween(50_000L, 400_000L);
        assertThat(EncodedMedia.video(640, 360).size()).isEqualTo("640x480");
        assertThat(EncodedMedia.video(1920, 1080).size()).isEqualTo("1280x720");
        // 4 s of 20 ms packets; an Opus TOC byte of config 16-31 (CELT) or 0-15 (SILK/hybrid), one frame each
        assertThat(EncodedMedia.audio()).hasSize(200);
        assertThat(EncodedMedia.audio()).allSatisfy(p -> assertThat(p.length).isBetween(1, 400));
    }

    @Test
    void aFrameIsSplitIntoPacketsWhoseDescriptorsReadBack() {
        byte[] frame = EncodedMedia.video(320, 240).frames().get(0);
        List<byte[]> packets = Vp8.packetize(frame, 0x1234, 1200);
        assertThat(packets.size()).isEqualTo((frame.length + 1195) / 1196);
        int total = 0;
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            Vp8.Descriptor d = Vp8.parse(p, 0, p.length);
            assertThat(d.startOfFrame()).isEqualTo(i == 0);
            assertThat(d.pictureId()).isEqualTo(0x1234);
            assertThat(d.payloadOffset()).isEqualTo(4);
            assertThat(d.startsKeyframe(p, 0, p.length)).isEqualTo(i == 0);
            total += p.length - d.payloadOffset();
            assertThat(p.length).isLessThanOrEqualTo(1200);
        }
        assertThat(total).isEqualTo(frame.length);
        byte[] inter = Vp8.packetize(EncodedMedia.video(320, 240).frames().get(1), 7, 1200).get(0);
        assertThat(Vp8.parse(inter, 0, inter.length).startsKeyframe(inter, 0, inter.length)).isFalse();
        // a trailer stays whole in the last packet, however the frame's length falls
        for (int length = 2380; length < 2400; length++) {
            List<byte[]> split = Vp8.packetize(new byte[length], 1, 1200, FrameTrailer.LENGTH);
            assertThat(split.get(split.size() - 1).length - 4).as("last packet of " + length).isGreaterThanOrEqualTo(FrameTrailer.LENGTH);
            assertThat(split.stream().mapToInt(p -> p.length - 4).sum()).isEqualTo(length);
            assertThat(split).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(1200));
        }
        byte[] marked = FrameTrailer.append(frame, org.rtcbench.media.FrameStamp.at(5, 70_000, 1_700_000_000_123L));
        assertThat(FrameTrailer.present(marked, 0, marked.length)).isTrue();
        assertThat(FrameTrailer.read(marked, marked.length)).isEqualTo(org.rtcbench.media.FrameStamp.at(5, 70_000, 1_700_000_000_123L));
        assertThat(FrameTrailer.present(frame, 0, frame.length)).as("a frame of another sender").isFalse();
        marked[marked.length - 12] ^= 4;
        assertThat(FrameTrailer.read(marked, marked.length)).as("damaged: unreadable").isNull();
        // a 7-bit PictureID, TL0PICIDX and KEYIDX, as other senders write them
        byte[] other = {(byte) 0x90, (byte) 0xD0, 0x05, 0x11, 0x22, 0x00};
        assertThat(Vp8.parse(other, 0, other.length)).isEqualTo(new Vp8.Descriptor(true, 0, 5, 5));
        assertThat(Vp8.parse(new byte[] {(byte) 0x80}, 0, 1)).isNull();
    }

    @Test
    void rtpHeadersRoundTripAndTheFirstByteTellsTheProtocols() {
        byte[] p = Rtp.packet(96, true, 65535, 0xFFFFFFF0L, 0xCAFEBABEL, new byte[] {1, 2, 3});
        Rtp.Header h = Rtp.parse(p, 0, p.length);
        assertThat(h).isEqualTo(new Rtp.Header(96, true, 65535, 0xFFFFFFF0L, 0xCAFEBABEL, 12, 15));
        assertThat(Rtp.isRtpOrRtcp(p, 0, p.length)).isTrue();
        assertThat(Rtp.isRtcp(p, 0, p.length)).isFalse();
        byte[] withExtension = {(byte) 0x90, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, (byte) 0xBE, (byte) 0xDE, 0, 1, 0x10, 0x55, 0, 0, 9};
        assertThat(Rtp.parse(withExtension, 0, withExtension.length).payloadStart()).isEqualTo(20);
        assertThat(Rtp.isDtls(new byte[] {22, (byte) 0xFE, (byte) 0xFD}, 0, 3)).isTrue();
        assertThat(Rtp.isRtpOrRtcp(new byte[] {0, 1, 0, 0}, 0, 4)).isFalse(); // STUN
    }

    @Test
    void rtcpReportsAndFeedbackRoundTrip() {
        Rtcp.ReportBlock block = new Rtcp.ReportBlock(42, 25, -3, 70_000, 12, 0x12345678L, 65536);
        byte[] sr = Rtcp.senderReport(7, Rtcp.ntp(1_700_000_000_123L), 90_000, 10, 12_000, List.of(block), "replay-1");
        assertThat(sr.length % 4).isZero();
        List<Rtcp.Message> got = new ArrayList<>();
        Rtcp.parse(sr, 0, sr.length, got::add);
        assertThat(got).hasSize(1);
        Rtcp.SenderReport s = (Rtcp.SenderReport) got.get(0);
        assertThat(s.ssrc()).isEqualTo(7);
        assertThat(s.octets()).isEqualTo(12_000);
        assertThat(s.blocks()).containsExactly(block);
        assertThat(Rtp.isRtcp(sr, 0, sr.length)).isTrue();

        byte[] rr = Rtcp.receiverReport(8, List.of(), "x");
        got.clear();
        Rtcp.parse(rr, 0, rr.length, got::add);
        assertThat(got).containsExactly(new Rtcp.ReceiverReport(8, List.of()));

        byte[] nack = Rtcp.nack(8, 9, List.of(65534, 65535, 0, 3, 100));
        byte[] pli = Rtcp.pli(8, 9);
        byte[] both = new byte[nack.length + pli.length];
        System.arraycopy(nack, 0, both, 0, nack.length);
        System.arraycopy(pli, 0, both, nack.length, pli.length);
        got.clear();
        Rtcp.parse(both, 0, both.length, got::add);
        assertThat(got).containsExactly(new Rtcp.Nack(9, List.of(65534, 65535, 0, 3, 100)), new Rtcp.KeyframeRequest(9, false));
        // a truncated packet stops the walk instead of reading past it
        got.clear();
        Rtcp.parse(both, 0, nack.length + 5, got::add);
        assertThat(got).hasSize(1);
    }

    @Test
    void ntpMiddleBitsAreWhatLsrEchoes() {
        long ntp = Rtcp.ntp(1_000);
        assertThat(ntp >>> 32).isEqualTo(2_208_988_801L);
        assertThat(Rtcp.middle(Rtcp.ntp(1_500)) - Rtcp.middle(Rtcp.ntp(1_000))).isEqualTo(32_768);
    }

    @Test
    void aBrowserOfferReadsAsBundledSectionsWithTheirCodecsAndCandidates() {
        String offer = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1 2",
                "a=msid-semantic: WMS s", "m=audio 9 UDP/TLS/RTP/SAVPF 111 63", "c=IN IP4 0.0.0.0",
                "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0", "a=candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active",
                "a=ice-ufrag:abcd", "a=ice-pwd:0123456789012345678901", "a=fingerprint:sha-256 AA:BB", "a=setup:actpass", "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
                "a=rtcp-fb:111 transport-cc", "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:63 red/48000/2", "a=ssrc:1111 cname:x",
                "a=ssrc:1111 msid:s a", "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "c=IN IP4 0.0.0.0", "a=ice-ufrag:abcd",
                "a=ice-pwd:0123456789012345678901", "a=fingerprint:sha-256 AA:BB", "a=setup:actpass", "a=mid:1", "a=recvonly", "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96",
                "m=application 0 UDP/DTLS/SCTP webrtc-datachannel", "a=bundle-only", "c=IN IP4 0.0.0.0", "a=mid:2", "a=sctp-port:5000", "");
        Sdp.Description d = Sdp.parse(offer);
        assertThat(d.bundle()).containsExactly("0", "1", "2");
        assertThat(d.media()).extracting(Sdp.Media::kind).containsExactly("audio", "video", "application");
        Sdp.Media audio = d.media().get(0);
        assertThat(audio.codec("opus")).isEqualTo(new Sdp.Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of("transport-cc")));
        assertThat(audio.ssrcs()).containsExactly(1111L);
        assertThat(audio.candidates()).hasSize(2);
        assertThat(audio.candidates().get(0)).isEqualTo(new Sdp.Candidate("1", 1, "udp", 2122260223L, "127.0.0.1", 50000, "host"));
        assertThat(d.transport().iceUfrag()).isEqualTo("abcd");
        Sdp.Media video = d.media().get(1);
        assertThat(video.codec("vp8").feedback()).containsExactly("nack", "nack pli");
        assertThat(video.remoteSends()).isFalse();
        assertThat(video.remoteReceives()).isTrue();
        assertThat(d.media().get(2).codecs()).isEmpty();
        assertThat(d.media().get(2).rejected()).as("port 0 with bundle-only, as Firefox offers bundled sections").isFalse();
    }

    @Test
    void whatTheWriterWritesTheParserReads() {
        SdpWriter w = new SdpWriter(5, "uf", "pw0123456789012345678901", "AA:BB", "rtcbench", "replay-1");
        String sdp = w.write(List.of(
                        new SdpWriter.Section("audio", "UDP/TLS/RTP/SAVPF", "0", "sendrecv", new Sdp.Codec(111, "opus", 48000, 2, "minptime=10", List.of()), 11, "a1"),
                        new SdpWriter.Section("video", "UDP/TLS/RTP/SAVPF", "1", "sendonly", new Sdp.Codec(96, "VP8", 90000, 1, "", List.of("nack", "nack pli")), 22, "v1"),
                        SdpWriter.Section.rejected("application", "UDP/DTLS/SCTP", "2")),
                "actpass", List.of(new SdpWriter.Candidate("1", 2130706431L, "127.0.0.1", 40000, "host")));
        Sdp.Description d = Sdp.parse(sdp);
        assertThat(d.bundle()).containsExactly("0", "1");
        assertThat(d.media().get(1).ssrcs()).containsExactly(22L);
        assertThat(d.media().get(1).direction()).isEqualTo("sendonly");
        assertThat(d.media().get(1).codec("VP8").feedback()).containsExactly("nack", "nack pli");
        assertThat(d.media().get(0).candidates()).containsExactly(new Sdp.Candidate("1", 1, "udp", 2130706431L, "127.0.0.1", 40000, "host"));
        assertThat(d.media().get(2).rejected()).isTrue();
        assertThat(d.transport().setup()).isEqualTo("actpass");
        assertThat(sdp).contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n");
    }
}
