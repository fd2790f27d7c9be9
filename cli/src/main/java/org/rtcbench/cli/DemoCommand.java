package org.rtcbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.provider.PeerProviders;
import org.rtcbench.runner.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rtcbench demo}: the bundled default scenario, a real call and a real report, with the browsers this host has. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bundled demo (first installing the Debian packages it needs when they are missing, as root; "
                + "see --no-install): Chromium calls Firefox (two of one kind when only one is installed, two "
                + "synthetic Java peers when none is) "
                + "in a P2P call with a fake 640x480 camera, a tone and a data channel for 20 s, then write results/<run-id>/.")
final class DemoCommand implements Callable<Integer> {
    /** The demo scenario inside the jar (scenarios/demo.yaml in the source tree). */
    static final String DEMO = "org/rtcbench/scenarios/demo.yaml";

    @Mixin
    RunFlags flags;

    @Option(names = "--no-install", description = "Do not install missing Debian packages (chromium, chromium-driver, "
            + "firefox-esr, libpulse0): print the command that would, and exit 2. Without it, rtcbench run as root "
            + "installs them through ci/setup first, and says so.")
    boolean noInstall;

    @Override
    public Integer call() {
        Path setup = DemoPackages.findSetup();
        if (setup != null) {
            new DemoPackages(setup, System.out).ensure(noInstall);
        }
        RunOptions options = flags.options();
        return RunExecution.run(withInstalledBrowsers(flags.apply(ScenarioLoader.loadResource(DEMO)), options.providers()), options);
    }

    /** The demo's peers, adapted to the browsers found: Chromium and Firefox, or two of whichever is there. */
    static Scenario withInstalledBrowsers(Scenario demo, PeerProviders providers) {
        Map<PeerKind, String> problems = providers.problems(List.of(PeerKind.CHROME, PeerKind.FIREFOX), demo.browsers());
        String chrome = problems.get(PeerKind.CHROME);
        String firefox = problems.get(PeerKind.FIREFOX);
        if (chrome == null && firefox == null) {
            return demo;
        }
        if (chrome != null && firefox != null) {
            // only now: checking Java peers loads libwebrtc
            String java = providers.problems(List.of(PeerKind.JAVA), demo.browsers()).get(PeerKind.JAVA);
            if (java != null) {
                throw new BadInputException("no peer for the demo: " + chrome + "; and " + firefox + "; and " + java);
            }
            System.out.println("demo: no browser found (" + chrome + "; " + firefox + "); using two synthetic Java peers instead");
            return demo.withPeers(List.of(new PeerGroup(PeerKind.JAVA, null, 2, null, null)));
        }
        PeerKind kind = chrome == null ? PeerKind.CHROME : PeerKind.FIREFOX;
        System.out.println("demo: " + (chrome == null ? firefox : chrome) + "; using two " + kind.id() + " peers");
        return demo.withPeers(List.of(new PeerGroup(kind, null, 2, null, null)));
    }
}
