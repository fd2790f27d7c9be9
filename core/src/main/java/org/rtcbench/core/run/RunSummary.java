package org.rtcbench.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.assertion.AssertionResult;

/**
 * The content of run.json: the whole run in one document, for people and for CI. {@code matrix}
 * holds the cells of an interop run and is empty otherwise; {@code load} is present only for a load run;
 * {@code capacity} is what the run was estimated to ask of this host before launch, and, for an
 * interop run, how many cells ran at once and why.
 */
public record RunSummary(String runId, String scenario, RunStatus status, String reason, String startedAt,
                         String endedAt, Long durationMs, Long firstConnectedAfterLaunchMs, String rtcbenchVersion,
                         Map<String, Object> host, List<PeerSummary> peers, List<AssertionResult> assertions,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<InteropCell> matrix,
                         @JsonInclude(JsonInclude.Include.NON_NULL) LoadSummary load,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> capacity,
                         @JsonInclude(JsonInclude.Include.NON_NULL) NetworkSummary network) {
    public RunSummary {
        matrix = matrix == null ? List.of() : List.copyOf(matrix);
        capacity = capacity == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capacity));
    }

    /** A run on a perfect network. */
    public RunSummary(String runId, String scenario, RunStatus status, String reason, String startedAt, String endedAt,
                      Long durationMs, Long firstConnectedAfterLaunchMs, String rtcbenchVersion, Map<String, Object> host,
                      List<PeerSummary> peers, List<AssertionResult> assertions, List<InteropCell> matrix, LoadSummary load,
                      Map<String, Object> capacity) {
        this(runId, scenario, status, reason, startedAt, endedAt, durationMs, firstConnectedAfterLaunchMs, rtcbenchVersion,
                host, peers, assertions, matrix, load, capacity, null);
    }

    /** A run with its load summary (null for a call) and no capacity estimate. */
    public RunSummary(String runId, String scenario, RunStatus status, String reason, String startedAt, String endedAt,
                      Long durationMs, Long firstConnectedAfterLaunchMs, String rtcbenchVersion, Map<String, Object> host,
                      List<PeerSummary> peers, List<AssertionResult> assertions, List<InteropCell> matrix, LoadSummary load) {
        this(runId, scenario, status, reason, startedAt, endedAt, durationMs, firstConnectedAfterLaunchMs, rtcbenchVersion,
                host, peers, assertions, matrix, load, null);
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
                rtcbenchVersion, host, peers, assertions, matrix, loadSummary, capacity, network);
    }

    /** This run with what it was estimated to ask of the host (and, for an interop run, its waves). */
    public RunSummary withCapacity(Map<String, Object> c) {
        return new RunSummary(runId, scenario, status, reason, startedAt, endedAt, durationMs, firstConnectedAfterLaunchMs,
                rtcbenchVersion, host, peers, assertions, matrix, load, c, network);
    }

    /** This run with these peers. */
    public RunSummary withPeers(List<PeerSummary> p) {
        return new RunSummary(runId, scenario, status, reason, startedAt, endedAt, durationMs, firstConnectedAfterLaunchMs,
                rtcbenchVersion, host, p, assertions, matrix, load, capacity, network);
    }

    /** This run with what its network did. */
    public RunSummary withNetwork(NetworkSummary n) {
        return new RunSummary(runId, scenario, status, reason, startedAt, endedAt, durationMs, firstConnectedAfterLaunchMs,
                rtcbenchVersion, host, peers, assertions, matrix, load, capacity, n);
    }
}
