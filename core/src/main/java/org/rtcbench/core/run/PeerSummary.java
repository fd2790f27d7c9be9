package org.rtcbench.core.run;

import java.util.Map;
import org.rtcbench.core.metric.Summary;

/**
 * One peer in run.json: who it was, exact versions, how long launch and connect took, how it
 * ended, and its metrics summarised (missing metrics are absent, never zero).
 */
public record PeerSummary(String name, String kind, String role, String browser, String browserVersion,
                          String driver, String driverVersion, Long launchMs, Long connectMs, String outcome,
                          String failure, int samples, Map<String, Summary> metrics) {
}
