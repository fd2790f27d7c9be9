package org.rtcbench.core.peer;

import java.util.function.Function;

/**
 * Where peers of one kind run, as a plug-in of the run loop: {@code (chrome, local)} starts a
 * Chromium on this host, {@code (java, in-process)} a libwebrtc peer in this JVM; later
 * {@code (chrome, container)} and {@code (chrome, grid)}. Registered in one place (the runner's
 * {@code PeerProviders}); nothing else builds a launcher from a kind.
 */
public interface PeerProvider {

    /** The peer kind this provider starts. */
    PeerKind kind();

    /** Where they run, as written after the {@code @} of {@code kind@provider}: {@code local}, {@code in-process}, ... */
    String name();

    /** A launcher for one run (or for a check such as {@code --version}). */
    PeerLauncher launcher(LaunchContext context);

    /** {@code kind@name}, as the command line writes it. */
    default String id() {
        return kind().id() + "@" + name();
    }

    /** A provider from a kind, a name and how it makes its launcher. */
    static PeerProvider of(PeerKind kind, String name, Function<LaunchContext, PeerLauncher> launchers) {
        return new PeerProvider() {
            @Override
            public PeerKind kind() {
                return kind;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public PeerLauncher launcher(LaunchContext context) {
                return launchers.apply(context);
            }

            @Override
            public String toString() {
                return id();
            }
        };
    }
}
