package org.rtcbench.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import org.rtcbench.provider.PeerProviders;
import org.rtcbench.target.Targets;

/**
 * How to run a scenario: where results and cached media go, whether stats are sampled (off only
 * for the sampling-cost benchmark), where progress lines are printed, and when the user launched
 * rtcbench (for the cold-start figure).
 *
 * @param launchedAtMs epoch ms of the user's command, or 0 when unknown (the JVM start is used)
 * @param observer     told when the run directory exists and when the call starts and ends
 * @param force        run even when the peers asked for exceed what this host can hold ({@code --force})
 * @param providers    where each kind of peer can run, and what launches it
 * @param targets      the target types a scenario's {@code target:} may name, and what opens each
 * @param gridUrl      the Selenium Grid of grid peers that name none ({@code --grid-url}), or null
 * @param harnessHost  the address the harness page binds to ({@code --harness-host}); null: 127.0.0.1
 */
public record RunOptions(Path resultsRoot, Path mediaCache, Path workDir, boolean sampling, PrintStream out,
                         long launchedAtMs, RunObserver observer, boolean force, PeerProviders providers, Targets targets,
                         String gridUrl, String harnessHost) {

    /** Results under {@code results/}, media in the user cache, progress on stdout. */
    public static RunOptions defaults() {
        return new RunOptions(Path.of("results"), org.rtcbench.media.FakeMediaCache.defaultDirectory(),
                Path.of(System.getProperty("java.io.tmpdir"), "rtcbench"), true, System.out, 0, RunObserver.NONE, false,
                PeerProviders.builtIn(), Targets.builtIn(), null, null);
    }

    public RunOptions withResultsRoot(Path p) {
        return new RunOptions(p, mediaCache, workDir, sampling, out, launchedAtMs, observer, force, providers, targets, gridUrl, harnessHost);
    }

    public RunOptions withSampling(boolean on) {
        return new RunOptions(resultsRoot, mediaCache, workDir, on, out, launchedAtMs, observer, force, providers, targets, gridUrl, harnessHost);
    }

    public RunOptions withOut(PrintStream p) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, p, launchedAtMs, observer, force, providers, targets, gridUrl, harnessHost);
    }

    public RunOptions withLaunchedAtMs(long ms) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, ms, observer, force, providers, targets, gridUrl, harnessHost);
    }

    public RunOptions withObserver(RunObserver o) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, o, force, providers, targets, gridUrl, harnessHost);
    }

    public RunOptions withWorkDir(java.nio.file.Path w) {
        return new RunOptions(resultsRoot, mediaCache, w, sampling, out, launchedAtMs, observer, force, providers, targets, gridUrl, harnessHost);
    }

    public RunOptions withForce(boolean f) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, observer, f, providers, targets, gridUrl, harnessHost);
    }

    public RunOptions withProviders(PeerProviders p) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, observer, force, p, targets, gridUrl, harnessHost);
    }

    public RunOptions withTargets(Targets t) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, observer, force, providers, t, gridUrl, harnessHost);
    }

    public RunOptions withMediaCache(java.nio.file.Path m) {
        return new RunOptions(resultsRoot, m, workDir, sampling, out, launchedAtMs, observer, force, providers, targets, gridUrl, harnessHost);
    }

    public RunOptions withGridUrl(String url) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, observer, force, providers, targets, url, harnessHost);
    }

    public RunOptions withHarnessHost(String host) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, observer, force, providers, targets, gridUrl, host);
    }
}
