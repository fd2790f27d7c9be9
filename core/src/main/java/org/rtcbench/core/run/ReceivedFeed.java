package org.rtcbench.core.run;

import java.util.Map;
import org.rtcbench.core.metric.Summary;

/**
 * What one receiver saw of one connection's incoming video (a subscription, through an SFU), from
 * the frames' markers: end-to-end delay, frames shown, freezes and quality, summarised like a
 * peer's metrics.
 *
 * @param connection the receiver's connection id
 * @param from       the sending peer, named from the sender id in its markers ({@code marker 123} for a sender this run did not start)
 * @param metrics    the marker metrics (video.delay, video.fps.rendered, video.frozen, video.psnr, ...) of that connection
 */
public record ReceivedFeed(String connection, String from, Map<String, Summary> metrics) {
}
