package org.rtcbench.core.metric;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a metric's values over a window become one number. */
public enum Aggregate {
    P50, P95, MIN, MAX, LAST, MEAN;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Aggregate of(String id) {
        for (Aggregate a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown aggregate '" + id + "' (allowed: p50, p95, min, max, last, mean)");
    }
}
