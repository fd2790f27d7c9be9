package org.rtcbench.core.peer;

/**
 * A kind of peer and where it runs, as the command line writes it: {@code chrome} (the kind's
 * default provider) or {@code chrome@container}. Two types of one kind on two providers are two
 * rows and columns of an interop matrix.
 *
 * @param provider the provider's name, or null for the kind's default
 */
public record PeerType(PeerKind kind, String provider) {
    public PeerType {
        if (kind == null) {
            throw new IllegalArgumentException("a peer type needs a kind");
        }
        requireProviderName(provider);
    }

    /** The one rule for a provider's name (null: the kind's default); a scenario's peer group checks it too. */
    public static void requireProviderName(String provider) {
        if (provider != null && !provider.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("provider '" + provider + "' must be a name such as local, in-process, container or grid");
        }
    }

    /** Reads {@code kind} or {@code kind@provider}, e.g. {@code firefox@container}. */
    public static PeerType parse(String text) {
        String t = text.trim();
        int at = t.indexOf('@');
        return at < 0 ? new PeerType(PeerKind.of(t), null) : new PeerType(PeerKind.of(t.substring(0, at)), t.substring(at + 1));
    }

    /** As written: {@code chrome}, or {@code chrome@container}. */
    public String id() {
        return provider == null ? kind.id() : kind.id() + "@" + provider;
    }

    /** The same as a peer name may spell it: {@code chrome}, or {@code chrome-container}. */
    public String nameStem() {
        return provider == null ? kind.id() : kind.id() + "-" + provider;
    }

    @Override
    public String toString() {
        return id();
    }
}
