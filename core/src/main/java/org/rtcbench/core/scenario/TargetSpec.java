package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the peers connect through, as a scenario's {@code target:} names it: a {@code type} (the
 * built-in {@code p2p} room by default, {@code janus}, ...), and what that type reads: a
 * {@code url} of a server to use instead of one rtcbench starts, and an {@code api} to pick one of
 * a local server's APIs. Each type checks its own fields ({@code TargetType.validate}) before a run
 * starts anything; here only their form is checked.
 */
public record TargetSpec(String type, @JsonInclude(JsonInclude.Include.NON_NULL) String url,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String api) {
    /** The default target: the built-in P2P room, where Java relays each offer and answer. */
    public static final String P2P = "p2p";

    public TargetSpec {
        type = type == null ? P2P : type;
        if (!type.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("target type '" + type + "' must be a name such as p2p or janus");
        }
        if (url != null && !url.matches("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+")) {
            throw new IllegalArgumentException("url must be a URL such as http://127.0.0.1:8088/janus, got '" + url + "'");
        }
        if (api != null && !api.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("api must be a name such as http or ws, got '" + api + "'");
        }
    }

    /** The built-in P2P room. */
    public static TargetSpec p2p() {
        return new TargetSpec(P2P, null, null);
    }

    /** A target of {@code type} with its defaults (e.g. a local server that rtcbench starts). */
    public static TargetSpec of(String type) {
        return new TargetSpec(type, null, null);
    }
}
