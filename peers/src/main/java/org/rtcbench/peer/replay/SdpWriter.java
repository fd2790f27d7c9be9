package org.rtcbench.peer.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a replay peer's complete (non-trickle) offer or answer: one bundled transport (rtcp-mux,
 * rtcp-rsize), its ICE credentials and host candidates in every section, the DTLS fingerprint and
 * role, and per section one codec, the direction, and the sender's SSRC and msid when it sends.
 */
final class SdpWriter {
    /** A section as this peer writes it; {@code codec} null for a rejected section (port 0). */
    record Section(String kind, String proto, String mid, String direction, Sdp.Codec codec, long ssrc, String trackId) {
        boolean rejected() {
            return codec == null;
        }

        static Section rejected(String kind, String proto, String mid) {
            return new Section(kind, proto, mid, "inactive", null, 0, null);
        }
    }

    /** A local candidate: written as {@code candidate:F 1 udp P ADDRESS PORT typ host}. */
    record Candidate(String foundation, long priority, String address, int port, String type) {
    }

    private final long sessionId;
    private final String ufrag;
    private final String pwd;
    private final String fingerprint;
    private final String streamId;
    private final String cname;

    SdpWriter(long sessionId, String ufrag, String pwd, String fingerprint, String streamId, String cname) {
        this.sessionId = sessionId;
        this.ufrag = ufrag;
        this.pwd = pwd;
        this.fingerprint = fingerprint;
        this.streamId = streamId;
        this.cname = cname;
    }

    String write(List<Section> sections, String setup, List<Candidate> candidates) {
        List<String> l = new ArrayList<>();
        l.add("v=0");
        l.add("o=rtcbench-replay " + sessionId + " 2 IN IP4 127.0.0.1");
        l.add("s=-");
        l.add("t=0 0");
        String bundled = sections.stream().filter(s -> !s.rejected()).map(Section::mid).collect(Collectors.joining(" "));
        if (!bundled.isEmpty()) {
            l.add("a=group:BUNDLE " + bundled);
        }
        l.add("a=msid-semantic: WMS " + streamId);
        Candidate first = candidates.isEmpty() ? null : candidates.get(0);
        for (Section s : sections) {
            if (s.rejected()) {
                l.add("m=" + s.kind() + " 0 " + s.proto() + (s.kind().equals("application") ? " webrtc-datachannel" : " 0"));
                l.add("c=IN IP4 0.0.0.0");
                l.add("a=mid:" + s.mid());
                l.add("a=inactive");
                continue;
            }
            Sdp.Codec c = s.codec();
            l.add("m=" + s.kind() + " " + (first == null ? 9 : first.port()) + " UDP/TLS/RTP/SAVPF " + c.payloadType());
            l.add("c=IN IP4 " + (first == null ? "0.0.0.0" : first.address()));
            l.add("a=rtcp:9 IN IP4 0.0.0.0");
            l.add("a=ice-ufrag:" + ufrag);
            l.add("a=ice-pwd:" + pwd);
            l.add("a=fingerprint:sha-256 " + fingerprint);
            l.add("a=setup:" + setup);
            l.add("a=mid:" + s.mid());
            l.add("a=" + s.direction());
            l.add("a=rtcp-mux");
            l.add("a=rtcp-rsize");
            l.add("a=rtpmap:" + c.payloadType() + " " + c.name() + "/" + c.clockRate() + (c.channels() > 1 ? "/" + c.channels() : ""));
            if (!c.fmtp().isEmpty()) {
                l.add("a=fmtp:" + c.payloadType() + " " + c.fmtp());
            }
            for (String fb : c.feedback()) {
                l.add("a=rtcp-fb:" + c.payloadType() + " " + fb);
            }
            if (s.ssrc() != 0) {
                l.add("a=msid:" + streamId + " " + s.trackId());
                l.add("a=ssrc:" + s.ssrc() + " cname:" + cname);
                l.add("a=ssrc:" + s.ssrc() + " msid:" + streamId + " " + s.trackId());
            }
            for (Candidate k : candidates) {
                l.add("a=candidate:" + k.foundation() + " 1 udp " + k.priority() + " " + k.address() + " " + k.port() + " typ " + k.type());
            }
            l.add("a=end-of-candidates");
        }
        return String.join("\r\n", l) + "\r\n";
    }
}
