package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a peer sends media, receives it, or both (the SDP direction words). */
public enum Role {
    SENDRECV, SENDONLY, RECVONLY;

    public boolean sends() {
        return this != RECVONLY;
    }

    public boolean receives() {
        return this != SENDONLY;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    static Role of(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (allowed: sendrecv, sendonly, recvonly)");
    }
}
