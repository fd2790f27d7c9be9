package org.rtcbench.browser.bidi;

/** A WebDriver BiDi command failed: an error reply, no reply in time, or the browser went away. */
public class BiDiException extends RuntimeException {
    public BiDiException(String message) {
        super(message);
    }

    public BiDiException(String message, Throwable cause) {
        super(message, cause);
    }
}
