package org.rtcbench.cli;

import picocli.CommandLine;

/** The {@code rtcbench} entry point: runs a command and exits with its documented exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this without exiting). */
    public static int execute(String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose") || java.util.Arrays.asList(args).contains("-v");
        Logging.init(verbose);
        CommandLine cmd = new CommandLine(new RtcbenchCommand());
        cmd.setExecutionExceptionHandler(new ErrorHandler(verbose));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd.execute(args);
    }
}
