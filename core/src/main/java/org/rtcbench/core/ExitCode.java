package org.rtcbench.core;

/** The process exit codes of every rtcbench command, in one place. */
public final class ExitCode {
    /** The run passed: every peer connected and every assertion held. */
    public static final int PASSED = 0;
    /** An assertion failed or a peer failed. */
    public static final int FAILED = 1;
    /** Bad input or environment: scenario, flags, missing browser, unreachable target. */
    public static final int BAD_INPUT = 2;
    /** Interrupted by SIGINT (Ctrl-C); run.json says {@code interrupted}. */
    public static final int INTERRUPTED_SIGINT = 130;
    /** Interrupted by SIGTERM; run.json says {@code interrupted}. */
    public static final int INTERRUPTED_SIGTERM = 143;

    private ExitCode() {
    }
}
