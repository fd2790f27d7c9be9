package org.rtcbench.runner;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to run a scenario: where results and cached media go, whether stats are sampled (off only
 * for the sampling-cost benchmark), where progress lines are printed, and when the user launched
 * rtcbench (for the cold-start figure).
 *
 * @param launchedAtMs epoch ms of the user's command, or 0 when unknown (the JVM start is used)
 * @param observer     told when the run directory exists and when the call starts and ends
 * @param force        run even when the peers asked for exceed what this host can hold ({@code --force})
 */
public record RunOptions(Path resultsRoot, Path mediaCache, Path workDir, boolean sampling, PrintStream out,
                         long launchedAtMs, RunObserver observer, boolean force) {

    /** Results under {@code results/}, media in the user cache, progress on stdout. */
    public static RunOptions defaults() {
        return new RunOptions(Path.of("results"), org.rtcbench.media.FakeMediaCache.defaultDirectory(),
                Path.of(System.getProperty("java.io.tmpdir"), "rtcbench"), true, System.out, 0, RunObserver.NONE, false);
    }

    public RunOptions withResultsRoot(Path p) {
        return new RunOptions(p, mediaCache, workDir, sampling, out, launchedAtMs, observer, force);
    }

    public RunOptions withSampling(boolean on) {
        return new RunOptions(resultsRoot, mediaCache, workDir, on, out, launchedAtMs, observer, force);
    }

    public RunOptions withOut(PrintStream p) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, p, launchedAtMs, observer, force);
    }

    public RunOptions withLaunchedAtMs(long ms) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, ms, observer, force);
    }

    public RunOptions withObserver(RunObserver o) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, o, force);
    }

    public RunOptions withWorkDir(java.nio.file.Path w) {
        return new RunOptions(resultsRoot, mediaCache, w, sampling, out, launchedAtMs, observer, force);
    }

    public RunOptions withForce(boolean f) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, observer, f);
    }

    public RunOptions withMediaCache(java.nio.file.Path m) {
        return new RunOptions(resultsRoot, m, workDir, sampling, out, launchedAtMs, observer, force);
    }
}
