package org.rtcbench.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.function.Consumer;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.LaunchContext;
import org.rtcbench.core.peer.PeerLauncher;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.media.FakeMediaCache;
import org.rtcbench.report.RunReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link Run} shares: being stopped early by a signal ({@link #stop} counts down, the
 * reason is kept), telling when everything is written ({@link #finished}), and its run directory.
 */
abstract class RunLifecycle implements Run {
    private static final Logger LOG = LoggerFactory.getLogger(RunLifecycle.class);
    /** Length of the generated media files, which the browsers loop. */
    private static final Duration MEDIA_LOOP = Duration.ofSeconds(5);
    /** Counts down when the run must end: its time is up, or it was interrupted. */
    protected final CountDownLatch stop = new CountDownLatch(1);
    /** Counts down once {@link #run()} has stopped everything and written its files. */
    protected final CountDownLatch finished = new CountDownLatch(1);
    protected final AtomicBoolean interrupted = new AtomicBoolean();
    protected volatile String interruptReason;
    protected volatile RunDirectory dir;

    /** Stops the run early (SIGINT/SIGTERM): what was measured is kept and run.json says {@code interrupted}. */
    @Override
    public void interrupt(String reason) {
        if (interrupted.compareAndSet(false, true)) {
            interruptReason = reason;
            stop.countDown();
        }
    }

    /** Waits until {@link #run()} has stopped everything and written its files. */
    @Override
    public boolean awaitFinished(long timeoutMs) throws InterruptedException {
        return finished.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The run directory, once created. */
    @Override
    public RunDirectory directory() {
        return dir;
    }

    /** Creates this run's directory, tells the observer, and keeps the scenario as run in it. */
    protected RunDirectory openDirectory(RunOptions options, Scenario scenario) {
        dir = RunDirectory.create(options.resultsRoot(), scenario.name());
        options.observer().directoryCreated(dir);
        dir.writeText("scenario.yaml", ScenarioLoader.toYaml(scenario));
        return dir;
    }

    /**
     * Ends the run in one place: the run-ended event, run.json and every report written, the directory
     * closed and {@link #finished} counted down whatever fails on the way, then {@code printSummary}.
     * When a file cannot be written, what is already on disk stays, and one line says what failed.
     *
     * @throws BadInputException when run.json or a report could not be written (disk full, no permission)
     */
    protected void end(RunSummary summary, Consumer<RunSummary> printSummary) {
        RuntimeException writeFailure = null;
        try {
            dir.event("run-ended", Map.of("status", summary.status().id()));
            dir.writeJson("run.json", summary);
            // report.html, junit.xml, metrics.csv and summary.json, from run.json and the samples and events on disk
            RunReports.write(dir.path(), summary);
        } catch (RuntimeException e) {
            writeFailure = e;
            LOG.error("writing the files of run {} failed", dir.runId(), e);
        } finally {
            try {
                dir.close();
            } finally {
                finished.countDown();
            }
        }
        if (writeFailure != null) {
            throw new BadInputException("run " + dir.runId() + " ended " + summary.status().id() + ", but its files could not "
                    + "all be written: " + writeFailure.getMessage() + " (what was measured is in " + dir.path()
                    + "; free space or fix permissions there, then: rtcbench report " + dir.path() + ")");
        }
        printSummary.accept(summary);
    }

    /**
     * What launches {@code slot}'s peer in this run: its provider's launcher, with driver logs in the
     * run's {@code logs/} and synthetic peers' ICE candidates naming {@code candidateAddress}.
     */
    protected PeerLauncher launcher(PeerSlot slot, Scenario scenario, RunOptions options, String candidateAddress) {
        return options.providers().launcher(slot.kind, slot.provider,
                new LaunchContext(scenario.browsers(), options.workDir(), dir.path().resolve("logs"), candidateAddress));
    }

    /** The fake camera and microphone files a peer plays: none for a launcher that makes its own media, or a peer that only receives. */
    protected record MediaFiles(Path video, Path audio) {
        static MediaFiles of(PeerLauncher launcher, PeerSlot slot, RunOptions options) {
            if (!launcher.playsMediaFiles() || !slot.role.sends()) {
                return new MediaFiles(null, null);
            }
            FakeMediaCache cache = new FakeMediaCache(options.mediaCache());
            try {
                VideoSpec v = slot.media.video();
                return new MediaFiles(cache.video(v.width(), v.height(), v.fps(), MEDIA_LOOP),
                        slot.media.audio() ? cache.audio(MEDIA_LOOP) : null);
            } catch (IOException e) {
                throw new BadInputException("cannot write fake media files to " + options.mediaCache() + ": " + e.getMessage());
            }
        }
    }

    /** One slot per peer the scenario names, in its order. */
    static List<PeerSlot> slotsOf(Scenario scenario) {
        List<PeerSlot> out = new ArrayList<>();
        for (PeerGroup g : scenario.peers()) {
            for (String name : g.peerNames()) {
                out.add(new PeerSlot(name, g.kind(), g.provider(), g.role(), scenario.mediaOf(g)));
            }
        }
        return out;
    }

    /** Daemon threads named {@code rtcbench-<name>}, so no run thread keeps the JVM alive. */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, "rtcbench-" + name);
            t.setDaemon(true);
            return t;
        };
    }
}
