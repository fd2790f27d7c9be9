package org.rtcbench.core.run;

import com.fasterxml.jackson.annotation.JsonValue;
import org.rtcbench.core.ExitCode;

/** How a run ended; each status has one exit code. */
public enum RunStatus {
    /** Still going (what run.json says while the run is alive, so a crash is visible). */
    RUNNING,
    PASSED,
    /** An assertion or a peer failed. */
    FAILED,
    /** SIGINT or SIGTERM ended the run early; what was measured is kept. */
    INTERRUPTED,
    /** Bad input or environment discovered during the run (e.g. a browser that does not start). */
    ERROR;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int exitCode() {
        return switch (this) {
            case PASSED -> ExitCode.PASSED;
            case FAILED, RUNNING -> ExitCode.FAILED;
            case INTERRUPTED -> ExitCode.INTERRUPTED_SIGTERM;
            case ERROR -> ExitCode.BAD_INPUT;
        };
    }
}
