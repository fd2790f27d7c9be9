package org.rtcbench.cli;

import java.util.ArrayList;
import java.util.List;
import org.rtcbench.core.peer.LaunchContext;
import org.rtcbench.core.peer.PeerProvider;
import org.rtcbench.core.Version;
import org.rtcbench.core.scenario.Browsers;
import org.rtcbench.provider.PeerProviders;
import picocli.CommandLine;

/** {@code rtcbench --version}: rtcbench's version and every built-in provider's programs and versions (browsers and drivers at the default paths). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("rtcbench " + Version.get());
        lines.add("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        for (PeerProvider p : PeerProviders.builtIn().all()) {
            lines.addAll(p.launcher(LaunchContext.forChecks(Browsers.defaults())).versionLines());
        }
        return lines.toArray(String[]::new);
    }
}
