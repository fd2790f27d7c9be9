package org.rtcbench.runner;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rtcbench.core.metric.Metric;

/** The one progress line per sampling tick: connected peers, fps, bitrate in/out and RTT per peer. */
final class Progress {
    private Progress() {
    }

    static String line(long atMs, List<PeerSlot> slots) {
        long connected = slots.stream().filter(s -> s.connectMs != null && s.failure == null).count();
        return String.format("[%3ds] %d/%d connected | fps in %s | kbps in %s out %s | rtt ms %s",
                Math.round(atMs / 1000.0), connected, slots.size(),
                each(slots, Metric.VIDEO_FPS, "%.0f"), each(slots, Metric.BITRATE_IN, "%.0f"),
                each(slots, Metric.BITRATE_OUT, "%.0f"), each(slots, Metric.RTT, "%.1f"));
    }

    /** One value per peer, slash separated; "-" where the peer has not reported the metric. */
    private static String each(List<PeerSlot> slots, Metric m, String format) {
        Function<PeerSlot, String> value = s -> {
            Map<Metric, Double> last = s.lastMetrics;
            Double v = s.failure == null ? last.get(m) : null;
            return v == null ? "-" : String.format(java.util.Locale.ROOT, format, v);
        };
        return slots.stream().map(value).collect(Collectors.joining("/"));
    }
}
