package org.rtcbench.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.core.target.Rooms;

/**
 * Each room's publishers as the target lists them, asked at most once per {@code maxAgeMs} for all the
 * subscribers of a room together: every subscriber watches its room each second for publishers that
 * arrive later, and a hundred of them must not mean a hundred listparticipants requests a second.
 */
public final class RoomPublishers {
    private record Listing(long atNanos, List<Rooms.Feed> publishers) {
    }

    private final Rooms room;
    private final long maxAgeNanos;
    private final Map<Long, Listing> listings = new ConcurrentHashMap<>();

    public RoomPublishers(Rooms room, long maxAgeMs) {
        this.room = room;
        this.maxAgeNanos = maxAgeMs * 1_000_000;
    }

    /** The publishers of {@code roomId}, at most {@code maxAgeMs} old. */
    public List<Rooms.Feed> of(long roomId) {
        return listings.compute(roomId, (id, old) -> old != null && System.nanoTime() - old.atNanos() < maxAgeNanos ? old
                : new Listing(System.nanoTime(), room.publishers(id))).publishers();
    }
}
