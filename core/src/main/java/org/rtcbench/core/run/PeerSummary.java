package org.rtcbench.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.rtcbench.core.metric.Summary;

/**
 * One peer in run.json: who it was, exact versions, how long launch and connect took, how it
 * ended, and its metrics summarised (missing metrics are absent, never zero). {@code provider},
 * {@code image}, {@code imageId} and {@code grid} say where it ran, when not on this host's default;
 * {@code received}, what it saw of each connection's video by the markers (one entry a subscription).
 */
public record PeerSummary(String name, String kind, String role, String browser, String browserVersion,
                          String driver, String driverVersion, Long launchMs, Long connectMs, String outcome,
                          String failure, int samples, Map<String, Summary> metrics,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String provider,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String image,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String imageId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String grid,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> iceCandidateTypes,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<ReceivedFeed> received) {
    public PeerSummary {
        iceCandidateTypes = iceCandidateTypes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(iceCandidateTypes));
        received = received == null ? java.util.List.of() : java.util.List.copyOf(received);
    }

    /** A peer without per-connection marker readings. */
    public PeerSummary(String name, String kind, String role, String browser, String browserVersion,
                       String driver, String driverVersion, Long launchMs, Long connectMs, String outcome,
                       String failure, int samples, Map<String, Summary> metrics, String provider, String image, String imageId,
                       String grid, Map<String, String> iceCandidateTypes) {
        this(name, kind, role, browser, browserVersion, driver, driverVersion, launchMs, connectMs, outcome, failure,
                samples, metrics, provider, image, imageId, grid, iceCandidateTypes, null);
    }

    /** A peer whose selected candidate pair is not known. */
    public PeerSummary(String name, String kind, String role, String browser, String browserVersion,
                       String driver, String driverVersion, Long launchMs, Long connectMs, String outcome,
                       String failure, int samples, Map<String, Summary> metrics, String provider, String image, String imageId,
                       String grid) {
        this(name, kind, role, browser, browserVersion, driver, driverVersion, launchMs, connectMs, outcome, failure,
                samples, metrics, provider, image, imageId, grid, null, null);
    }

    /** A peer on its kind's default provider. */
    public PeerSummary(String name, String kind, String role, String browser, String browserVersion,
                       String driver, String driverVersion, Long launchMs, Long connectMs, String outcome,
                       String failure, int samples, Map<String, Summary> metrics) {
        this(name, kind, role, browser, browserVersion, driver, driverVersion, launchMs, connectMs, outcome, failure,
                samples, metrics, null, null, null, null);
    }

    /** Where it ran when not on this host: {@code image rtcbench/chromium:latest (5c2665175b2f)}, {@code grid http://...}; else null. */
    public String where() {
        if (image != null) {
            String id = imageId == null ? "" : imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
            return "image " + image + (id.isEmpty() ? "" : " (" + id.substring(0, Math.min(12, id.length())) + ")");
        }
        return grid == null ? null : "grid " + grid;
    }
}
