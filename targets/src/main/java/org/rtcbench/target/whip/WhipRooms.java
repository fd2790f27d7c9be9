package org.rtcbench.target.whip;

import java.util.List;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.target.Rooms;
import org.rtcbench.core.target.Streams;
import org.rtcbench.target.janus.JanusVideoRoom;

/**
 * The rooms of a WHIP target's embedded default, for a load run: a publisher publishes through its own
 * WHIP endpoint (simple-whip-server joins the room for it, under the publisher's name), and a
 * subscriber subscribes through the Janus VideoRoom behind it, as WHIP has no way to receive.
 */
final class WhipRooms implements Rooms {
    private static final long LISTED_POLL_MS = 50;

    private final WhipTarget whip;
    private final JanusVideoRoom videoRoom;

    WhipRooms(WhipTarget whip, JanusVideoRoom videoRoom) {
        this.whip = whip;
        this.videoRoom = videoRoom;
    }

    @Override
    public long createRoom(Long id, int maxPublishers, String videoCodecs) {
        return videoRoom.createRoom(id, maxPublishers, videoCodecs);
    }

    @Override
    public boolean roomExists(long room) {
        return videoRoom.roomExists(room);
    }

    @Override
    public List<Feed> publishers(long room) {
        return videoRoom.publishers(room);
    }

    /** Publishes through WHIP at the endpoint named {@code display}, then finds its feed in the room by that name. */
    @Override
    public Publication publish(Peer peer, long room, String display, String videoCodec) {
        Streams.Session s = whip.start(peer, display, room, videoCodec);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            for (Feed f : videoRoom.publishers(room)) {
                if (display.equals(f.display())) {
                    return new Publication(peer.name(), room, f.feedId(), s.connectionId(), s.signalingMs(), s.signalingMs(), s.connectedMs());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new PeerFailure(peer.name() + " published through WHIP, but room " + room + " lists no publisher named " + display);
            }
            try {
                Thread.sleep(LISTED_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerFailure("interrupted while " + peer.name() + " published through WHIP");
            }
        }
    }

    @Override
    public Subscription subscribe(Peer peer, long room, long feedId) {
        return videoRoom.subscribe(peer, room, feedId);
    }

    /** DELETE of the publisher's WHIP resource: simple-whip-server leaves the room for it. */
    @Override
    public void leave(Publication p) {
        whip.stop(new Streams.Session(p.peer(), p.connectionId(), null, 0, 0));
    }

    @Override
    public void leave(Subscription s) {
        videoRoom.leave(s);
    }
}
