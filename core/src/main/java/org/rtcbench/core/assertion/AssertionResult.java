package org.rtcbench.core.assertion;

import java.util.Map;

/**
 * The outcome of one assertion: expected, measured per selected peer (null where the metric was
 * not measured), and one sentence that says why it passed or failed.
 */
public record AssertionResult(String assertion, boolean passed, String expected, Map<String, Double> measured,
                              String message) {
}
