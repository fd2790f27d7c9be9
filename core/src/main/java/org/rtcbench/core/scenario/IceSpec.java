package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario's {@code ice:} section: {@code transportPolicy} ({@code all}, or {@code relay} to force
 * TURN relays), and {@code turn}: {@code local} (Debian's coturn, started by the run in a test
 * network with credentials generated per run) or a user's own server
 * {@code {urls: [turn:host:3478?transport=udp], username: u, credential: p}}. {@code transport}
 * ({@code udp}, {@code tcp} or {@code both}) picks the local server's transports. Credentials are
 * read, never written back: a run directory's scenario.yaml has none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceSpec(String transportPolicy, Turn turn, String transport) {
    /** The transport policies, as RTCConfiguration.iceTransportPolicy spells them. */
    public static final List<String> POLICIES = List.of("all", "relay");
    /** The local TURN server's transports. */
    public static final List<String> TRANSPORTS = List.of("udp", "tcp", "both");

    public IceSpec {
        transportPolicy = transportPolicy == null ? "all" : transportPolicy;
        if (!POLICIES.contains(transportPolicy)) {
            throw new IllegalArgumentException("transportPolicy must be all or relay, got '" + transportPolicy + "'");
        }
        if ("relay".equals(transportPolicy) && turn == null) {
            throw new IllegalArgumentException("transportPolicy relay needs a TURN server: add 'turn: local' (rtcbench starts coturn) "
                    + "or turn: {urls: [...], username: ..., credential: ...}");
        }
        if (transport != null && !TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport must be udp, tcp or both, got '" + transport + "'");
        }
        if (transport != null && turn != null && !turn.local()) {
            throw new IllegalArgumentException("transport is for 'turn: local'; your own server's URLs say their transport (?transport=tcp)");
        }
    }

    /** The local server's transports: udp, tcp or both (the default). */
    public String localTransport() {
        return transport == null ? "both" : transport;
    }

    /** {@code local}, or a user's TURN server. */
    @JsonDeserialize(using = Turn.Reader.class)
    public record Turn(boolean local, List<String> urls, String username, String credential) {
        public static final Turn LOCAL = new Turn(true, List.of(), null, null);

        public Turn {
            urls = urls == null ? List.of() : List.copyOf(urls);
            if (!local) {
                if (urls.isEmpty()) {
                    throw new IllegalArgumentException("turn needs urls, e.g. [turn:turn.example.org:3478?transport=udp]");
                }
                for (String u : urls) {
                    if (!u.matches("turns?:[^\\s]+")) {
                        throw new IllegalArgumentException("a TURN url starts with turn: or turns:, got '" + u + "'");
                    }
                }
                if (username == null || credential == null) {
                    throw new IllegalArgumentException("turn needs username and credential (long-term credentials)");
                }
            }
        }

        /** What scenario.yaml keeps: {@code local}, or the URLs without the credentials. */
        @JsonValue
        public Object written() {
            if (local) {
                return "local";
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("urls", urls);
            out.put("username", "(hidden)");
            out.put("credential", "(hidden)");
            return out;
        }

        @Override
        public String toString() {
            return local ? "local" : "Turn[urls=" + urls + ", credentials hidden]";
        }

        /** Reads {@code local} or {@code {urls, username, credential}}. */
        static final class Reader extends JsonDeserializer<Turn> {
            private static final Set<String> FIELDS = Set.of("urls", "username", "credential");

            @Override
            public Turn deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode n = p.readValueAsTree();
                if (n.isTextual()) {
                    if (n.asText().equals("local")) {
                        return LOCAL;
                    }
                    throw InvalidFormatException.from(p, "turn is 'local' (rtcbench starts coturn) or {urls: [...], username: ..., "
                            + "credential: ...}, got '" + n.asText() + "'", n.asText(), Turn.class);
                }
                if (!n.isObject()) {
                    throw InvalidFormatException.from(p, "turn is 'local' or {urls: [...], username: ..., credential: ...}", n.toString(), Turn.class);
                }
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!FIELDS.contains(f)) {
                        throw InvalidFormatException.from(p, "unknown field '" + f + "' in turn (allowed: credential, urls, username)", f, Turn.class);
                    }
                }
                List<String> urls = new ArrayList<>();
                n.path("urls").forEach(u -> urls.add(u.asText()));
                if (n.path("urls").isTextual()) {
                    urls.add(n.path("urls").asText());
                }
                try {
                    return new Turn(false, urls, n.hasNonNull("username") ? n.get("username").asText() : null,
                            n.hasNonNull("credential") ? n.get("credential").asText() : null);
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(p, e.getMessage(), n.toString(), Turn.class);
                }
            }
        }
    }
}
