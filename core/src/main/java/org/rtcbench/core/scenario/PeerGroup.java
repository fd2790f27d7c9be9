package org.rtcbench.core.scenario;

import java.util.ArrayList;
import java.util.List;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerType;

/**
 * One entry of a scenario's {@code peers:} list: {@code count} peers of one kind, named
 * {@code name} (one peer) or {@code name-1 .. name-N}, started by {@code provider} (null: the kind's
 * default, {@code local} for browsers and {@code in-process} for Java peers).
 *
 * @param image the container image of a {@code provider: container} peer (null: rtcbench's own image of its kind)
 * @param url   the Selenium Grid of a {@code provider: grid} peer (null: {@code --grid-url})
 * @param network the access link of this group's peers (null: the scenario's {@code network:})
 */
public record PeerGroup(PeerKind kind, String name, Integer count, Role role, MediaSpec media,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        String provider,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        String image,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        String url,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        NetworkSpec network) {
    /** The provider that takes {@code image:}, and the one that takes {@code url:}. */
    public static final String CONTAINER = "container";
    public static final String GRID = "grid";

    public PeerGroup {
        if (kind == null) {
            throw new IllegalArgumentException("every peer needs a kind (allowed: " + PeerKind.allowed() + ")");
        }
        PeerType.requireProviderName(provider);
        count = count == null ? 1 : count;
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        name = name == null || name.isBlank() ? kind.id() : name;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("peer name '" + name + "' may only hold letters, digits, '.', '_' and '-'");
        }
        role = role == null ? Role.SENDRECV : role;
        if (image != null && !CONTAINER.equals(provider)) {
            throw new IllegalArgumentException("image: is for container peers: add 'provider: container' to peer '" + name + "', or remove image:");
        }
        if (url != null && !GRID.equals(provider)) {
            throw new IllegalArgumentException("url: is for Selenium Grid peers: add 'provider: grid' to peer '" + name + "', or remove url:");
        }
        if (image != null && image.isBlank()) {
            throw new IllegalArgumentException("image: of peer '" + name + "' is empty: name an image such as rtcbench/chromium:latest");
        }
    }

    /** A group on the scenario's network. */
    public PeerGroup(PeerKind kind, String name, Integer count, Role role, MediaSpec media, String provider, String image, String url) {
        this(kind, name, count, role, media, provider, image, url, null);
    }

    /** This group with its own access link (null: the scenario's). */
    public PeerGroup withNetwork(NetworkSpec n) {
        return new PeerGroup(kind, name, count, role, media, provider, image, url, n);
    }

    /** A group on {@code provider} with its default image and Grid. */
    public PeerGroup(PeerKind kind, String name, Integer count, Role role, MediaSpec media, String provider) {
        this(kind, name, count, role, media, provider, null, null);
    }

    /** A group on its kind's default provider (a local browser, an in-process Java peer). */
    public PeerGroup(PeerKind kind, String name, Integer count, Role role, MediaSpec media) {
        this(kind, name, count, role, media, null, null, null);
    }

    /** The names of this group's peers: {@code name} alone, or {@code name-1} to {@code name-N}. */
    public List<String> peerNames() {
        if (count == 1) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(name + "-" + i);
        }
        return names;
    }
}
