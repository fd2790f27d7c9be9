package org.rtcbench.core.target;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a run gives a {@link TargetType} to open a target.
 *
 * @param connectTimeout the longest a request to the target, or a connection becoming connected, may take
 * @param workDir        where a local server keeps its configuration and logs
 * @param events         where the target reports what happens (events.jsonl)
 */
public record TargetContext(Duration connectTimeout, Path workDir, TargetEvents events) {
}
