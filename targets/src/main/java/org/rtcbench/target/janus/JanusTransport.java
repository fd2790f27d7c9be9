package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How requests reach one Janus and its events come back: the HTTP API (a POST per request, a long
 * poll per session) or the WebSocket API (one socket for everything). Both speak the same JSON.
 */
interface JanusTransport extends AutoCloseable {
    /** Janus's {@code server_info}, as it answered on connect. */
    JsonNode info();

    /**
     * Sends a request of a session (null: none, e.g. {@code create}) and handle (null: none) and
     * returns Janus's direct reply: {@code success}, {@code error}, or {@code ack} for a plugin
     * message whose answer comes as an event.
     *
     * @throws org.rtcbench.core.peer.PeerFailure when Janus stopped answering
     */
    JsonNode send(ObjectNode request, Long session, Long handle);

    /** Starts handing the events of {@code session} to it, until {@link #unlisten}. */
    void listen(JanusSession session);

    void unlisten(JanusSession session);

    @Override
    void close();
}
