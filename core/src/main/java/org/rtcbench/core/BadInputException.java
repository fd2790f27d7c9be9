package org.rtcbench.core;

/**
 * Bad input or a missing prerequisite: a scenario that does not parse, a browser that is not
 * installed, an unreachable target. The message is one line that says what, where and what to
 * do; the CLI prints it without a stack trace and exits with {@link ExitCode#BAD_INPUT}.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
