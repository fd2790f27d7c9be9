package org.rtcbench.core.peer;

import java.util.List;

/**
 * What a peer's connections gather and may use: ICE servers (TURN relays) and the transport policy
 * ({@code all}, or {@code relay}: relay candidates only). Its {@link #toString()} never shows a credential.
 */
public record IceConfig(List<Server> servers, String transportPolicy) {
    /** No ICE server: host candidates only, as on a plain run. */
    public static final IceConfig NONE = new IceConfig(List.of(), "all");

    public IceConfig {
        servers = List.copyOf(servers);
        if (!"all".equals(transportPolicy) && !"relay".equals(transportPolicy)) {
            throw new IllegalArgumentException("transportPolicy must be all or relay, got '" + transportPolicy + "'");
        }
    }

    /** A TURN server: its URLs ({@code turn:10.213.0.6:3478?transport=udp}) and long-term credentials. */
    public record Server(List<String> urls, String username, String credential) {
        public Server {
            urls = List.copyOf(urls);
        }

        @Override
        public String toString() {
            return "Server[urls=" + urls + ", username=(hidden), credential=(hidden)]";
        }
    }

    /** Whether peers may use only relay candidates. */
    public boolean relayOnly() {
        return "relay".equals(transportPolicy);
    }

    /** Every credential of it (usernames and passwords), for scrubbing. */
    public List<String> secrets() {
        return servers.stream().flatMap(s -> java.util.stream.Stream.of(s.username(), s.credential()))
                .filter(v -> v != null && !v.isEmpty()).toList();
    }
}
