package org.rtcbench.cli;

import picocli.CommandLine;

/** The {@code rtcbench} entry point: runs a command and exits with its documented exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = execute(args);
        // Every browser, driver and file is closed by now. halt() skips the JVM's shutdown, where
        // libwebrtc's native threads print "VM attach current thread failed" as they try to attach.
        // They still may while the process exits, so closing System.out and System.err also points
        // file descriptors 1 and 2 at /dev/null (the JDK never really closes 0-2): rtcbench has
        // said all it has to say.
        System.out.close();
        System.err.close();
        Runtime.getRuntime().halt(code);
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
