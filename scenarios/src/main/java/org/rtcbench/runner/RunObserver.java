package org.rtcbench.runner;

import org.rtcbench.core.run.RunDirectory;

/** Hooks into a run's phases, for the CLI (attach the run's log file) and benchmarks (measure the call window). */
public interface RunObserver {
    /** Does nothing. */
    RunObserver NONE = new RunObserver() {
    };

    /** The run directory exists. */
    default void directoryCreated(RunDirectory dir) {
    }

    /** Peers are connected and the timed part of the call begins. */
    default void callStarted() {
    }

    /** The timed part of the call is over; peers are about to be closed. */
    default void callEnding() {
    }
}
