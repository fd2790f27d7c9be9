package org.rtcbench.core.target;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a run gives a {@link TargetType} to open a target.
 *
 * @param connectTimeout the longest a request to the target, or a connection becoming connected, may take
 * @param workDir        where a local server keeps its configuration and logs
 * @param events         where the target reports what happens (events.jsonl)
 * @param path           what every SDP the target relays goes through: the run's impaired network, or direct
 */
public record TargetContext(Duration connectTimeout, Path workDir, TargetEvents events, MediaPath path) {
    public TargetContext {
        path = path == null ? MediaPath.DIRECT : path;
    }

    /** A context whose peers meet directly, on a perfect network. */
    public TargetContext(Duration connectTimeout, Path workDir, TargetEvents events) {
        this(connectTimeout, workDir, events, MediaPath.DIRECT);
    }
}
