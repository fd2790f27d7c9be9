package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.rtcbench.core.peer.PeerFailure;

/**
 * One Janus session: its handles, the events Janus sends it, and the keepalive that stops Janus
 * from ending it. The events come from the client's transport (an asynchronous long poll over
 * HTTP, or the shared WebSocket), so hundreds of sessions need no thread each. Events go to the
 * caller waiting for their transaction (the answer to an asynchronous plugin message) or to
 * callers waiting for an event of a handle. When Janus stops answering, every waiting call fails
 * at once with that reason, and so does every later call.
 */
public final class JanusSession implements AutoCloseable {
    /** How many events per handle are kept, so that a caller may wait for an event that already came. */
    private static final int RECENT = 32;

    private final JanusClient client;
    private final long id;
    private final Map<String, CompletableFuture<JanusReply>> byTransaction = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final Map<Long, Deque<JanusReply>> recent = new ConcurrentHashMap<>();
    private volatile PeerFailure stopped;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> keepalive;
    private volatile Consumer<JanusReply> listener;

    private record Waiter(long handle, Predicate<JanusReply> what, CompletableFuture<JanusReply> result) {
    }

    JanusSession(JanusClient client, long id) {
        this.client = client;
        this.id = id;
    }

    /** Janus's id of this session. */
    public long id() {
        return id;
    }

    /** Attaches a handle to a plugin, e.g. {@code janus.plugin.videoroom}. */
    public JanusHandle attach(String plugin) {
        ObjectNode req = client.request("attach");
        req.put("plugin", plugin);
        JanusReply r = JanusReply.of(send(req, null));
        if (r.error() != null || r.data() == null || !r.data().has("id")) {
            throw new PeerFailure("Janus at " + client.url() + " refused to attach " + plugin + ": "
                    + (r.error() == null ? r.raw() : r.error()));
        }
        return new JanusHandle(this, r.data().get("id").asLong());
    }

    /**
     * Sends a plugin message (with an SDP when {@code jsep} is not null) and returns the plugin's
     * answer: at once for a synchronous request, or the event with the same transaction for an
     * asynchronous one (Janus first acknowledges it with {@code ack}).
     */
    JanusReply message(long handle, ObjectNode body, ObjectNode jsep, Duration timeout) {
        String what = body.path("request").asText("message");
        ObjectNode req = client.request("message");
        req.set("body", body);
        if (jsep != null) {
            req.set("jsep", jsep);
        }
        String tx = req.get("transaction").asText();
        CompletableFuture<JanusReply> answer = new CompletableFuture<>();
        byTransaction.put(tx, answer); // before sending: the event may come before the ack
        try {
            JanusReply direct = JanusReply.of(send(req, handle));
            JanusReply r = "ack".equals(direct.janus()) ? await(answer, timeout, what + " answer") : direct;
            if (r.error() != null) {
                throw new PeerFailure("Janus at " + client.url() + " refused " + what + ": " + r.error());
            }
            return r;
        } finally {
            byTransaction.remove(tx);
        }
    }

    /** Waits for an event of a handle that {@code what} accepts, also one that came shortly before this call. */
    JanusReply awaitEvent(long handle, Predicate<JanusReply> what, Duration timeout, String description) {
        Waiter w = new Waiter(handle, what, new CompletableFuture<>());
        waiters.add(w); // first, so an event that comes while the recent ones are searched is not missed
        try {
            Deque<JanusReply> seen = recent.get(handle);
            if (seen != null) {
                synchronized (seen) {
                    seen.stream().filter(what).findFirst().ifPresent(w.result()::complete);
                }
            }
            return await(w.result(), timeout, description);
        } finally {
            waiters.remove(w);
        }
    }

    /** Sends a handle-level request such as {@code hangup} or {@code detach}. */
    void handleRequest(long handle, String kind) {
        JanusReply r = JanusReply.of(send(client.request(kind), handle));
        if (r.error() != null) {
            throw new PeerFailure("Janus at " + client.url() + " refused " + kind + ": " + r.error());
        }
    }

    void keepalive(ScheduledFuture<?> task) {
        this.keepalive = task;
    }

    void keepalive() {
        if (!closed && stopped == null) {
            try {
                send(client.request("keepalive"), null);
            } catch (PeerFailure e) {
                // send() has already failed every waiting call with the reason
            }
        }
    }

    private JsonNode send(ObjectNode req, Long handle) {
        PeerFailure s = stopped;
        if (s != null) {
            throw new PeerFailure(s.getMessage(), s);
        }
        try {
            return client.send(req, id, handle);
        } catch (PeerFailure e) {
            fail(e);
            throw e;
        }
    }

    /** Waits for {@code f}; {@code what} names what is awaited, e.g. "join as publisher answer". */
    private JanusReply await(CompletableFuture<JanusReply> f, Duration timeout, String what) {
        PeerFailure s = stopped;
        if (s != null) {
            f.completeExceptionally(s); // the failure came before this caller began to wait
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PeerFailure("Janus at " + client.url() + " sent no " + what + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            // a fresh exception, so the stack shows this caller and not the poll thread
            throw new PeerFailure(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure("interrupted while waiting for Janus's " + what);
        }
    }

    /** Whether events are still wanted: not closed, not failed. */
    boolean listening() {
        return !closed && stopped == null;
    }

    /** The transport lost Janus: every waiting and later call fails with the reason (unless this session was closed). */
    void transportFailed(PeerFailure reason) {
        if (!closed) {
            fail(reason);
        }
    }

    /** Hands one event to whoever waits for it: by transaction first, else by handle. */
    void dispatch(JanusReply e) {
        if ("keepalive".equals(e.janus())) {
            return;
        }
        if ("timeout".equals(e.janus())) {
            // over a WebSocket, Janus says so when it ends a session that went quiet
            fail(new PeerFailure("Janus at " + client.url() + " ended session " + id + ": session timeout"));
            return;
        }
        if ("error".equals(e.janus()) && e.transaction() == null) {
            // e.g. 458 "No such session": Janus ended the session (a timeout or a restart)
            fail(new PeerFailure("Janus at " + client.url() + " ended session " + id + ": " + e.error()));
            return;
        }
        CompletableFuture<JanusReply> answer = e.transaction() == null ? null : byTransaction.get(e.transaction());
        if (answer != null && !"ack".equals(e.janus())) {
            answer.complete(e);
            return;
        }
        Deque<JanusReply> seen = recent.computeIfAbsent(e.sender(), h -> new ArrayDeque<>());
        synchronized (seen) {
            seen.addLast(e);
            if (seen.size() > RECENT) {
                seen.removeFirst();
            }
        }
        for (Waiter w : waiters) {
            if (w.handle() == e.sender() && w.what().test(e)) {
                w.result().complete(e);
            }
        }
        Consumer<JanusReply> l = listener;
        if (l != null) {
            l.accept(e);
        }
    }

    /**
     * Receives every event no caller waits for by transaction ({@code webrtcup}, {@code media},
     * {@code slowlink}, {@code hangup}, plugin notifications), on the poll thread: keep it short.
     */
    public void onEvent(Consumer<JanusReply> listener) {
        this.listener = listener;
    }

    /** Fails every waiting and every later call with {@code reason}. */
    private void fail(PeerFailure reason) {
        if (stopped == null) {
            stopped = reason;
        }
        byTransaction.values().forEach(f -> f.completeExceptionally(stopped));
        waiters.forEach(w -> w.result().completeExceptionally(stopped));
    }

    /** Why this session no longer works (Janus stopped answering, ended it, or it was closed), or null while it works. */
    public PeerFailure failure() {
        return stopped;
    }

    /** Destroys the session in Janus (which hangs up its handles); safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ScheduledFuture<?> k = keepalive;
        if (k != null) {
            k.cancel(false);
        }
        if (stopped == null) {
            try {
                client.send(client.request("destroy"), id, null);
            } catch (PeerFailure e) {
                // Janus is gone: so is the session
            }
        }
        fail(new PeerFailure("Janus session " + id + " was closed"));
        client.forget(this);
    }
}
