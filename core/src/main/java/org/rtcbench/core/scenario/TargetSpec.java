package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the peers connect through: the built-in P2P room, or a Janus VideoRoom at {@code url}, its
 * HTTP ({@code http://HOST:8088/janus}) or WebSocket ({@code ws://HOST:8188}) API (without a url,
 * rtcbench starts a local Janus itself and stops it afterwards; {@code api} then picks its HTTP or
 * WebSocket API).
 */
public record TargetSpec(Type type, @JsonInclude(JsonInclude.Include.NON_NULL) String url,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String api) {
    public TargetSpec {
        type = type == null ? Type.P2P : type;
        if (api != null && !api.equals("http") && !api.equals("ws")) {
            throw new IllegalArgumentException("api must be http or ws (the local Janus's HTTP or WebSocket API), got '" + api + "'");
        }
        if (api != null && (type != Type.JANUS || url != null)) {
            throw new IllegalArgumentException("api is for the local Janus that rtcbench starts; with a url, its scheme (http:// or ws://) picks the API");
        }
        if (url != null && type != Type.JANUS) {
            throw new IllegalArgumentException("url is only for a janus target (the p2p room needs no server)");
        }
        if (url != null && !url.matches("(https?|wss?)://[^\\s/]+(/\\S*)?")) {
            throw new IllegalArgumentException("url must be Janus's HTTP API, e.g. http://127.0.0.1:8088/janus, or its WebSocket API, "
                    + "e.g. ws://127.0.0.1:8188, got '" + url + "'");
        }
    }

    /** The built-in P2P room, where Java relays each offer and answer. */
    public static TargetSpec p2p() {
        return new TargetSpec(Type.P2P, null, null);
    }

    /** A Janus VideoRoom; {@code url} null for a local Janus that rtcbench starts (over its HTTP API). */
    public static TargetSpec janus(String url) {
        return new TargetSpec(Type.JANUS, url, null);
    }

    /** Whether rtcbench talks to Janus over its WebSocket API. */
    public boolean webSocket() {
        return "ws".equals(api) || (url != null && url.matches("wss?://.*"));
    }

    /** The target types rtcbench knows. */
    public enum Type {
        P2P, JANUS;

        @JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @JsonCreator
        static Type of(String id) {
            for (Type t : values()) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown target type '" + id + "' (allowed: p2p, janus)");
        }
    }
}
