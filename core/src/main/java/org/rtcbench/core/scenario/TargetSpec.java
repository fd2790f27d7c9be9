package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * What the peers connect through, as a scenario's {@code target:} names it: a {@code type} (the
 * built-in {@code p2p} room by default, {@code janus}, ...), and what that type reads: a
 * {@code url} of a server to use instead of one rtcbench starts, and an {@code api} to pick one of
 * a local server's APIs, and a bearer {@code token} for a server that asks for one (WHIP, WHEP), which
 * is written as {@code (hidden)} and never shown. Each type checks its own fields
 * ({@code TargetType.validate}) before a run starts anything; here only their form is checked.
 */
public record TargetSpec(String type, @JsonInclude(JsonInclude.Include.NON_NULL) String url,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String api,
                         @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSerialize(using = TargetSpec.Hidden.class) String token) {
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
        if (token != null && (token.isBlank() || !token.matches("\\S+"))) {
            throw new IllegalArgumentException("token must be one word with no spaces (it is sent as 'Authorization: Bearer <token>')");
        }
    }

    /** A target with no token. */
    public TargetSpec(String type, String url, String api) {
        this(type, url, api, null);
    }

    /** Never shows the token: a scenario or log line that prints this spec keeps it secret. */
    @Override
    public String toString() {
        return "TargetSpec[type=" + type + (url == null ? "" : ", url=" + url) + (api == null ? "" : ", api=" + api)
                + (token == null ? "" : ", token=(hidden)") + "]";
    }

    /** Writes a secret as {@code (hidden)}: the run directory's scenario.yaml keeps that there was one, not what it was. */
    static final class Hidden extends StdSerializer<String> {
        Hidden() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws java.io.IOException {
            gen.writeString("(hidden)");
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
