package org.rtcbench.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.assertion.AssertionResult;

/**
 * The content of run.json: the whole run in one document, for people and for CI. {@code matrix}
 * holds the cells of an interop run and is empty otherwise; {@code load} is present only for a load run.
 */
public record RunSummary(String runId, String scenario, RunStatus status, String reason, String startedAt,
                         String endedAt, Long durationMs, Long firstConnectedAfterLaunchMs, String rtcbenchVersion,
                         Map<String, Object> host, List<PeerSummary> peers, List<AssertionResult> assertions,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<InteropCell> matrix,
                         @JsonInclude(JsonInclude.Include.NON_NULL) LoadSummary load) {
    public RunSummary {
        matrix = matrix == null ? List.of() : List.copyOf(matrix);
    }

    /** A run that was not a load run. */
    public RunSummary(String runId, String scenario, RunStatus status, String reason, String startedAt, String endedAt,
                      Long durationMs, Long firstConnectedAfterLaunchMs, String rtcbenchVersion, Map<String, Object> host,
                      List<PeerSummary> peers, List<AssertionResult> assertions, List<InteropCell> matrix) {
        this(runId, scenario, status, reason, startedAt, endedAt, durationMs, firstConnectedAfterLaunchMs, rtcbenchVersion,
                host, peers, assertions, matrix, null);
    }

    /** This run with its load summary. */
    public RunSummary withLoad(LoadSummary loadSummary) {
        return new RunSummary(runId, scenario, status, reason, startedAt, endedAt, durationMs, firstConnectedAfterLaunchMs,
                rtcbenchVersion, host, peers, assertions, matrix, loadSummary);
    }
}
