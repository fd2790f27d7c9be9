package org.rtcbench.core.target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.peer.Peer;

/** A target that connects two peers directly, one peer connection per {@link Link} (the P2P room). */
public interface PairCalls {

    /** One peer connection to make: who offers, who answers, its id on both sides, and an optional only video codec. */
    record Link(Peer offerer, Peer answerer, String id, String videoCodec) {
    }

    /**
     * How one link came out: connected after {@code connectedAfterMs}, or failed with a reason;
     * {@code culprit} names the peer whose call failed, null when neither (e.g. a timeout).
     */
    record LinkOutcome(String id, Long connectedAfterMs, String failure, String culprit) {
        public boolean connected() {
            return failure == null;
        }
    }

    /** How one peer came out of connecting: all its links connected (after the slowest), or failed with a reason. */
    record PeerConnectOutcome(String peer, Long connectedAfterMs, String failure) {
        public boolean connected() {
            return failure == null;
        }
    }

    /** Makes the given links, in parallel, and reports each one's outcome by id. */
    Map<String, LinkOutcome> connectLinks(List<Link> links);

    /** The connection id a pair of peers uses in a mesh, on both sides. */
    static String connectionId(Peer offerer, Peer answerer) {
        return offerer.name() + "~" + answerer.name();
    }

    /** Every pair of peers, the earlier one offering. */
    static List<Link> mesh(List<Peer> peers) {
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            for (int j = i + 1; j < peers.size(); j++) {
                links.add(new Link(peers.get(i), peers.get(j), connectionId(peers.get(i), peers.get(j)), null));
            }
        }
        return links;
    }

    /** Connects every pair of peers (a full mesh) and reports each peer's outcome. */
    default Map<String, PeerConnectOutcome> connectMesh(List<Peer> peers) {
        Map<String, LinkOutcome> links = connectLinks(mesh(peers));
        Map<String, PeerConnectOutcome> out = new LinkedHashMap<>();
        for (Peer p : peers) {
            Long slowest = null;
            String failure = peers.size() < 2 ? "alone in the room: a P2P call needs at least two peers" : null;
            for (Link l : mesh(peers)) {
                if (l.offerer() != p && l.answerer() != p) {
                    continue;
                }
                LinkOutcome o = links.get(l.id());
                if (!o.connected() && failure == null) {
                    failure = o.culprit() == null || o.culprit().equals(p.name()) ? o.failure()
                            : "its partner " + o.culprit() + " failed: " + o.failure();
                } else if (o.connected()) {
                    slowest = slowest == null ? o.connectedAfterMs() : Math.max(slowest, o.connectedAfterMs());
                }
            }
            out.put(p.name(), new PeerConnectOutcome(p.name(), failure == null ? slowest : null, failure));
        }
        return out;
    }
}
