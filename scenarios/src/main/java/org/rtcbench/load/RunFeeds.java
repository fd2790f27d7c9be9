package org.rtcbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.target.Rooms;

/**
 * The feeds of a load run's rooms: which of them this run published, which a subscriber takes
 * ({@code subscribeTo: all} every publisher of its room, also one that another tool or a real app's
 * user published; {@code own} only this run's), and which were taken, for run.json. Whether a feed is
 * this run's is decided at the end, so a feed listed a moment before its publisher's publish returned
 * is not taken for a foreign one.
 */
public final class RunFeeds {
    private record Taken(long room, long feedId, String display, AtomicInteger subscriptions) {
    }

    private final boolean ownOnly;
    /** This run's feeds: feed id to the publishing peer's name. */
    private final Map<Long, String> own = new ConcurrentHashMap<>();
    private final Map<Long, Taken> taken = new ConcurrentHashMap<>();
    /** The feed each subscription connection receives (a connection id is the same for every subscriber of a feed). */
    private final Map<String, Long> connections = new ConcurrentHashMap<>();

    /** @param ownOnly whether subscribers take only this run's feeds */
    public RunFeeds(boolean ownOnly) {
        this.ownOnly = ownOnly;
    }

    /** {@code peer} of this run publishes {@code feedId}. */
    public void published(long feedId, String peer) {
        own.put(feedId, peer);
    }

    /** Whether this run published the feed. */
    public boolean own(long feedId) {
        return own.containsKey(feedId);
    }

    /** Whether a subscriber takes this feed of its room. */
    public boolean takes(Rooms.Feed feed) {
        return !ownOnly || own(feed.feedId());
    }

    /** A subscriber of this run took the feed on connection {@code connectionId}. */
    public void subscribed(long room, Rooms.Feed feed, String connectionId) {
        connections.put(connectionId, feed.feedId());
        taken.computeIfAbsent(feed.feedId(), id -> new Taken(room, id, feed.display(), new AtomicInteger())).subscriptions().incrementAndGet();
    }

    /**
     * Who sends on a subscription's connection: this run's publisher of
     * the feed, or its display name with "(not this run)"; null for a connection that is no subscription this run made.
     */
    public String senderOf(String connectionId) {
        Long feedId = connections.get(connectionId);
        if (feedId == null) {
            return null;
        }
        String publisher = own.get(feedId);
        if (publisher != null) {
            return publisher;
        }
        Taken t = taken.get(feedId);
        return t == null ? null : (t.display() == null ? "feed " + feedId : t.display()) + " (not this run)";
    }

    /** Every feed a subscriber took, by room and feed id, named by its display and whether this run published it. */
    public List<LoadSummary.Feed> summary() {
        List<LoadSummary.Feed> out = new ArrayList<>();
        for (Taken t : taken.values()) {
            out.add(new LoadSummary.Feed(t.room(), t.feedId(), t.display(), own(t.feedId()), own.get(t.feedId()), t.subscriptions().get()));
        }
        out.sort(java.util.Comparator.comparingLong(LoadSummary.Feed::room).thenComparingLong(LoadSummary.Feed::feedId));
        return out;
    }
}
