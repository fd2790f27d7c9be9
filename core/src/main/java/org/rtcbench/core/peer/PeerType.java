package org.rtcbench.core.peer;

/**
 * A kind of peer and where it runs, as the command line writes it: {@code chrome} (the kind's
 * default provider), {@code chrome@container}, or {@code chrome@container:rtcbench/chromium:156.0.8078.73}
 * (a container peer of that image). Two types of one kind on two providers, or in two images, are
 * two rows and columns of an interop matrix.
 *
 * @param provider the provider's name, or null for the kind's default
 * @param image    the image of a container peer, or null for its provider's default
 */
public record PeerType(PeerKind kind, String provider, String image) {
    public PeerType {
        if (kind == null) {
            throw new IllegalArgumentException("a peer type needs a kind");
        }
        requireProviderName(provider);
        if (image != null && (provider == null || image.isBlank())) {
            throw new IllegalArgumentException("'" + kind.id() + "@" + provider + ":" + image
                    + "': an image follows a provider that runs images, e.g. chrome@container:rtcbench/chromium:latest");
        }
    }

    /** A type on its provider's default image. */
    public PeerType(PeerKind kind, String provider) {
        this(kind, provider, null);
    }

    /** The one rule for a provider's name (null: the kind's default); a scenario's peer group checks it too. */
    public static void requireProviderName(String provider) {
        if (provider != null && !provider.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("provider '" + provider + "' must be a name such as local, in-process, container or grid");
        }
    }

    /** Reads {@code kind}, {@code kind@provider} or {@code kind@provider:image}, e.g. {@code firefox@container}. */
    public static PeerType parse(String text) {
        String t = text.trim();
        int at = t.indexOf('@');
        if (at < 0) {
            return new PeerType(PeerKind.of(t), null);
        }
        String rest = t.substring(at + 1);
        int colon = rest.indexOf(':');
        return colon < 0 ? new PeerType(PeerKind.of(t.substring(0, at)), rest)
                : new PeerType(PeerKind.of(t.substring(0, at)), rest.substring(0, colon), rest.substring(colon + 1));
    }

    /** As written: {@code chrome}, {@code chrome@container} or {@code chrome@container:IMAGE}. */
    public String id() {
        String base = provider == null ? kind.id() : kind.id() + "@" + provider;
        return image == null ? base : base + ":" + image;
    }

    /** The same as a peer name may spell it: {@code chrome}, {@code chrome-container}, {@code chrome-container-rtcbench-chromium-156}. */
    public String nameStem() {
        String base = provider == null ? kind.id() : kind.id() + "-" + provider;
        return image == null ? base : base + "-" + image.replaceAll("[^A-Za-z0-9_.-]+", "-");
    }

    @Override
    public String toString() {
        return id();
    }
}
