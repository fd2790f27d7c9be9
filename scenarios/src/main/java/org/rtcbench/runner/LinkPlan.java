package org.rtcbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.target.p2p.P2pRoom;

/**
 * The exact peer connections a run makes instead of the full mesh, and how they are judged: the
 * interop matrix plans one link per cell and turns each link's measurements into a cell.
 */
public record LinkPlan(List<PlannedLink> links, Judge judge) {

    /** One peer connection to make, by peer names. */
    public record PlannedLink(String offerer, String answerer, String id, String videoCodec) {
    }

    /** What a run measured, per connection. */
    public interface Measurements {
        /** One peer's metrics of one connection, over time (empty when never sampled). */
        List<MetricPoint> points(String peer, String connectionId);

        /** One peer's last raw sample, or null. */
        JsonNode lastSample(String peer);
    }

    /** Turns each link's outcome and measurements into interop cells. */
    public interface Judge {
        List<InteropCell> judge(Map<String, P2pRoom.LinkOutcome> links, Measurements measured);
    }
}
