package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Predicate;

/** A handle of a {@link JanusSession} attached to one plugin: one plugin conversation, at most one peer connection. */
public final class JanusHandle {
    private final JanusSession session;
    private final long id;

    JanusHandle(JanusSession session, long id) {
        this.session = session;
        this.id = id;
    }

    /** Janus's id of this handle (the {@code sender} of its events). */
    public long id() {
        return id;
    }

    public JanusSession session() {
        return session;
    }

    /** A plugin request body, e.g. {@code body("join")}, to which the caller adds fields. */
    public static ObjectNode body(String request) {
        ObjectNode n = JanusReply.JSON.createObjectNode();
        n.put("request", request);
        return n;
    }

    /** A complete (non-trickle) SDP to send with a message: {@code {type, sdp, trickle: false}}. */
    public static ObjectNode jsep(String type, String sdp) {
        ObjectNode n = JanusReply.JSON.createObjectNode();
        n.put("type", type);
        n.put("sdp", sdp);
        n.put("trickle", false);
        return n;
    }

    /**
     * Sends a plugin message, with an SDP when {@code jsep} is not null, and returns the plugin's
     * answer (direct, or the event of its transaction); a plugin error throws.
     */
    public JanusReply message(ObjectNode body, ObjectNode jsep, Duration timeout) {
        return session.message(id, body, jsep, timeout);
    }

    /** Waits for an event of this handle, e.g. {@code webrtcup}, also one that came shortly before. */
    public JanusReply awaitEvent(Predicate<JanusReply> what, Duration timeout, String description) {
        return session.awaitEvent(id, what, timeout, description);
    }

    /** Ends this handle's peer connection; the handle stays. */
    public void hangup() {
        session.handleRequest(id, "hangup");
    }

    /** Detaches the handle from its plugin. */
    public void detach() {
        session.handleRequest(id, "detach");
    }
}
