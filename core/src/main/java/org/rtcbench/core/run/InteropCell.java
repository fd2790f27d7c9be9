package org.rtcbench.core.run;

import java.util.Map;

/**
 * One cell of an interop matrix: {@code caller} (a peer kind) offers to {@code callee}, with an
 * optional only video codec. Outcome {@code passed}, {@code failed} (with the reason) or
 * {@code skipped} (with why, e.g. a kind not installed). {@code measured} holds the numbers the
 * verdict used, each direction separately; {@code codecs} what was negotiated.
 */
public record InteropCell(String caller, String callee, String codec, String outcome, String reason, Long connectMs,
                          Map<String, Double> measured, Map<String, String> codecs) {
    public boolean failed() {
        return "failed".equals(outcome);
    }

    /** The cell's name in junit.xml and reports, e.g. {@code chrome -> firefox (vp8)}. */
    public String title() {
        return caller + " -> " + callee + (codec == null ? "" : " (" + codec + ")");
    }
}
