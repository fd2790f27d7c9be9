package org.rtcbench.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Durations;
import org.rtcbench.core.scenario.BrowserConfig;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.runner.RunObserver;
import org.rtcbench.core.scenario.NetworkSpec;
import org.rtcbench.runner.RunOptions;
import picocli.CommandLine.Option;

/** Options shared by every command that runs a scenario. */
final class RunFlags {
    @Option(names = "--duration", paramLabel = "DURATION", description = "Override the scenario's call duration, e.g. 30s or 2m.")
    String duration;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Where run directories are written (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--chrome-binary", paramLabel = "PATH", description = "Chromium/Chrome executable (default: the scenario's, else /usr/bin/chromium).")
    String chromeBinary;

    @Option(names = "--chrome-driver", paramLabel = "PATH",
            description = "chromedriver executable, or 'selenium-manager' to let Selenium Manager find one (default: /usr/bin/chromedriver).")
    String chromeDriver;

    @Option(names = "--firefox-binary", paramLabel = "PATH", description = "Firefox executable (default: the scenario's, else /usr/bin/firefox-esr).")
    String firefoxBinary;

    @Option(names = "--firefox-driver", paramLabel = "PATH",
            description = "geckodriver executable, or 'bidi' to drive Firefox over WebDriver BiDi without one "
                    + "(default: a geckodriver on PATH, else BiDi).")
    String firefoxDriver;

    @Option(names = "--force", description = "Run even when the peers (or P2P connections) asked for exceed what this "
            + "host can hold: before launch, rtcbench estimates the cores, memory and threads they need from measured "
            + "per-peer costs, and otherwise refuses such a run with exit 2.")
    boolean force;

    @Option(names = "--grid-url", paramLabel = "URL", description = "The Selenium Grid 4 that chrome@grid and firefox@grid peers "
            + "run on, unless a peer names its own url:, e.g. http://127.0.0.1:4444.")
    String gridUrl;

    @Option(names = "--harness-host", paramLabel = "ADDRESS", description = "The address of this machine that the harness page "
            + "binds to and browsers open it at (default: 127.0.0.1). Name one beyond loopback only when a Grid node on "
            + "another machine must reach it; rtcbench says so when it does.")
    String harnessHost;

    @Option(names = "--network", paramLabel = "LINK", description = "Every peer's access link, replacing the scenario's "
            + "network: sections, e.g. delay=25ms,jitter=10ms,loss=5%%,bandwidth=800kbps (also burst, queue, reorder, duplicate; "
            + "up.X= or down.X= for one direction; seed=N). Between two peers a packet crosses both their links; an SFU's is clean.")
    String network;

    @Option(names = {"-v", "--verbose"}, description = "Print log lines and stack traces on stderr.")
    boolean verbose;

    /** The scenario with command-line overrides applied. */
    Scenario apply(Scenario scenario) {
        Scenario s = scenario;
        if (duration != null) {
            Duration d;
            try {
                d = Durations.parse(duration);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--duration " + e.getMessage());
            }
            if (d.isZero()) {
                throw new BadInputException("--duration must be positive, e.g. 20s");
            }
            s = s.withDuration(d);
        }
        if (chromeBinary != null || chromeDriver != null || firefoxBinary != null || firefoxDriver != null) {
            s = s.withBrowsers(s.browsers().overriddenBy(new BrowserConfig(chromeBinary, chromeDriver, null),
                    new BrowserConfig(firefoxBinary, firefoxDriver, null)));
        }
        return applyNetwork(s);
    }

    /** The scenario with every peer on {@code --network}'s link, when it is given. */
    Scenario applyNetwork(Scenario s) {
        if (network == null) {
            return s;
        }
        try {
            return s.withNetwork(NetworkSpec.parseFlag(network));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--network " + network + ": " + e.getMessage());
        }
    }

    RunOptions options() {
        long launchedAt = Long.getLong("rtcbench.launchedAt", 0L);
        return RunOptions.defaults().withResultsRoot(results).withLaunchedAtMs(launchedAt).withForce(force)
                .withGridUrl(gridUrl).withHarnessHost(harnessHost)
                .withObserver(new RunObserver() {
                    @Override
                    public void directoryCreated(RunDirectory dir) {
                        Logging.toFile(dir.path().resolve("rtcbench.log"));
                    }
                });
    }
}
