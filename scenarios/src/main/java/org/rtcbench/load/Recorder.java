package org.rtcbench.load;

/**
 * Where a synthetic user's timings go: Gatling's statistics (so its report shows their
 * distributions) and the run's own load summary. Times are epoch milliseconds.
 */
public interface Recorder {
    /** One timed step, e.g. {@code join (publisher)}; {@code failure} null when it succeeded. */
    void record(String request, long startMs, long endMs, String failure);
}
