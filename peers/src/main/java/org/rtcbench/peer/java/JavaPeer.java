package org.rtcbench.peer.java;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtcpMuxPolicy;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.onvoid.webrtc.media.video.I420Buffer;
import org.rtcbench.media.AudioMarker;
import org.rtcbench.media.FrameMarker;
import org.rtcbench.media.FrameStamp;
import org.rtcbench.media.ReceivedVideo;
import java.nio.ByteBuffer;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.media.Y4mWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synthetic WebRTC peer on webrtc-java 0.14.0 that behaves like the browser harness: a generated
 * camera (moving I420 pattern) and microphone (440 Hz tone), sendrecv/sendonly/recvonly, the
 * 'rtcbench' data channel with JSON ping/pong once a second, non-trickle offer/answer with loopback
 * candidates only, and W3C getStats JSON.
 */
public final class JavaPeer implements Peer {

    private static final long GATHER_TIMEOUT_MS = 10_000;
    private static final long CALL_TIMEOUT_MS = 10_000;
    private static final String STREAM_ID = "rtcbench";

    private final String name;
    /** The sender id in this peer's frame markers. */
    private final int markerId;
    private final PeerConnectionFactory factory;

    private final boolean attachSinks;
    private final String candidateAddress;
    /** TURN servers and the transport policy of connections made from now on. */
    private volatile org.rtcbench.core.peer.IceConfig ice = org.rtcbench.core.peer.IceConfig.NONE;
    private final ScheduledExecutorService timer;
    private final Map<String, Conn> conns = new ConcurrentHashMap<>();
    private MediaSpec media = MediaSpec.defaults();
    private Role role = Role.SENDRECV;
    private CustomVideoSource videoSource;
    private CustomAudioSource audioSource;
    private VideoTrack videoTrack;
    private AudioTrack audioTrack;
    private final List<ScheduledFuture<?>> pumps = new ArrayList<>();
    private volatile boolean closed;
    /**
     * No Java peer of this JVM pushes audio while any of them attaches a connection, nor for a
     * moment after: webrtc-java 0.14.0's CustomAudioSource walks its sinks without a lock, and a
     * push racing an attach crashed the JVM once (SIGSEGV in PushAudioData). All peers share one
     * factory and its threads, hence one guard. A Java lock around both deadlocked libwebrtc's
     * shared worker thread, so the pumps just stay quiet.
     */
    private static final java.util.concurrent.atomic.AtomicInteger attaching = new java.util.concurrent.atomic.AtomicInteger();
    private static volatile long quietUntilNanos;
    private static final long QUIET_AFTER_ATTACH_NANOS = 300_000_000L;
    final AtomicLong framesSunk = new AtomicLong();

    private static final class Conn {
        final String id;
        RTCPeerConnection pc;
        final CountDownLatch gathered = new CountDownLatch(1);
        volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
        volatile RTCDataChannel dc;
        volatile ScheduledFuture<?> pinger;
        final Map<Long, Long> pending = new ConcurrentHashMap<>();
        final AtomicLong seq = new AtomicLong();
        final AtomicLong echoes = new AtomicLong();
        volatile Double rttMs;
        final List<VideoTrack> sunkTracks = new ArrayList<>();
        /** What the receiver saw of each incoming video track, by track id, from the frames' markers. */
        final Map<String, ReceivedVideo> received = new ConcurrentHashMap<>();
        final List<VideoTrackSink> sinks = new ArrayList<>();

        Conn(String id) {
            this.id = id;
        }
    }

    /** Library and version, for run.json. */
    static final PeerInfo INFO = new PeerInfo("libwebrtc (webrtc-java)", "0.14.0", null, null);

    /**
     * @param attachSinks      whether received video goes to a sink (libwebrtc decodes without one)
     * @param candidateAddress the address this peer's ICE candidates name: 127.0.0.1 for peers on loopback, or this
     *                         host's address on a test network (see {@link AnyAddressSdp})
     */
    public JavaPeer(String name, PeerConnectionFactory factory, boolean attachSinks, String candidateAddress) {
        this.name = name;
        this.markerId = FrameStamp.senderId(name);
        this.candidateAddress = candidateAddress;
        this.factory = factory;
        this.attachSinks = attachSinks;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "javapeer-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PeerKind kind() {
        return PeerKind.JAVA;
    }

    @Override
    public void useIce(org.rtcbench.core.peer.IceConfig ice) {
        this.ice = ice;
    }

    @Override
    public PeerInfo info() {
        return INFO;
    }

    // ---------------------------------------------------------------- media

    @Override
    public synchronized void startMedia(MediaSpec media, Role role) {
        this.media = media;
        this.role = role;
        if (!role.sends()) {
            return;
        }
        videoSource = new CustomVideoSource();
        videoTrack = factory.createVideoTrack(name + "-video", videoSource);
        int w = media.video().width();
        int h = media.video().height();
        long periodNs = 1_000_000_000L / media.video().fps();
        // The same moving pattern and counter as the Y4M files the browsers play, stamped as it goes out.
        PatternLoop pattern = PatternLoop.of(w, h);
        boolean marked = media.marked();
        AtomicLong frameNo = new AtomicLong();
        long firstDue = System.nanoTime();
        pumps.add(timer.scheduleAtFixedRate(() -> {
            if (closed) {
                return;
            }
            long n = frameNo.getAndIncrement();
            FramePacing.frame(firstDue + n * periodNs, System.nanoTime(), periodNs);
            byte[][] planes = pattern.frame(n);
            NativeI420Buffer buf = NativeI420Buffer.allocate(w, h);
            try {
                fillPlane(buf.getDataY(), buf.getStrideY(), w, h, planes[0]);
                fillPlane(buf.getDataU(), buf.getStrideU(), w / 2, h / 2, planes[1]);
                fillPlane(buf.getDataV(), buf.getStrideV(), w / 2, h / 2, planes[2]);
                if (marked) {
                    FrameMarker.draw(buf.getDataY(), buf.getStrideY(), w, h, FrameStamp.at(markerId, n, System.currentTimeMillis()));
                }
                VideoFrame frame = new VideoFrame(buf, System.nanoTime());
                videoSource.pushFrame(frame);
                frame.release(); // drops our reference to buf; libwebrtc holds its own
            } catch (RuntimeException e) {
                buf.release();
            }
        }, 0, periodNs, TimeUnit.NANOSECONDS));

        if (media.audio()) {
            audioSource = new CustomAudioSource();
            audioTrack = factory.createAudioTrack(name + "-audio", audioSource);
            AtomicLong chunk = new AtomicLong();
            byte[] markedPcm = new byte[2 * ToneLoop.CHUNK];
            pumps.add(timer.scheduleAtFixedRate(() -> {
                if (closed) {
                    return;
                }
                long n = chunk.getAndIncrement();
                if (attaching.get() > 0 || System.nanoTime() < quietUntilNanos) {
                    return;
                }
                byte[] pcm = ToneLoop.chunk(n);
                if (marked) {
                    // the marker is a function of time: a skipped chunk leaves the next on time
                    AudioMarker.fill(markedPcm, ToneLoop.CHUNK, System.currentTimeMillis());
                    pcm = markedPcm;
                }
                // bitsPerSample, sampleRate, channels, frames; only safe with the kDummyAudio module
                audioSource.pushAudio(pcm, 16, ToneLoop.RATE, 1, ToneLoop.CHUNK);
            }, 0, 10, TimeUnit.MILLISECONDS));
        }
    }

    private static void fillPlane(ByteBuffer plane, int stride, int w, int h, byte[] src) {
        if (stride == w) {
            plane.position(0);
            plane.put(src, 0, w * h);
            return;
        }
        for (int row = 0; row < h; row++) {
            plane.position(row * stride);
            plane.put(src, row * w, w);
        }
    }

    // ---------------------------------------------------------------- connections

    private Conn newConnection(String id) {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        Conn c = new Conn(id);
        if (conns.putIfAbsent(id, c) != null) {
            throw new IllegalStateException("connection " + id + " already exists");
        }
        RTCConfiguration cfg = new RTCConfiguration();
        cfg.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        cfg.rtcpMuxPolicy = RTCRtcpMuxPolicy.REQUIRE;
        org.rtcbench.core.peer.IceConfig iceNow = ice;
        if (cfg.iceServers == null) {
            cfg.iceServers = new ArrayList<>();
        }
        for (org.rtcbench.core.peer.IceConfig.Server s : iceNow.servers()) {
            dev.onvoid.webrtc.RTCIceServer server = new dev.onvoid.webrtc.RTCIceServer();
            server.urls = new ArrayList<>(s.urls());
            server.username = s.username();
            server.password = s.credential();
            cfg.iceServers.add(server);
        }
        if (iceNow.relayOnly()) {
            cfg.iceTransportPolicy = dev.onvoid.webrtc.RTCIceTransportPolicy.RELAY;
        }
        // Only "any address" ports (0.0.0.0:port), which AnyAddressSdp advertises at candidateAddress:port.
        cfg.portAllocatorConfig = new PortAllocatorConfig(0, 0,
                PortAllocatorConfig.PORTALLOCATOR_DISABLE_ADAPTER_ENUMERATION
                        | PortAllocatorConfig.PORTALLOCATOR_DISABLE_TCP);
        c.pc = factory.createPeerConnection(cfg, new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                // non-trickle: candidates are read from the local description once gathering completes
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    c.gathered.countDown();
                }
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                c.state = state;
            }

            @Override
            public void onDataChannel(RTCDataChannel channel) {
                if ("rtcbench".equals(channel.getLabel())) {
                    attachChannel(c, channel);
                }
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                MediaStreamTrack track = transceiver.getReceiver().getTrack();
                boolean readMarkers = media.marked();
                if ((attachSinks || readMarkers) && track instanceof VideoTrack vt) {
                    ReceivedVideo seen = readMarkers ? new ReceivedVideo(System.currentTimeMillis()) : null;
                    if (seen != null) {
                        c.received.put(vt.getId(), seen);
                    }
                    VideoTrackSink sink = frame -> {
                        // The JNI hands over a COPY of the decoded frame with one reference that belongs
                        // to us: without release() every frame leaks (~115 kB at 320x240).
                        try {
                            framesSunk.incrementAndGet();
                            if (seen != null) {
                                readMarker(frame, seen);
                            }
                        } catch (RuntimeException e) {
                            // never into libwebrtc's decoder thread (a Java exception left pending in a JNI
                            // callback can abort the JVM): the frame counts as unreadable
                            if (seen != null) {
                                seen.frame(null, System.currentTimeMillis(), 0, 0);
                            }
                        } finally {
                            frame.release();
                        }
                    };
                    vt.addSink(sink);
                    synchronized (c) {
                        c.sunkTracks.add(vt);
                        c.sinks.add(sink);
                    }
                }
                // No audio marker is read here: with the dummy audio module (see SharedFactory) libwebrtc
                // never plays received audio out, so a remote audio track's sink gets nothing, and audio.delay
                // is not measured on a Java receiver.
            }
        });
        return c;
    }

    /** Reads a decoded frame's marker, and once a second its quality. Runs on libwebrtc's decoder thread: keep it short. */
    private static void readMarker(VideoFrame frame, ReceivedVideo seen) {
        I420Buffer i420 = frame.buffer.toI420();
        try {
            int w = i420.getWidth();
            int h = i420.getHeight();
            ByteBuffer y = i420.getDataY();
            int stride = i420.getStrideY();
            FrameStamp stamp = FrameMarker.decode(y, stride, w, h);
            long now = System.currentTimeMillis();
            seen.frame(stamp, now, w, h);
            if (stamp != null && seen.wantsQuality(now)) {
                byte[] plane = new byte[w * h];
                for (int row = 0; row < h; row++) {
                    y.get(row * stride, plane, row * w, w);
                }
                seen.quality(stamp, plane, w, h, now);
            }
        } finally {
            if (i420 != frame.buffer) {
                i420.release();
            }
        }
    }

    @Override
    public String createOffer(String id, String videoCodec) {
        beginAttach();
        try {
            return offer(id, videoCodec);
        } catch (RuntimeException | Error e) {
            throw failure("createOffer", e);
        } finally {
            endAttach();
        }
    }

    @Override
    public String acceptOffer(String id, String offerSdp) {
        beginAttach();
        try {
            return answer(id, offerSdp);
        } catch (RuntimeException | Error e) {
            throw failure("acceptOffer", e);
        } finally {
            endAttach();
        }
    }

    /** Quiets the audio pump until {@link #endAttach()} and a moment after. */
    private void beginAttach() {
        attaching.incrementAndGet();
        try {
            Thread.sleep(20); // let a push that already started finish
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void endAttach() {
        quietUntilNanos = System.nanoTime() + QUIET_AFTER_ATTACH_NANOS;
        attaching.decrementAndGet();
    }

    private PeerFailure failure(String what, Throwable e) {
        return e instanceof PeerFailure f ? f : new PeerFailure(name + ": " + what + "() failed: " + e.getMessage(), e);
    }

    private String offer(String id, String videoCodec) {
        List<RTCRtpCodecCapability> codecs = videoCodecs(videoCodec); // fails at once, before any connection exists
        Conn c = newConnection(id);
        RTCRtpTransceiverDirection dir = role == Role.SENDRECV ? RTCRtpTransceiverDirection.SEND_RECV
                : role == Role.SENDONLY ? RTCRtpTransceiverDirection.SEND_ONLY : RTCRtpTransceiverDirection.RECV_ONLY;
        if (role.sends()) {
            if (audioTrack != null) {
                c.pc.addTransceiver(audioTrack, init(dir));
            }
            RTCRtpTransceiver vt = c.pc.addTransceiver(videoTrack, init(dir));
            if (codecs != null) {
                vt.setCodecPreferences(codecs);
            }
        } else {
            // 0.14.0 has only addTransceiver(MediaStreamTrack, init): a recvonly transceiver needs some
            // track; unfed sources serve
            ensureIdleTracks();
            c.pc.addTransceiver(idleAudio, init(dir));
            RTCRtpTransceiver vt = c.pc.addTransceiver(idleVideo, init(dir));
            if (codecs != null) {
                vt.setCodecPreferences(codecs);
            }
        }
        if (media.datachannel()) {
            attachChannel(c, c.pc.createDataChannel("rtcbench", new RTCDataChannelInit()));
        }
        RTCSessionDescription offer = await(f -> c.pc.createOffer(new RTCOfferOptions(), sdpObserver(f)), "createOffer");
        awaitVoid(f -> c.pc.setLocalDescription(offer, setObserver(f)), "setLocalDescription(offer)");
        return gatheredSdp(c);
    }

    private String answer(String id, String offerSdp) {
        Conn c = newConnection(id);
        awaitVoid(f -> c.pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp), setObserver(f)),
                "setRemoteDescription(offer)");
        for (RTCRtpTransceiver t : c.pc.getTransceivers()) {
            String kind = t.getReceiver().getTrack().getKind();
            MediaStreamTrack local = "video".equals(kind) ? videoTrack : audioTrack;
            if (role.sends() && local != null) {
                t.getSender().replaceTrack(local);
                t.getSender().setStreams(List.of(STREAM_ID));
            }
            t.setDirection(!role.sends() || local == null ? RTCRtpTransceiverDirection.RECV_ONLY
                    : role.receives() ? RTCRtpTransceiverDirection.SEND_RECV : RTCRtpTransceiverDirection.SEND_ONLY);
        }
        RTCSessionDescription answer = await(f -> c.pc.createAnswer(new RTCAnswerOptions(), sdpObserver(f)), "createAnswer");
        awaitVoid(f -> c.pc.setLocalDescription(answer, setObserver(f)), "setLocalDescription(answer)");
        return gatheredSdp(c);
    }

    @Override
    public void acceptAnswer(String id, String answerSdp) {
        beginAttach();
        try {
            Conn c = conn(id);
            awaitVoid(f -> c.pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp), setObserver(f)),
                    "setRemoteDescription(answer)");
        } catch (RuntimeException | Error e) {
            throw failure("acceptAnswer", e);
        } finally {
            endAttach();
        }
    }

    /** W3C connectionState words: new, connecting, connected, disconnected, failed, closed. */
    @Override
    public String connectionState(String id) {
        Conn c = conns.get(id);
        return c == null ? "new" : c.state.name().toLowerCase(Locale.ROOT);
    }

    /**
     * {"stats": {connectionId: [W3C report...]}, "received": {connectionId: [what the markers of each incoming video
     * track showed so far]}, "datachannel": {"echoes": n, "rttMs": x, "connections": {...}}}
     */
    @Override
    public String stats() {
        ObjectNode out = W3cStats.MAPPER.createObjectNode();
        ObjectNode stats = out.putObject("stats");
        long echoes = 0;
        Double rtt = null;
        ObjectNode perConnection = W3cStats.MAPPER.createObjectNode();
        // every connection's report asked for at once: libwebrtc gathers them together, so a peer with
        // many connections on a busy host answers in about one report's time, not one per connection
        Map<Conn, CompletableFuture<RTCStatsReport>> asked = new java.util.LinkedHashMap<>();
        for (Conn c : conns.values()) {
            CompletableFuture<RTCStatsReport> f = new CompletableFuture<>();
            c.pc.getStats(f::complete);
            asked.put(c, f);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CALL_TIMEOUT_MS);
        for (Map.Entry<Conn, CompletableFuture<RTCStatsReport>> e : asked.entrySet()) {
            Conn c = e.getKey();
            ObjectNode one = perConnection.putObject(c.id);
            one.put("echoes", c.echoes.get());
            if (c.rttMs == null) {
                one.putNull("rttMs");
            } else {
                one.put("rttMs", c.rttMs);
            }
            try {
                stats.set(c.id, W3cStats.toW3c(e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)));
            } catch (Exception ex) {
                throw new PeerFailure(name + ": getStats of " + c.id + " failed: " + ex, ex);
            }
            echoes += c.echoes.get();
            if (c.rttMs != null) {
                rtt = rtt == null ? c.rttMs : Math.max(rtt, c.rttMs);
            }
        }
        ObjectNode received = out.putObject("received");
        long now = System.currentTimeMillis();
        for (Conn c : conns.values()) {
            if (!c.received.isEmpty()) {
                com.fasterxml.jackson.databind.node.ArrayNode tracks = received.putArray(c.id);
                c.received.forEach((track, seen) -> tracks.add(W3cStats.MAPPER.valueToTree(seen.totals(track, now))));
            }
        }
        ObjectNode dc = out.putObject("datachannel");
        dc.put("echoes", echoes);
        if (rtt == null) {
            dc.putNull("rttMs");
        } else {
            dc.put("rttMs", rtt);
        }
        dc.set("connections", perConnection);
        return out.toString();
    }

    // ---------------------------------------------------------------- data channel

    private void attachChannel(Conn c, RTCDataChannel dc) {
        c.dc = dc;
        dc.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
            }

            @Override
            public void onStateChange() {
                if (dc.getState() == RTCDataChannelState.OPEN) {
                    startPinging(c);
                } else if (dc.getState() == RTCDataChannelState.CLOSED && c.pinger != null) {
                    c.pinger.cancel(false);
                }
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                // the buffer's memory belongs to the callback: copy it out before returning
                byte[] bytes = new byte[buffer.data.remaining()];
                buffer.data.get(bytes);
                JsonNode msg;
                try {
                    msg = W3cStats.MAPPER.readTree(bytes);
                } catch (Exception e) {
                    return;
                }
                String type = msg.path("type").asText();
                long seq = msg.path("seq").asLong();
                if ("ping".equals(type)) {
                    send(dc, "{\"type\":\"pong\",\"seq\":" + seq + "}");
                } else if ("pong".equals(type)) {
                    Long sent = c.pending.remove(seq);
                    if (sent != null) {
                        c.rttMs = (System.nanoTime() - sent) / 1e6;
                        c.echoes.incrementAndGet();
                    }
                }
            }
        });
        if (dc.getState() == RTCDataChannelState.OPEN) {
            startPinging(c);
        }
    }

    private synchronized void startPinging(Conn c) {
        if (c.pinger != null || closed) {
            return;
        }
        c.pinger = timer.scheduleAtFixedRate(() -> {
            RTCDataChannel dc = c.dc;
            if (dc == null || dc.getState() != RTCDataChannelState.OPEN) {
                return;
            }
            long s = c.seq.incrementAndGet();
            c.pending.put(s, System.nanoTime());
            if (c.pending.size() > 100) {
                c.pending.remove(s - 100);
            }
            send(dc, "{\"type\":\"ping\",\"seq\":" + s + "}");
        }, 0, 1, TimeUnit.SECONDS);
    }

    private static void send(RTCDataChannel dc, String text) {
        try {
            dc.send(new RTCDataChannelBuffer(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false));
        } catch (Exception e) {
            // closed under us: nothing to echo
        }
    }

    // ---------------------------------------------------------------- helpers

    private VideoTrack idleVideo;
    private AudioTrack idleAudio;
    private CustomVideoSource idleVideoSource;
    private CustomAudioSource idleAudioSource;

    private synchronized void ensureIdleTracks() {
        if (idleVideo == null) {
            idleVideoSource = new CustomVideoSource();
            idleVideo = factory.createVideoTrack(name + "-idle-video", idleVideoSource);
            idleAudioSource = new CustomAudioSource();
            idleAudio = factory.createAudioTrack(name + "-idle-audio", idleAudioSource);
        }
    }

    private static RTCRtpTransceiverInit init(RTCRtpTransceiverDirection dir) {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = dir;
        init.streamIds = List.of(STREAM_ID);
        return init;
    }

    /**
     * The capabilities to offer for one video codec (vp8, vp9, h264, av1; any case): all its variants
     * (H264 has six profile/packetization ones) and no repair formats (rtx, red, ulpfec), like
     * harness.js. Null for the factory's default list.
     */
    private List<RTCRtpCodecCapability> videoCodecs(String codec) {
        if (codec == null) {
            return null;
        }
        List<RTCRtpCodecCapability> chosen = new ArrayList<>();
        for (RTCRtpCodecCapability cap : factory.getRtpReceiverCapabilities(MediaType.VIDEO).getCodecs()) {
            if (cap.getName().equalsIgnoreCase(codec)) {
                chosen.add(cap);
            }
        }
        if (chosen.isEmpty()) {
            throw new PeerFailure(name + ": libwebrtc (webrtc-java) has no " + codec.toUpperCase(Locale.ROOT) + " video codec");
        }
        return chosen;
    }

    private String gatheredSdp(Conn c) {
        try {
            if (!c.gathered.await(GATHER_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    && c.pc.getIceGatheringState() != RTCIceGatheringState.COMPLETE) {
                throw new IllegalStateException(name + ": ICE gathering did not complete within " + GATHER_TIMEOUT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return AnyAddressSdp.advertise(c.pc.getLocalDescription().sdp, candidateAddress);
    }

    private Conn conn(String id) {
        Conn c = conns.get(id);
        if (c == null) {
            throw new IllegalStateException(name + ": no connection " + id);
        }
        return c;
    }

    private interface Call<T> {
        void start(CompletableFuture<T> f);
    }

    private static <T> T await(Call<T> call, String what) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            // 0.14.0 reports some failures by throwing java.lang.Error from the native call itself
            // (e.g. setRemoteDescription: "Create session description failed: Failed to parse codecs
            // correctly"), others through the observer's onFailure
            call.start(f);
        } catch (Error | RuntimeException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
        try {
            return f.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(what + " failed: " + cause.getMessage(), cause);
        }
    }

    private static void awaitVoid(Call<Void> call, String what) {
        await(call, what);
    }

    private static CreateSessionDescriptionObserver sdpObserver(CompletableFuture<RTCSessionDescription> f) {
        return new CreateSessionDescriptionObserver() {
            public void onSuccess(RTCSessionDescription d) { f.complete(d); }
            public void onFailure(String error) { f.completeExceptionally(new IllegalStateException(error)); }
        };
    }

    private static SetSessionDescriptionObserver setObserver(CompletableFuture<Void> f) {
        return new SetSessionDescriptionObserver() {
            public void onSuccess() { f.complete(null); }
            public void onFailure(String error) { f.completeExceptionally(new IllegalStateException(error)); }
        };
    }

    // ---------------------------------------------------------------- shutdown

    @Override
    public void closeConnection(String id) {
        Conn c = conns.remove(id);
        if (c == null) {
            return;
        }
        // Detaching a track races audio pushes like attaching does (see attaching): the same guard.
        attaching.incrementAndGet();
        try {
            closeConn(c);
        } finally {
            quietUntilNanos = System.nanoTime() + QUIET_AFTER_ATTACH_NANOS;
            attaching.decrementAndGet();
        }
    }

    private void closeConn(Conn c) {
        if (c.pinger != null) {
            c.pinger.cancel(false);
        }
        RTCDataChannel dc = c.dc;
        if (dc != null) {
            dc.unregisterObserver();
            dc.close();
            dc.dispose();
            c.dc = null;
        }
        synchronized (c) {
            for (int i = 0; i < c.sunkTracks.size(); i++) {
                c.sunkTracks.get(i).removeSink(c.sinks.get(i));
            }
            c.sunkTracks.clear();
            c.sinks.clear();
        }
        // Detach our tracks first: 0.14.0's close() leaves the native connection (and its senders'
        // track references) alive, and a later track.dispose() then throws java.lang.Error.
        for (RTCRtpSender sender : c.pc.getSenders()) {
            if (sender.getTrack() != null) {
                c.pc.removeTrack(sender);
            }
        }
        c.pc.close();
    }

    /**
     * Order that never aborted the JVM: stop pushing media, close data channels (unregister observer,
     * close, dispose), remove sinks, close peer connections, then dispose tracks and sources. The shared
     * factory is disposed by JavaRtc after every peer is closed. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pumps.forEach(p -> p.cancel(false));
        timer.shutdown();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS); // no pushFrame/pushAudio may run past this point
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the other peers' pumps still push: the same guard as closeConnection
        attaching.incrementAndGet();
        try {
            for (Conn c : conns.values()) {
                try {
                    closeConn(c);
                } catch (RuntimeException e) {
                    // keep closing the rest
                }
            }
        } finally {
            quietUntilNanos = System.nanoTime() + QUIET_AFTER_ATTACH_NANOS;
            attaching.decrementAndGet();
        }
        conns.clear();
        disposeQuietly(videoTrack);
        disposeQuietly(audioTrack);
        disposeQuietly(idleVideo);
        disposeQuietly(idleAudio);
        disposeQuietly(videoSource);
        disposeQuietly(audioSource);
        disposeQuietly(idleVideoSource);
        disposeQuietly(idleAudioSource);
    }

    /**
     * dispose() drops the Java side's native reference, then throws java.lang.Error("Native object was
     * not deleted. A reference is still around somewhere.") when libwebrtc still holds one (a closed
     * peer connection's sender keeps its track: 0.14.0's RTCPeerConnection.close() never releases the
     * native connection). The reference is dropped either way; the Error is only a report.
     */
    private static void disposeQuietly(Object o) {
        if (o == null) {
            return;
        }
        try {
            if (o instanceof MediaStreamTrack t) {
                t.dispose();
            } else if (o instanceof CustomVideoSource v) {
                v.dispose();
            } else if (o instanceof CustomAudioSource a) {
                a.dispose();
            }
        } catch (Error e) {
            // only a report: the reference is dropped either way
        }
    }
}

