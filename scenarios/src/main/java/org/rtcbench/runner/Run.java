package org.rtcbench.runner;

import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunSummary;

/** One run in the foreground, a call ({@link ScenarioRunner}) or a load run ({@link LoadRunner}), stoppable from a signal handler. */
public interface Run {

    /** Runs to the end and returns the summary (also written to run.json). */
    RunSummary run();

    /** Stops the run early (SIGINT/SIGTERM): what was measured is kept and run.json says {@code interrupted}. */
    void interrupt(String reason);

    /** Waits until {@link #run()} has stopped everything and written its files. */
    boolean awaitFinished(long timeoutMs) throws InterruptedException;

    /** The run directory, once created. */
    RunDirectory directory();
}
