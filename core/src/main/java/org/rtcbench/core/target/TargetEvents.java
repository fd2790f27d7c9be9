package org.rtcbench.core.target;

import java.util.Map;

/** Receives what happens while peers connect through a target (joined, connected, failed, ...), for events.jsonl. */
@FunctionalInterface
public interface TargetEvents {
    void event(String type, Map<String, ?> fields);
}
