package org.rtcbench.core.assertion;

import org.rtcbench.core.peer.PeerKind;

/** Which peers an assertion applies to: {@code all}, {@code senders}, {@code receivers}, a kind, or one peer by name. */
public record PeerSelection(Type type, String value) {
    /** The ways to select peers. */
    public enum Type { ALL, SENDERS, RECEIVERS, KIND, PEER }

    public static final PeerSelection ALL = new PeerSelection(Type.ALL, null);

    /** Reads {@code all}, {@code senders}, {@code receivers}, a peer kind ({@code chrome}, {@code replay}, ...) or a peer name. */
    public static PeerSelection parse(String text) {
        return switch (text) {
            case "all" -> ALL;
            case "senders" -> new PeerSelection(Type.SENDERS, null);
            case "receivers" -> new PeerSelection(Type.RECEIVERS, null);
            default -> java.util.Arrays.stream(PeerKind.values()).anyMatch(k -> k.id().equals(text))
                    ? new PeerSelection(Type.KIND, text) : new PeerSelection(Type.PEER, text);
        };
    }

    /** Whether a peer with this name, kind and direction is selected. */
    public boolean matches(String name, PeerKind kind, boolean sends, boolean receives) {
        return switch (type) {
            case ALL -> true;
            case SENDERS -> sends;
            case RECEIVERS -> receives;
            case KIND -> kind.id().equals(value);
            case PEER -> name.equals(value);
        };
    }

    @Override
    public String toString() {
        return value != null ? value : type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
