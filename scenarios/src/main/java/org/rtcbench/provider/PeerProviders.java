package org.rtcbench.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rtcbench.browser.container.ContainerChromium;
import org.rtcbench.browser.container.ContainerFirefox;
import org.rtcbench.browser.grid.GridBrowser;
import org.rtcbench.browser.local.LocalChromium;
import org.rtcbench.browser.local.LocalFirefox;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.LaunchContext;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerLauncher;
import org.rtcbench.core.peer.PeerProvider;
import org.rtcbench.core.peer.PeerType;
import org.rtcbench.core.scenario.Browsers;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.peer.java.JavaPeerLauncher;
import org.rtcbench.peer.replay.ReplayPeerLauncher;

/**
 * The one registry of peer providers: which (kind, provider) pairs exist and what launches each.
 * A kind's first provider is its default. Runs, the interop matrix, the demo and {@code --version}
 * all ask here; a test adds its own provider with {@link #with}.
 */
public final class PeerProviders {
    private final List<PeerProvider> providers;

    private PeerProviders(List<PeerProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The providers rtcbench ships: local Chromium and Firefox, in-process Java and replay peers, and Chromium and Firefox in containers and on a Selenium Grid. */
    public static PeerProviders builtIn() {
        return new PeerProviders(List.of(
                PeerProvider.of(PeerKind.CHROME, "local", c -> new LocalChromium(c.browsers().chrome(), c.workDir(), c.logs())),
                PeerProvider.of(PeerKind.FIREFOX, "local", c -> new LocalFirefox(c.browsers().firefox(), c.workDir(), c.logs())),
                PeerProvider.of(PeerKind.JAVA, "in-process", c -> new JavaPeerLauncher(c.candidateAddress())),
                PeerProvider.of(PeerKind.REPLAY, "in-process", c -> new ReplayPeerLauncher(c.candidateAddress())),
                PeerProvider.of(PeerKind.CHROME, PeerGroup.CONTAINER, ContainerChromium::new),
                PeerProvider.of(PeerKind.FIREFOX, PeerGroup.CONTAINER, ContainerFirefox::new),
                PeerProvider.of(PeerKind.CHROME, PeerGroup.GRID, c -> new GridBrowser(PeerKind.CHROME, c)),
                PeerProvider.of(PeerKind.FIREFOX, PeerGroup.GRID, c -> new GridBrowser(PeerKind.FIREFOX, c))));
    }

    /** These providers and {@code extra} (replacing one of the same kind and name). */
    public PeerProviders with(PeerProvider extra) {
        List<PeerProvider> out = new ArrayList<>(providers);
        out.removeIf(p -> p.id().equals(extra.id()));
        out.add(extra);
        return new PeerProviders(out);
    }

    /**
     * The provider of {@code kind} named {@code name}, or the kind's default when {@code name} is null.
     *
     * @throws BadInputException when there is none, naming those there are
     */
    public PeerProvider find(PeerKind kind, String name) {
        for (PeerProvider p : providers) {
            if (p.kind() == kind && (name == null || p.name().equals(name))) {
                return p;
            }
        }
        String known = providers.stream().filter(p -> p.kind() == kind).map(PeerProvider::name).collect(Collectors.joining(", "));
        throw new BadInputException("no provider '" + name + "' for " + kind.id() + " peers (known: "
                + (known.isEmpty() ? "none" : known) + ")");
    }

    /** A launcher of {@code kind} from provider {@code name} (null: the default) for one run. */
    public PeerLauncher launcher(PeerKind kind, String name, LaunchContext context) {
        return find(kind, name).launcher(context);
    }

    /** Why each kind's default provider cannot run here (only those that cannot), in kind order. */
    public Map<PeerKind, String> problems(List<PeerKind> kinds, Browsers browsers) {
        Map<PeerKind, String> out = new LinkedHashMap<>();
        for (PeerKind k : kinds) {
            String why = problem(new PeerType(k, null), browsers);
            if (why != null) {
                out.put(k, why);
            }
        }
        return out;
    }

    /**
     * Why peers of {@code type} cannot run here, or null when they can.
     *
     * @throws BadInputException when no provider of that name exists for the kind
     */
    public String problem(PeerType type, Browsers browsers) {
        return problem(type, LaunchContext.forChecks(browsers).forPeer(type.image(), null));
    }

    /** Why peers of {@code type} cannot run with {@code context} (its image and Grid), or null when they can. */
    public String problem(PeerType type, LaunchContext context) {
        return launcher(type.kind(), type.provider(), context).problem();
    }

    /** Every provider, defaults first within each kind. */
    public List<PeerProvider> all() {
        return providers;
    }
}
