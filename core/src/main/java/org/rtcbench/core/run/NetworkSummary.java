package org.rtcbench.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * run.json's {@code network}: where the impairment was applied ({@code backend}), its seed, and per
 * peer link direction what was configured and what was measured at the impairment point, so that
 * nobody has to trust that a setting took effect; then the timeline steps as they were applied.
 *
 * @param relayPorts      how many relay ports stood for candidates
 * @param relayCpuSeconds CPU the relay's threads used in the whole run
 */
public record NetworkSummary(String backend, long seed, int relayPorts, double relayCpuSeconds, List<Link> links,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Step> steps) {
    /**
     * One direction of one peer's access link.
     *
     * @param configured     the link at the start, e.g. {@code delay 25ms, loss 5%}
     * @param last           the link at the end, after the timeline's changes
     * @param dropPercent    packets dropped, of those that arrived
     * @param drops          dropped packets by cause: loss, queue (the bandwidth cap's), blackout
     * @param meanAddedMs    the mean delay a passed packet got on this link (queueing included)
     * @param peakKbps       the most kbit/s that left this link in any one second
     */
    public record Link(String peer, String direction, String configured, String last, long arrived, long passed,
                       long dropped, double dropPercent, Map<String, Long> drops, long duplicated, long reordered,
                       double meanAddedMs, double peakKbps, long bytes) {
    }

    /** A timeline step as it was applied: when (ms after sampling began), to whom, and what. */
    public record Step(long atMs, String peers, String change) {
    }
}
