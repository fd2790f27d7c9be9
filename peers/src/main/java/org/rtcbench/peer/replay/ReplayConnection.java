package org.rtcbench.peer.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.scenario.Role;

/**
 * One peer connection of a replay peer: the SDP it offers or answers (Opus and VP8, one bundled
 * transport), ICE, DTLS-SRTP, then the shipped media sent at its frame rate, and what comes in
 * parsed without decoding, with RTCP both ways. Its state follows the W3C
 * {@code RTCPeerConnectionState} words: new, connecting, connected, failed, closed.
 */
final class ReplayConnection {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final long CONNECT_TIMEOUT_MS = 15_000;
    static final int OPUS_PT = 111;
    static final int VP8_PT = 96;
    private static final List<String> VIDEO_FEEDBACK = List.of("nack", "nack pli", "ccm fir", "goog-remb");

    final String id;
    private final String peerName;
    private final Role role;
    private final EncodedMedia.Video video;
    private final boolean audio;
    private final IceTransport ice;
    private final DtlsCertificate certificate;
    private final SdpWriter writer;
    private final String cname;
    private volatile String state = "new";
    private volatile String failure;
    private Sdp.Description remote;
    /** What arrives on each payload type: the remote's numbering, as negotiated. */
    private final Map<Integer, String> receiving = new ConcurrentHashMap<>();
    private final List<SendStream> senders = new ArrayList<>();
    private final Map<Long, ReceiveStream> receivers = new LinkedHashMap<>();
    /** Per remote sender SSRC: the middle bits of its last SR's NTP time, and when it arrived. */
    private final Map<Long, long[]> lastSr = new ConcurrentHashMap<>();
    /** Per own sender SSRC: what the remote's last report block said, and the round trips it gave. */
    private final Map<Long, RemoteReport> remoteReports = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Dtls dtls;
    private Srtp.Context outbound;
    private Srtp.Context inbound;
    /** The selected pair's socket and remote, once ICE completed. */
    private volatile IceTransport.Wire wire;
    /** Packets whose SRTP tag did not match, and those that did: all of the first many failing is a key mismatch, not noise. */
    private long unauthenticated;
    private long authenticated;
    private static final int SRTP_FAILURES = 100;
    private final List<Pacer.Task> tasks = new ArrayList<>();
    private long packetsSent;
    private long bytesSentOnWire;
    private long packetsReceived;
    private long bytesReceivedOnWire;
    /** How long ICE took from the start of the checks, and the DTLS handshake after it; -1 until known. */
    private volatile long iceMs = -1;
    private volatile long dtlsMs = -1;

    private static final class RemoteReport {
        Rtcp.ReportBlock last;
        double rttSeconds = -1;
        double totalRtt;
        long rttMeasurements;
    }

    ReplayConnection(String id, String peerName, Role role, EncodedMedia.Video video, boolean audio, InetAddress address) {
        this.id = id;
        this.peerName = peerName;
        this.role = role;
        this.video = video;
        this.audio = audio;
        this.ice = new IceTransport(address);
        this.certificate = DtlsCertificate.create();
        this.cname = peerName + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.writer = new SdpWriter(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), ice.ufrag(), ice.password(),
                certificate.fingerprint, "rtcbench-" + peerName, cname);
    }

    // ---------------------------------------------------------------- SDP

    /** The complete offer: audio (when the media has audio) and video sections, sending as the role says. */
    String offer() {
        List<SdpWriter.Section> sections = new ArrayList<>();
        String direction = role.sends() ? (role.receives() ? "sendrecv" : "sendonly") : "recvonly";
        int mid = 0;
        if (audio) {
            sections.add(section("audio", String.valueOf(mid++), direction, opus(OPUS_PT)));
        }
        sections.add(section("video", String.valueOf(mid), direction, vp8(VP8_PT)));
        return writer.write(sections, "actpass", ice.candidates());
    }

    /** Applies the remote's answer to {@link #offer()} and starts connecting, as the controlling ICE agent. */
    void answered(String answerSdp) {
        remote = Sdp.parse(answerSdp);
        Sdp.Media transport = transportOf(remote);
        synchronized (lock) {
            for (SendStream s : senders) {
                Sdp.Media m = remote.media().stream().filter(x -> x.kind().equals(s.kind)).findFirst().orElse(null);
                if (m == null || m.rejected() || !m.remoteReceives()) {
                    s.muted = true; // the remote takes nothing on this section
                }
            }
        }
        for (Sdp.Media m : remote.media()) {
            if (!m.rejected() && m.remoteSends() && role.receives()) {
                receiving.put(m.kind().equals("audio") ? OPUS_PT : VP8_PT, m.kind());
            }
        }
        boolean dtlsClient = "passive".equals(transport.setup());
        start(true, transport, dtlsClient);
    }

    /** Answers a remote offer: Opus and VP8 sections accepted on the remote's payload types, the rest rejected; starts connecting. */
    String answer(String offerSdp) {
        remote = Sdp.parse(offerSdp);
        Sdp.Media transport = transportOf(remote);
        List<SdpWriter.Section> sections = new ArrayList<>();
        boolean sentAudio = false;
        boolean sentVideo = false;
        for (Sdp.Media m : remote.media()) {
            boolean av = m.kind().equals("audio") || m.kind().equals("video");
            if (av && !m.rejected() && m.remoteSends() && role.receives() && m.codec(m.kind().equals("audio") ? "opus" : "VP8") == null) {
                throw new PeerFailure(peerName + " does not accept " + m.codecs().stream().map(Sdp.Codec::name).distinct()
                        .collect(java.util.stream.Collectors.joining(", ")) + " " + m.kind() + ": replay peers take VP8 video and Opus audio only");
            }
        }
        for (Sdp.Media m : remote.media()) {
            Sdp.Codec codec = m.rejected() ? null : m.kind().equals("audio") ? m.codec("opus") : m.kind().equals("video") ? m.codec("VP8") : null;
            if (codec == null) {
                sections.add(SdpWriter.Section.rejected(m.kind(), m.proto(), m.mid()));
                continue;
            }
            boolean audioSection = m.kind().equals("audio");
            boolean send = role.sends() && m.remoteReceives() && (audioSection ? audio && !sentAudio : !sentVideo);
            boolean receive = role.receives() && m.remoteSends();
            String direction = send ? (receive ? "sendrecv" : "sendonly") : receive ? "recvonly" : "inactive";
            Sdp.Codec ours = audioSection ? opus(codec.payloadType()) : vp8(codec.payloadType());
            SendStream sender = null;
            if (send) {
                sender = audioSection ? SendStream.audio(codec.payloadType(), peerName) : SendStream.video(codec.payloadType(), video, peerName);
                synchronized (lock) {
                    senders.add(sender);
                }
                sentAudio |= audioSection;
                sentVideo |= !audioSection;
            }
            if (receive) {
                receiving.put(codec.payloadType(), m.kind());
            }
            sections.add(new SdpWriter.Section(m.kind(), "UDP/TLS/RTP/SAVPF", m.mid(), direction, ours, sender == null ? 0 : sender.ssrc,
                    sender == null ? null : m.kind() + "-" + peerName));
        }
        String sdp = writer.write(sections, "active", ice.candidates());
        start(false, transport, true);
        return sdp;
    }

    private SdpWriter.Section section(String kind, String mid, String direction, Sdp.Codec codec) {
        SendStream sender = null;
        if (role.sends()) {
            sender = kind.equals("audio") ? SendStream.audio(codec.payloadType(), peerName) : SendStream.video(codec.payloadType(), video, peerName);
            synchronized (lock) {
                senders.add(sender);
            }
        }
        return new SdpWriter.Section(kind, "UDP/TLS/RTP/SAVPF", mid, direction, codec, sender == null ? 0 : sender.ssrc,
                sender == null ? null : kind + "-" + peerName);
    }

    private static Sdp.Codec opus(int pt) {
        return new Sdp.Codec(pt, "opus", 48_000, 2, "minptime=10;useinbandfec=1", List.of());
    }

    private static Sdp.Codec vp8(int pt) {
        return new Sdp.Codec(pt, "VP8", 90_000, 1, "", VIDEO_FEEDBACK);
    }

    private Sdp.Media transportOf(Sdp.Description d) {
        Sdp.Media t = d.transport();
        if (t == null) {
            throw new PeerFailure(peerName + ": the remote description of " + id + " has no media section to connect");
        }
        if (t.iceUfrag() == null || t.icePwd() == null || t.fingerprint() == null) {
            throw new PeerFailure(peerName + ": the remote description of " + id + " lacks ICE credentials or a DTLS fingerprint");
        }
        return t;
    }

    // ---------------------------------------------------------------- connecting

    private void start(boolean controlling, Sdp.Media transport, boolean dtlsClient) {
        state = "connecting";
        ice.start(controlling, transport.iceUfrag(), transport.icePwd(), transport.candidates());
        Thread t = new Thread(() -> connect(dtlsClient, transport.fingerprint()), "replay-connect-" + peerName + "-" + id);
        t.setDaemon(true);
        t.start();
    }

    private void connect(boolean dtlsClient, String fingerprint) {
        long started = System.currentTimeMillis();
        try {
            if (!ice.await(CONNECT_TIMEOUT_MS)) {
                fail("ICE failed: no candidate pair answered");
                return;
            }
            synchronized (lock) {
                if (state.equals("closed")) {
                    return;
                }
                wire = ice.wire();
                dtls = new Dtls((b, off, len) -> sendRaw(b, off, len));
                ice.receive(new IceTransport.Receiver() {
                    @Override
                    public void packet(byte[] buf, int len) {
                        received(buf, len);
                    }

                    @Override
                    public void failed(String why) {
                        fail(why);
                    }
                });
            }
            long iceDone = System.currentTimeMillis();
            Srtp.Keys keys = dtls.handshake(dtlsClient, certificate, fingerprint);
            iceMs = iceDone - started;
            dtlsMs = System.currentTimeMillis() - iceDone;
            synchronized (lock) {
                if (state.equals("closed")) {
                    return;
                }
                outbound = keys.outbound();
                inbound = keys.inbound();
                state = "connected";
                for (SendStream s : senders) {
                    long periodMicros = s.kind.equals("video") ? 1_000_000 / EncodedMedia.FPS : 20_000;
                    tasks.add(Pacer.every(periodMicros, 0, () -> sendNext(s), e -> fail("sending " + s.kind + " failed: " + e)));
                }
                tasks.add(Pacer.every(100_000, 100_000, this::housekeeping, e -> fail("RTCP and retransmission upkeep failed: " + e)));
            }
        } catch (java.util.concurrent.TimeoutException e) {
            fail("ICE did not finish within " + (System.currentTimeMillis() - started) + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fail("DTLS failed: " + e.getMessage());
        }
    }

    private void fail(String why) {
        synchronized (lock) {
            if (!state.equals("closed")) {
                failure = why;
                state = "failed";
            }
        }
    }

    String state() {
        return state;
    }

    /** Why the connection failed, or null. */
    String failure() {
        return failure;
    }

    // ---------------------------------------------------------------- sending

    private void sendNext(SendStream s) {
        if (!state.equals("connected") || s.muted) {
            return;
        }
        List<byte[]> packets;
        synchronized (lock) {
            packets = s.next(System.currentTimeMillis());
        }
        packets.forEach(this::sendRtp);
    }

    private void sendRtp(byte[] plain) {
        Srtp.Context out = outbound;
        if (out != null) {
            byte[] p = out.protectRtp(plain);
            sendRaw(p, 0, p.length);
        }
    }

    private void sendRtcp(byte[] plain) {
        Srtp.Context out = outbound;
        if (out != null) {
            byte[] p = out.protectRtcp(plain);
            sendRaw(p, 0, p.length);
        }
    }

    private void sendRaw(byte[] b, int off, int len) {
        IceTransport.Wire w = wire;
        if (w != null && w.send(b, off, len)) {
            synchronized (lock) {
                packetsSent++;
                bytesSentOnWire += len;
            }
        }
    }

    /** Every 100 ms: NACKs again for what is still missing; every second: sender or receiver reports. */
    private long ticks;

    private void housekeeping() {
        if (!state.equals("connected")) {
            return;
        }
        long now = System.currentTimeMillis();
        List<byte[]> rtcp = new ArrayList<>();
        synchronized (lock) {
            long ownSsrc = senders.isEmpty() ? 1 : senders.get(0).ssrc;
            for (ReceiveStream r : receivers.values()) {
                List<Integer> lost = r.stillMissing(now, 100);
                if (!lost.isEmpty()) {
                    rtcp.add(Rtcp.nack(ownSsrc, r.ssrc, lost));
                }
            }
            if (++ticks % 10 == 0) {
                List<Rtcp.ReportBlock> blocks = new ArrayList<>();
                for (ReceiveStream r : receivers.values()) {
                    long[] sr = lastSr.get(r.ssrc);
                    blocks.add(r.reportBlock(sr == null ? 0 : sr[0], sr == null ? -1 : sr[1], now));
                }
                if (senders.isEmpty()) {
                    rtcp.add(Rtcp.receiverReport(ownSsrc, blocks, cname));
                } else {
                    for (int i = 0; i < senders.size(); i++) {
                        SendStream s = senders.get(i);
                        rtcp.add(Rtcp.senderReport(s.ssrc, Rtcp.ntp(now), s.timestampAt(now), s.packetsSent, s.bytesSent,
                                i == 0 ? blocks : List.of(), cname));
                    }
                }
            }
        }
        rtcp.forEach(this::sendRtcp);
    }

    // ---------------------------------------------------------------- receiving

    /** A packet that is not STUN, on the socket loop's thread: nothing here may block. */
    private void received(byte[] buf, int len) {
        String st = state;
        if (st.equals("closed") || st.equals("failed")) {
            return;
        }
        synchronized (lock) {
            packetsReceived++;
            bytesReceivedOnWire += len;
        }
        if (Rtp.isDtls(buf, 0, len)) {
            dtls.offer(buf, 0, len);
            if (outbound != null) {
                dtls.pump(1); // a retransmitted flight or close_notify after the handshake
                if (dtls.remoteClosed()) {
                    closedByRemote();
                }
            }
        } else if (Rtp.isRtpOrRtcp(buf, 0, len) && inbound != null) {
            byte[] plain = Rtp.isRtcp(buf, 0, len) ? inbound.unprotectRtcp(buf, 0, len) : inbound.unprotectRtp(buf, 0, len);
            if (plain == null) {
                if (++unauthenticated >= SRTP_FAILURES && authenticated == 0) {
                    fail("SRTP authentication failed on all of the first " + unauthenticated
                            + " packets: the remote's keys are not those DTLS agreed");
                }
            } else {
                authenticated++;
                if (Rtp.isRtcp(buf, 0, len)) {
                    rtcp(plain);
                } else {
                    rtp(plain);
                }
            }
        }
    }

    private void closedByRemote() {
        synchronized (lock) {
            if (!state.equals("closed")) {
                state = "closed";
            }
        }
    }

    private void rtp(byte[] p) {
        Rtp.Header h = Rtp.parse(p, 0, p.length);
        if (h == null) {
            return;
        }
        String kind = receiving.get(h.payloadType());
        if (kind == null) {
            return; // a payload type this side did not take (RTX, RED, FEC...)
        }
        long now = System.currentTimeMillis();
        List<ReceiveStream.Feedback> feedback;
        long ownSsrc;
        synchronized (lock) {
            ReceiveStream r = receivers.computeIfAbsent(h.ssrc(), s -> new ReceiveStream(kind, s, kind.equals("audio") ? 48_000 : 90_000, now));
            feedback = r.received(p, h, now);
            ownSsrc = senders.isEmpty() ? 1 : senders.get(0).ssrc;
        }
        for (ReceiveStream.Feedback f : feedback) {
            sendRtcp(f.pli() ? Rtcp.pli(ownSsrc, h.ssrc()) : Rtcp.nack(ownSsrc, h.ssrc(), f.nack()));
        }
    }

    private void rtcp(byte[] p) {
        long now = System.currentTimeMillis();
        List<byte[]> again = new ArrayList<>();
        Rtcp.parse(p, 0, p.length, m -> {
            synchronized (lock) {
                if (m instanceof Rtcp.SenderReport sr) {
                    lastSr.put(sr.ssrc(), new long[] {Rtcp.middle(sr.ntp()), now});
                    sr.blocks().forEach(b -> reportBlock(b, now));
                } else if (m instanceof Rtcp.ReceiverReport rr) {
                    rr.blocks().forEach(b -> reportBlock(b, now));
                } else if (m instanceof Rtcp.Nack n) {
                    sender(n.mediaSsrc()).ifPresent(s -> again.addAll(s.retransmit(n.sequences())));
                } else if (m instanceof Rtcp.KeyframeRequest k) {
                    sender(k.mediaSsrc()).ifPresent(s -> s.keyframeRequested(k.fir()));
                } else if (m instanceof Rtcp.Remb r) {
                    // an estimate for the SSRCs it names (an SFU names the stream it limits), all video when it names none
                    senders.stream().filter(s -> s.kind.equals("video") && (r.ssrcs().isEmpty() || r.ssrcs().contains(s.ssrc)))
                            .forEach(s -> s.estimate(r.bitrate()));
                }
            }
        });
        again.forEach(this::sendRtp);
    }

    private java.util.Optional<SendStream> sender(long ssrc) {
        return senders.stream().filter(s -> s.ssrc == ssrc).findFirst();
    }

    private void reportBlock(Rtcp.ReportBlock b, long now) {
        if (sender(b.ssrc()).isEmpty()) {
            return;
        }
        RemoteReport r = remoteReports.computeIfAbsent(b.ssrc(), s -> new RemoteReport());
        r.last = b;
        if (b.lastSr() != 0) {
            long rtt = (Rtcp.middle(Rtcp.ntp(now)) - b.lastSr() - b.delaySinceLastSr()) & 0xFFFFFFFFL;
            if (rtt < 65536L * 10) { // under 10 s: a real measurement, not a wrap
                r.rttSeconds = rtt / 65536.0;
                r.totalRtt += r.rttSeconds;
                r.rttMeasurements++;
            }
        }
    }

    // ---------------------------------------------------------------- stats

    /** This connection's getStats() as a browser's reports look, W3C member names. */
    ArrayNode stats() {
        ArrayNode list = F.arrayNode();
        long now = System.currentTimeMillis();
        double ts = now;
        synchronized (lock) {
            ObjectNode transport = report(list, "T01", "transport", ts);
            transport.put("dtlsState", outbound != null ? "connected" : state.equals("failed") ? "failed" : "connecting");
            transport.put("iceState", state.equals("connected") ? "connected" : state);
            transport.put("srtpCipher", "AES_CM_128_HMAC_SHA1_80");
            if (dtlsMs >= 0) { // not W3C members: how long this replay connection's ICE and DTLS took
                transport.put("rtcbenchIceMs", iceMs);
                transport.put("rtcbenchDtlsMs", dtlsMs);
            }
            transport.put("packetsSent", packetsSent);
            transport.put("packetsReceived", packetsReceived);
            transport.put("bytesSent", bytesSentOnWire);
            transport.put("bytesReceived", bytesReceivedOnWire);
            org.ice4j.ice.CandidatePair pair = ice.selectedPair();
            if (pair != null) {
                transport.put("selectedCandidatePairId", "CP01");
                ObjectNode local = report(list, "CL01", "local-candidate", ts);
                candidate(local, pair.getLocalCandidate());
                ObjectNode remoteCandidate = report(list, "CR01", "remote-candidate", ts);
                candidate(remoteCandidate, pair.getRemoteCandidate());
                ObjectNode cp = report(list, "CP01", "candidate-pair", ts);
                cp.put("transportId", "T01");
                cp.put("localCandidateId", "CL01");
                cp.put("remoteCandidateId", "CR01");
                cp.put("state", "succeeded");
                cp.put("nominated", pair.isNominated());
                cp.put("bytesSent", bytesSentOnWire);
                cp.put("bytesReceived", bytesReceivedOnWire);
                cp.put("packetsSent", packetsSent);
                cp.put("packetsReceived", packetsReceived);
                remoteReports.values().stream().filter(r -> r.rttSeconds >= 0).findFirst()
                        .ifPresent(r -> cp.put("currentRoundTripTime", r.rttSeconds));
            }
            for (SendStream s : senders) {
                String codecId = codec(list, ts, s.kind, s.payloadType);
                ObjectNode o = report(list, "OT" + s.ssrc, "outbound-rtp", ts);
                o.put("kind", s.kind);
                o.put("ssrc", s.ssrc);
                o.put("codecId", codecId);
                o.put("transportId", "T01");
                o.put("packetsSent", s.packetsSent);
                o.put("bytesSent", s.bytesSent);
                o.put("headerBytesSent", s.headerBytesSent);
                o.put("retransmittedPacketsSent", s.retransmittedPacketsSent);
                o.put("retransmittedBytesSent", s.retransmittedBytesSent);
                o.put("nackCount", s.nackCount);
                o.put("active", !s.muted);
                if (s.kind.equals("video")) {
                    o.put("pliCount", s.pliCount);
                    o.put("firCount", s.firCount);
                    o.put("framesSent", s.framesSent);
                    o.put("framesEncoded", s.framesSent); // pre-encoded: every frame sent counts as encoded once
                    o.put("keyFramesEncoded", s.keyFramesSent);
                    o.put("frameWidth", s.picture().width());
                    o.put("frameHeight", s.picture().height());
                    o.put("targetBitrate", s.picture().bitrate());
                    o.put("qualityLimitationReason", s.bandwidthLimited() ? "bandwidth" : "none");
                    o.put("qualityLimitationResolutionChanges", s.layerChanges);
                    if (s.rembBitrate >= 0) {
                        o.put("rtcbenchRembBitrate", s.rembBitrate);
                    }
                    o.put("framesPerSecond", EncodedMedia.FPS);
                }
                RemoteReport r = remoteReports.get(s.ssrc);
                if (r != null && r.last != null) {
                    o.put("remoteId", "RI" + s.ssrc);
                    ObjectNode ri = report(list, "RI" + s.ssrc, "remote-inbound-rtp", ts);
                    ri.put("kind", s.kind);
                    ri.put("ssrc", s.ssrc);
                    ri.put("localId", "OT" + s.ssrc);
                    ri.put("codecId", codecId);
                    ri.put("transportId", "T01");
                    ri.put("packetsLost", r.last.cumulativeLost());
                    ri.put("fractionLost", r.last.fractionLost() / 256.0);
                    ri.put("jitter", r.last.jitter() / (double) s.clockRate);
                    if (r.rttMeasurements > 0) {
                        ri.put("roundTripTime", r.rttSeconds);
                        ri.put("totalRoundTripTime", r.totalRtt);
                        ri.put("roundTripTimeMeasurements", r.rttMeasurements);
                    }
                }
            }
            for (ReceiveStream r : receivers.values()) {
                ObjectNode in = report(list, "IT" + r.ssrc, "inbound-rtp", ts);
                in.put("kind", r.kind);
                in.put("ssrc", r.ssrc);
                in.put("codecId", codec(list, ts, r.kind, payloadTypeOf(r.kind)));
                in.put("transportId", "T01");
                in.put("trackIdentifier", r.kind + "-" + r.ssrc);
                in.put("packetsReceived", r.packetsReceived);
                in.put("packetsLost", r.packetsLost());
                in.put("bytesReceived", r.bytesReceived);
                in.put("headerBytesReceived", r.headerBytesReceived);
                in.put("jitter", r.jitterSeconds());
                in.put("nackCount", r.nackCount);
                in.put("lastPacketReceivedTimestamp", (double) r.lastPacketMs);
                if (r.kind.equals("video")) {
                    in.put("pliCount", r.pliCount);
                    in.put("framesReceived", r.framesReceived);
                    in.put("framesDecoded", r.framesDecoded); // complete and continuing the picture chain: decodable, not decoded
                    in.put("keyFramesDecoded", r.keyFramesDecoded);
                    in.put("framesDropped", r.framesDropped);
                    in.put("framesPerSecond", r.framesPerSecond(now));
                    if (r.frameWidth > 0) {
                        in.put("frameWidth", r.frameWidth);
                        in.put("frameHeight", r.frameHeight);
                    }
                    in.put("freezeCount", r.freezeCount);
                    in.put("totalFreezesDuration", r.totalFreezesDuration);
                    in.put("totalInterFrameDelay", r.totalInterFrameDelay);
                    in.put("totalSquaredInterFrameDelay", r.totalSquaredInterFrameDelay);
                }
            }
        }
        return list;
    }

    /** What the markers of each received video track said (trailers of a replay sender's frames), as Java peers list them. */
    ArrayNode received() {
        ArrayNode out = F.arrayNode();
        long now = System.currentTimeMillis();
        synchronized (lock) {
            for (ReceiveStream r : receivers.values()) {
                org.rtcbench.media.ReceivedVideo.Totals t = r.markers(r.kind + "-" + r.ssrc, now);
                if (t != null) {
                    out.add(MAPPER.valueToTree(t));
                }
            }
        }
        return out;
    }

    private int payloadTypeOf(String kind) {
        return receiving.entrySet().stream().filter(e -> e.getValue().equals(kind)).mapToInt(Map.Entry::getKey).findFirst().orElse(-1);
    }

    private static String codec(ArrayNode list, double ts, String kind, int pt) {
        String id = "CO" + kind + pt;
        for (var n : list) {
            if (n.get("id").asText().equals(id)) {
                return id;
            }
        }
        ObjectNode c = report(list, id, "codec", ts);
        c.put("payloadType", pt);
        c.put("mimeType", kind.equals("audio") ? "audio/opus" : "video/VP8");
        c.put("clockRate", kind.equals("audio") ? 48_000 : 90_000);
        if (kind.equals("audio")) {
            c.put("channels", 2);
        }
        return id;
    }

    private static ObjectNode report(ArrayNode list, String id, String type, double ts) {
        ObjectNode o = list.addObject();
        o.put("id", id);
        o.put("type", type);
        o.put("timestamp", ts);
        return o;
    }

    private static void candidate(ObjectNode o, org.ice4j.ice.Candidate<?> c) {
        o.put("transportId", "T01");
        o.put("address", c.getTransportAddress().getHostAddress());
        o.put("port", c.getTransportAddress().getPort());
        o.put("protocol", "udp");
        o.put("candidateType", c.getType().toString());
        o.put("priority", c.getPriority());
    }

    // ---------------------------------------------------------------- closing

    /** Stops sending, says close_notify, frees ICE (whose reading thread ends with the socket). Safe to call twice. */
    void close() {
        Dtls d;
        synchronized (lock) {
            if (state.equals("closed") && tasks.isEmpty() && ice.closed()) {
                return;
            }
            state = "closed";
            tasks.forEach(Pacer.Task::cancel);
            tasks.clear();
            d = dtls;
        }
        if (d != null) {
            d.shutdown();
        }
        ice.close();
    }
}
