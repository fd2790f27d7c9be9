package org.rtcbench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.SampleMetrics;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.target.Rooms;

/**
 * One virtual user of a load run: a synthetic Java peer that joins its room of the target (e.g. a Janus VideoRoom) and publishes,
 * or subscribes to every publisher of its room that it takes ({@link RunFeeds}; also to those that arrive later), holds, and
 * leaves. Each step's time goes to a {@link Recorder}: {@code join}, {@code ice-connected} (per
 * role) and {@code first-frame} (a subscriber's first decoded video frame of each publisher).
 */
public final class LoadUser {
    private static final ObjectMapper JSON = ScenarioLoader.jsonMapper();
    private static final long FRAME_POLL_MS = 100;
    private static final long WATCH_MS = 1000;

    private final LoadContext ctx;
    private final String name;
    private final boolean publisher;
    private final long room;
    private final Map<Long, Rooms.Subscription> subscriptions = new LinkedHashMap<>();
    private volatile Peer peer;
    private volatile LoadPeers.Tracked tracked;
    private Rooms.Publication publication;
    private long startNanos;
    private boolean joined;

    public LoadUser(LoadContext ctx, String name, boolean publisher, long room) {
        this.ctx = ctx;
        this.name = name;
        this.publisher = publisher;
        this.room = room;
    }

    public String name() {
        return name;
    }

    public boolean publisher() {
        return publisher;
    }

    /** Starts the peer and joins: a publisher publishes; a subscriber subscribes to the publishers there are. */
    public void join(Recorder rec) {
        startNanos = System.nanoTime();
        Role role = publisher ? Role.SENDONLY : Role.RECVONLY;
        peer = ctx.javaPeers().launch(name, null, null, null);
        tracked = ctx.peers().track(peer, role);
        try {
            peer.startMedia(ctx.media(), role);
            if (publisher) {
                long t0 = System.currentTimeMillis();
                try {
                    publication = ctx.room().publish(peer, room, name, ctx.videoCodec());
                } catch (RuntimeException e) {
                    rec.record("join (publisher)", t0, System.currentTimeMillis(), message(e));
                    throw e;
                }
                ctx.feeds().published(publication.feedId(), name);
                recordPhases(rec, "publisher", t0, publication.joinMs(), System.currentTimeMillis());
                joined();
                tracked.connected((System.nanoTime() - startNanos) / 1_000_000);
            } else {
                subscribeToNewPublishers(rec);
            }
        } catch (RuntimeException e) {
            tracked.failed(message(e));
            throw e;
        }
    }

    /** Stays in the room until {@code over} says the run's hold ended; a subscriber picks up publishers that arrive meanwhile. */
    public void hold(Recorder rec, java.util.function.BooleanSupplier over) throws InterruptedException {
        while (!over.getAsBoolean()) {
            if (!publisher) {
                subscribeToNewPublishers(rec);
            }
            Thread.sleep(WATCH_MS);
        }
    }

    /** Hangs up, leaves the room and closes the peer. */
    public void leave(Recorder rec) {
        long t0 = System.currentTimeMillis();
        String failure = null;
        try {
            if (publication != null) {
                ctx.room().leave(publication);
            }
            for (Rooms.Subscription s : subscriptions.values()) {
                ctx.room().leave(s);
            }
        } catch (RuntimeException e) {
            failure = message(e);
        } finally {
            if (peer != null) {
                peer.close();
            }
            if (tracked != null) {
                tracked.left();
            }
        }
        rec.record("leave", t0, System.currentTimeMillis(), failure);
        if (failure != null) {
            throw new PeerFailure(name + " could not leave: " + failure);
        }
    }

    /** Closes the peer without talking to the target (the run is being torn down). */
    public void abandon() {
        if (peer != null) {
            peer.close();
        }
        if (tracked != null) {
            tracked.left();
        }
    }

    private void subscribeToNewPublishers(Recorder rec) {
        for (Rooms.Feed p : ctx.publishers().of(room)) {
            Long feed = p.feedId();
            if (subscriptions.containsKey(feed) || !ctx.feeds().takes(p)) {
                continue;
            }
            long t0 = System.currentTimeMillis();
            Rooms.Subscription s;
            try {
                s = ctx.room().subscribe(peer, room, feed);
            } catch (RuntimeException e) {
                rec.record("join (subscriber)", t0, System.currentTimeMillis(), message(e));
                tracked.failed(message(e));
                throw e;
            }
            subscriptions.put(feed, s);
            ctx.feeds().subscribed(room, p, s.connectionId());
            recordPhases(rec, "subscriber", t0, s.joinMs(), System.currentTimeMillis());
            joined();
            tracked.connected((System.nanoTime() - startNanos) / 1_000_000);
            if (s.video()) {
                awaitFirstFrame(rec, s, t0); // a feed of audio only (a real app's user, say) has no first frame to wait for
            }
        }
    }

    private void joined() {
        if (!joined) {
            joined = true;
            tracked.joined();
        }
    }

    /** Waits for the first decoded video frame of a subscription; first-frame counts from the subscribe request. */
    private void awaitFirstFrame(Recorder rec, Rooms.Subscription s, long subscribedAtMs) {
        long deadline = System.nanoTime() + ctx.firstFrameTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Double frames = framesDecoded(s.connectionId());
            if (frames != null && frames > 0) {
                rec.record("first-frame", subscribedAtMs, System.currentTimeMillis(), null);
                return;
            }
            try {
                Thread.sleep(FRAME_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String why = name + ": no video frame from feed " + s.feedId() + " within " + ctx.firstFrameTimeout().toMillis() + " ms";
        rec.record("first-frame", subscribedAtMs, System.currentTimeMillis(), why);
        tracked.failed(why);
        throw new PeerFailure(why);
    }

    private Double framesDecoded(String connectionId) {
        try {
            JsonNode node = JSON.readTree(peer.stats());
            return SampleMetrics.between(null, SampleMetrics.forConnection(node, connectionId)).get(Metric.VIDEO_FRAMES_DECODED);
        } catch (java.io.IOException e) {
            throw new PeerFailure(name + ": its stats were not valid JSON: " + e.getMessage());
        }
    }

    /** join: the target's join request; ice-connected: from the start of joining until the peer's connection is up. */
    private static void recordPhases(Recorder rec, String role, long t0, long joinMs, long connectedAtMs) {
        rec.record("join (" + role + ")", t0, t0 + joinMs, null);
        rec.record("ice-connected (" + role + ")", t0, connectedAtMs, null);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
