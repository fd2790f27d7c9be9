package org.rtcbench.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.rtcbench.core.run.RunDirectory;

/**
 * How to run a scenario: where results and cached media go, whether stats are sampled (off only
 * for the sampling-cost benchmark), where progress lines are printed, and when the user launched
 * rtcbench (for the cold-start figure).
 *
 * @param launchedAtMs epoch ms of the user's command, or 0 when unknown (the JVM start is used)
 * @param onDirectory  called once the run directory exists, e.g. to attach the run's log file
 */
public record RunOptions(Path resultsRoot, Path mediaCache, Path workDir, boolean sampling, PrintStream out,
                         long launchedAtMs, Consumer<RunDirectory> onDirectory) {

    /** Results under {@code results/}, media in the user cache, progress on stdout. */
    public static RunOptions defaults() {
        return new RunOptions(Path.of("results"), org.rtcbench.media.FakeMediaCache.defaultDirectory(),
                Path.of(System.getProperty("java.io.tmpdir"), "rtcbench"), true, System.out, 0, d -> {
                });
    }

    public RunOptions withResultsRoot(Path p) {
        return new RunOptions(p, mediaCache, workDir, sampling, out, launchedAtMs, onDirectory);
    }

    public RunOptions withSampling(boolean on) {
        return new RunOptions(resultsRoot, mediaCache, workDir, on, out, launchedAtMs, onDirectory);
    }

    public RunOptions withOut(PrintStream p) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, p, launchedAtMs, onDirectory);
    }

    public RunOptions withLaunchedAtMs(long ms) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, ms, onDirectory);
    }

    public RunOptions withOnDirectory(Consumer<RunDirectory> c) {
        return new RunOptions(resultsRoot, mediaCache, workDir, sampling, out, launchedAtMs, c);
    }
}
