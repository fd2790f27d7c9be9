package org.rtcbench.core.scenario;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A load run's shape: {@code rooms} rooms, each with {@code publishers} synthetic peers that
 * publish and {@code subscribers} that subscribe to every publisher of their room; how they
 * arrive ({@code injection}: {@code once} all at once, {@code ramp} spread over {@code ramp}, {@code rate:N/s}
 * or {@code rate:N/m} N a second or minute, {@code closed} concurrency ramped to all of them, replacing any that leave); and how long
 * they stay after the ramp ({@code hold}). With {@code room}, the rooms are {@code room} to
 * {@code room + rooms - 1}: those that exist on the Janus are used as they are and left there, the
 * others are created with those ids; without it, Janus picks the ids. Rooms rtcbench created are
 * destroyed after the run. Subscribers take every publisher of their room ({@code subscribeTo: all}),
 * also those that this run did not create (another tool's, a real app's users), or only this run's
 * ({@code own}); in an existing {@code room} (or from a WHEP endpoint), a run may bring no publishers of its own.
 */
public record LoadSpec(Integer rooms, Integer publishers, Integer subscribers, String injection, Duration ramp,
                       Duration hold, String videoCodec, Long room, String subscribeTo, String peerKind) {
    private static final Pattern INJECTION = Pattern.compile("once|ramp|closed|rate:\\d+(\\.\\d+)?/[sm]");
    /** Subscribers take every publisher of their room, whoever made it. */
    public static final String SUBSCRIBE_ALL = "all";
    /** Subscribers take only the publishers of this run. */
    public static final String SUBSCRIBE_OWN = "own";
    /** The values {@code subscribeTo} takes. */
    public static final java.util.List<String> SUBSCRIBE_TO = java.util.List.of(SUBSCRIBE_ALL, SUBSCRIBE_OWN);
    /** The synthetic kinds a virtual user can be: libwebrtc (encodes and decodes), or replay (no codec work). */
    public static final java.util.List<String> PEER_KINDS = java.util.List.of("java", "replay");

    public LoadSpec {
        rooms = rooms == null ? 1 : rooms;
        publishers = publishers == null ? 3 : publishers;
        subscribers = subscribers == null ? 3 : subscribers;
        injection = injection == null ? "ramp" : injection.trim();
        ramp = ramp == null ? Duration.ofSeconds(10) : ramp;
        hold = hold == null ? Duration.ofSeconds(30) : hold;
        subscribeTo = subscribeTo == null ? SUBSCRIBE_ALL : subscribeTo;
        peerKind = peerKind == null ? "java" : peerKind;
        if (!PEER_KINDS.contains(peerKind)) {
            throw new IllegalArgumentException("peerKind must be java (libwebrtc) or replay (no codec work), got '" + peerKind + "'");
        }
        if ("replay".equals(peerKind) && videoCodec != null && !videoCodec.equalsIgnoreCase("vp8")) {
            throw new IllegalArgumentException("replay peers send VP8 only: videoCodec " + videoCodec + " needs peerKind java");
        }
        if (rooms < 1) {
            throw new IllegalArgumentException("rooms must be at least 1, got " + rooms);
        }
        if (publishers < 0) {
            throw new IllegalArgumentException("publishers must be 0 or more per room, got " + publishers);
        }
        if (subscribers < 0) {
            throw new IllegalArgumentException("subscribers must be 0 or more per room, got " + subscribers);
        }
        if (publishers + subscribers == 0) {
            throw new IllegalArgumentException("a room needs at least 1 publisher or subscriber, got 0 of each");
        }
        if (!SUBSCRIBE_TO.contains(subscribeTo)) {
            throw new IllegalArgumentException("subscribeTo must be all (every publisher of the room) or own (this run's), got '" + subscribeTo + "'");
        }
        if (publishers == 0 && SUBSCRIBE_OWN.equals(subscribeTo)) {
            throw new IllegalArgumentException("subscribeTo own with publishers 0 leaves the subscribers nothing to receive");
        }
        if (!INJECTION.matcher(injection).matches()) {
            throw new IllegalArgumentException("injection must be once, ramp, closed, rate:<users>/s or rate:<users>/m (e.g. rate:5/s), got '" + injection + "'");
        }
        if (room != null && room < 1) {
            throw new IllegalArgumentException("room must be a positive VideoRoom id, got " + room);
        }
        if (videoCodec != null && !videoCodec.matches("(?i)vp8|vp9|h264")) {
            throw new IllegalArgumentException("videoCodec must be vp8, vp9 or h264, got '" + videoCodec + "'");
        }
    }

    /** One room, three publishers, three subscribers, ramped over 10 s, held 30 s. */
    public static LoadSpec defaults() {
        return new LoadSpec(null, null, null, null, null, null, null, null, null, null);
    }

    /** The kind of every virtual user. */
    public org.rtcbench.core.peer.PeerKind userKind() {
        return org.rtcbench.core.peer.PeerKind.of(peerKind);
    }

    /** Whether subscribers take only this run's publishers. */
    public boolean ownFeedsOnly() {
        return SUBSCRIBE_OWN.equals(subscribeTo);
    }

    /** The id of room {@code index} (0-based) when {@code room} names the first, else null. */
    public Long roomId(int index) {
        return room == null ? null : room + index;
    }

    /** Synthetic peers asked for, over all rooms. */
    public int users() {
        return rooms * (publishers + subscribers);
    }

    /** How long the run lasts: the ramp, then the hold. */
    public Duration duration() {
        return ramp.plus(hold);
    }
}
