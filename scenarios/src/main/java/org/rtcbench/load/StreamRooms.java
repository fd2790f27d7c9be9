package org.rtcbench.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.scenario.LoadSpec;
import org.rtcbench.core.target.Rooms;
import org.rtcbench.core.target.Streams;

/**
 * A target of sessions (a WHIP or WHEP endpoint of the user's) as a load run's rooms: a WHIP endpoint
 * takes the publishers, each publishing its stream, and has no one to subscribe to; a WHEP endpoint
 * gives one stream, which every subscriber plays. Rooms are only names here: where a stream goes is
 * the endpoint's URL (with {@code {peer}}, each user's own).
 */
public final class StreamRooms implements Rooms {
    /** The one feed a WHEP endpoint gives. */
    private static final long STREAM = 1;

    private final Streams streams;
    private final String url;
    private final boolean publishes;
    private final AtomicLong feeds = new AtomicLong();

    private StreamRooms(Streams streams, String url) {
        this.streams = streams;
        this.url = url;
        this.publishes = streams.publishes();
    }

    /**
     * The rooms of {@code streams} for a load of this shape.
     *
     * @throws BadInputException when the load asks the endpoint for what it does not do: subscribers of a WHIP
     *                           endpoint, publishers to a WHEP one
     */
    public static StreamRooms of(Streams streams, String label, String url, LoadSpec load) {
        if (streams.publishes() && load.subscribers() > 0) {
            throw new BadInputException("a " + label + " endpoint only takes streams, so a load run through " + url + " has no one to subscribe to: "
                    + "use --subscribers 0 (load.subscribers), or the local WHIP (no url), whose subscribers go through the Janus behind it");
        }
        if (!streams.publishes() && load.publishers() > 0) {
            throw new BadInputException("a " + label + " endpoint only gives its stream, so a load run through " + url
                    + " takes no publishers: use --publishers 0 (load.publishers)");
        }
        return new StreamRooms(streams, url);
    }

    @Override
    public long createRoom(Long id, int maxPublishers, String videoCodecs) {
        return id == null ? 1 : id;
    }

    @Override
    public boolean roomExists(long room) {
        return false;
    }

    /** A WHEP endpoint's one stream, named by its URL; nothing for a WHIP endpoint, which lists no one. */
    @Override
    public List<Feed> publishers(long room) {
        return publishes ? List.of() : List.of(new Feed(STREAM, url));
    }

    @Override
    public Publication publish(Peer peer, long room, String display, String videoCodec) {
        Streams.Session s = streams.start(peer, videoCodec);
        return new Publication(peer.name(), room, feeds.incrementAndGet(), s.connectionId(), s.signalingMs(), s.signalingMs(), s.connectedMs());
    }

    @Override
    public Subscription subscribe(Peer peer, long room, long feedId) {
        Streams.Session s = streams.start(peer, null);
        return new Subscription(peer.name(), room, feedId, s.connectionId(), s.signalingMs(), s.signalingMs(), s.connectedMs(), true);
    }

    @Override
    public void leave(Publication p) {
        streams.stop(new Streams.Session(p.peer(), p.connectionId(), null, 0, 0));
    }

    @Override
    public void leave(Subscription s) {
        streams.stop(new Streams.Session(s.peer(), s.connectionId(), null, 0, 0));
    }
}
