package org.rtcbench.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.runner.ScenarioRunner;

/** What integration tests ask of a run: a peer's summary, and waiting for its samples while it runs. */
public final class Runs {
    private Runs() {
    }

    /** A test's run options: results, media cache and work directory under {@code tmp}, the console into {@code console}. */
    public static org.rtcbench.runner.RunOptions options(Path tmp, java.io.OutputStream console) {
        return org.rtcbench.runner.RunOptions.defaults().withResultsRoot(tmp.resolve("results"))
                .withOut(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8))
                .withMediaCache(tmp.resolve("media")).withWorkDir(tmp.resolve("work"));
    }

    /** The summary of peer {@code name}. */
    public static PeerSummary peer(RunSummary run, String name) {
        return run.peers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no peer " + name + " in " + run.peers()));
    }

    /** Waits up to 60 s until {@code peer}'s samples file of the running {@code runner} has {@code lines} lines; returns it. */
    public static Path waitForSamples(ScenarioRunner runner, String peer, int lines) throws InterruptedException, java.io.IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (runner.directory() != null) {
                Path f = runner.directory().path().resolve("samples").resolve(peer + ".jsonl");
                if (Files.exists(f) && Files.readAllLines(f).size() >= lines) {
                    return f;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + lines + " samples of " + peer + " within 60 s");
    }
}
