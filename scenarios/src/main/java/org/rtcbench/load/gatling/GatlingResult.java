package org.rtcbench.load.gatling;

import java.nio.file.Path;

/**
 * What one {@link GatlingRun} left behind: Gatling's status, and where its simulation.log and
 * HTML report are.
 *
 * @param runId Gatling's run id, also the name of {@code runDirectory}
 * @param statusCode Gatling's own status code: 0 success, 2 assertions failed
 * @param assertionsFailed whether at least one of the simulation's assertions failed
 * @param runDirectory the folder holding this run's log and report
 * @param simulationLog Gatling's binary record of every request and user
 * @param reportIndex the HTML report's {@code index.html}
 */
public record GatlingResult(String runId, int statusCode, boolean assertionsFailed, Path runDirectory,
                            Path simulationLog, Path reportIndex) {
}
