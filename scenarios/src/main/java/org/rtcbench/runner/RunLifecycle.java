package org.rtcbench.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;

/**
 * What every {@link Run} shares: being stopped early by a signal ({@link #stop} counts down, the
 * reason is kept), telling when everything is written ({@link #finished}), and its run directory.
 */
abstract class RunLifecycle implements Run {
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

    /** One slot per peer the scenario names, in its order. */
    static List<PeerSlot> slotsOf(Scenario scenario) {
        List<PeerSlot> out = new ArrayList<>();
        for (PeerGroup g : scenario.peers()) {
            for (String name : g.peerNames()) {
                out.add(new PeerSlot(name, g.kind(), g.role(), scenario.mediaOf(g)));
            }
        }
        return out;
    }
}
