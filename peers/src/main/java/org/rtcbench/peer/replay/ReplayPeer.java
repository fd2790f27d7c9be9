package org.rtcbench.peer.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.core.peer.IceConfig;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;

/**
 * A synthetic peer with no codec work: it sends media encoded once and shipped with rtcbench (VP8
 * and Opus) through real ICE, DTLS-SRTP and RTP/RTCP, and parses what it receives without decoding.
 * Cheap enough for hundreds per core, which is what an SFU load test needs from its generator.
 */
public final class ReplayPeer implements Peer {
    static final PeerInfo INFO = new PeerInfo("rtcbench replay (ice4j, Bouncy Castle DTLS, Java SRTP)", "1", null, null);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final InetAddress address;
    private final Map<String, ReplayConnection> connections = new ConcurrentHashMap<>();
    private volatile MediaSpec media = MediaSpec.defaults();
    private volatile Role role = Role.SENDRECV;

    public ReplayPeer(String name, InetAddress address) {
        this.name = name;
        this.address = address;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PeerKind kind() {
        return PeerKind.REPLAY;
    }

    @Override
    public PeerInfo info() {
        return INFO;
    }

    @Override
    public void useIce(IceConfig ice) {
        if (ice != null && !ice.servers().isEmpty()) {
            throw new PeerFailure(name + ": replay peers have no TURN client yet; run them without turn/relay settings");
        }
    }

    @Override
    public void startMedia(MediaSpec media, Role role) {
        this.media = media == null ? MediaSpec.defaults() : media;
        this.role = role == null ? Role.SENDRECV : role;
        // no data channel: a remote's application section is rejected, and its metrics are not measured here

    }

    private ReplayConnection newConnection(String id) {
        VideoSpec v = media.video();
        EncodedMedia.Video video = EncodedMedia.video(v == null || v.width() == null ? 320 : v.width(), v == null || v.height() == null ? 240 : v.height());
        ReplayConnection c = new ReplayConnection(id, name, role, video, !Boolean.FALSE.equals(media.audio()), address);
        ReplayConnection old = connections.put(id, c);
        if (old != null) {
            old.close();
        }
        return c;
    }

    @Override
    public String createOffer(String connectionId, String videoCodec) {
        if (videoCodec != null && !videoCodec.equalsIgnoreCase("vp8")) {
            throw new PeerFailure(name + ": replay peers send VP8 only, not " + videoCodec);
        }
        return newConnection(connectionId).offer();
    }

    @Override
    public String acceptOffer(String connectionId, String offerSdp) {
        return newConnection(connectionId).answer(offerSdp);
    }

    @Override
    public void acceptAnswer(String connectionId, String answerSdp) {
        ReplayConnection c = connections.get(connectionId);
        if (c == null) {
            throw new PeerFailure(name + ": no connection " + connectionId + " to apply an answer to");
        }
        c.answered(answerSdp);
    }

    @Override
    public String connectionState(String connectionId) {
        ReplayConnection c = connections.get(connectionId);
        return c == null ? "closed" : c.state();
    }

    @Override
    public String failureReason(String connectionId) {
        return failure(connectionId);
    }

    /** Why a connection failed (ICE, DTLS, SRTP), or null. */
    public String failure(String connectionId) {
        ReplayConnection c = connections.get(connectionId);
        return c == null ? null : c.failure();
    }

    @Override
    public void closeConnection(String connectionId) {
        ReplayConnection c = connections.remove(connectionId);
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String stats() {
        ObjectNode out = MAPPER.createObjectNode();
        ObjectNode stats = out.putObject("stats");
        connections.forEach((id, c) -> stats.set(id, c.stats()));
        ObjectNode received = out.putObject("received");
        connections.forEach((id, c) -> {
            var tracks = c.received();
            if (!tracks.isEmpty()) {
                received.set(id, tracks);
            }
        });
        // no "datachannel": a replay peer has none, so its echoes and RTT are not measured (never 0)
        return out.toString();
    }

    @Override
    public void close() {
        connections.values().forEach(ReplayConnection::close);
        connections.clear();
    }
}
