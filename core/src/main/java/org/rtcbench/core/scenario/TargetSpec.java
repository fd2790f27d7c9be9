package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the peers connect through. */
public record TargetSpec(Type type) {
    public TargetSpec {
        type = type == null ? Type.P2P : type;
    }

    /** The built-in P2P room, where Java relays each offer and answer. */
    public static TargetSpec p2p() {
        return new TargetSpec(Type.P2P);
    }

    /** The target types rtcbench knows. */
    public enum Type {
        P2P;

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
            throw new IllegalArgumentException("unknown target type '" + id + "' (allowed: p2p)");
        }
    }
}
