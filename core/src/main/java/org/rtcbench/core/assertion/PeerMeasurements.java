package org.rtcbench.core.assertion;

import java.util.List;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.peer.PeerKind;

/** What assertions are judged on for one peer: who it is, when it connected, its metrics over time. */
public record PeerMeasurements(String name, PeerKind kind, boolean sends, boolean receives, Long connectedAfterMs,
                               List<MetricPoint> points) {
}
