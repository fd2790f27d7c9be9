package org.rtcbench.cli;

import org.rtcbench.core.BadInputException;
import org.rtcbench.core.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Turns what a command throws into one line on stderr and an exit code; stack traces only with --verbose. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);
    /** An rtcbench bug or an unexpected failure of a library: not the user's input, not a failed run. */
    static final int INTERNAL_ERROR = 3;

    private final boolean verbose;

    ErrorHandler(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof BadInputException) {
            cmd.getErr().println("rtcbench: " + e.getMessage());
            LOG.debug("bad input", e);
            return ExitCode.BAD_INPUT;
        }
        LOG.error("unexpected failure", e);
        cmd.getErr().println("rtcbench: unexpected failure: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            e.printStackTrace(cmd.getErr());
        }
        return INTERNAL_ERROR;
    }
}
