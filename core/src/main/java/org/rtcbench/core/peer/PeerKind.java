package org.rtcbench.core.peer;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of peer rtcbench can put into a call. */
public enum PeerKind {
    CHROME, FIREFOX, JAVA, REPLAY;

    /** The lower-case name used in scenarios, peer names and output. */
    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads the scenario spelling ({@code chrome}, {@code firefox}, {@code java}). */
    public static PeerKind of(String id) {
        for (PeerKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown peer kind '" + id + "' (allowed: " + allowed() + ")");
    }

    /** Whether peers of this kind open a data channel (replay peers carry media only). */
    public boolean hasDataChannel() {
        return this != REPLAY;
    }

    /** Every kind's scenario spelling, comma separated: {@code chrome, firefox, java, replay}. */
    public static String allowed() {
        return String.join(", ", java.util.Arrays.stream(values()).map(PeerKind::id).toList());
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    static PeerKind fromJson(String id) {
        return of(id);
    }
}
