package org.rtcbench.core.run;

import java.util.List;

/**
 * What a load run (many synthetic peers through an SFU) came to: how many peers were asked for and
 * how many joined, connected and failed; the distributions of join, ICE-connected and first-frame
 * times; whether the load generator itself ran out of CPU ({@code generatorLimited}), so that its
 * bottleneck is never mistaken for the SFU's; and one point a second for the load view.
 *
 * @param gatlingReport the Gatling HTML report, relative to the run directory (null when Gatling did not write one)
 * @param roomIds       Janus's id of each room, in order: room {@code r1} first (empty when no room was made)
 * @param reusedRoomIds the rooms that existed before the run and were used as they were
 * @param subscribeTo   which publishers the subscribers took: {@code all} of their room's, or {@code own} (this run's)
 * @param feeds         every feed that a subscriber of this run took
 * @param shard         which share of the load this run was ({@code 2/4}), null for a whole run
 * @param shards        for a run merged from shards ({@code rtcbench merge}): each shard's run and its generator's verdict
 */
public record LoadSummary(String target, String url, int rooms, int publishers, int subscribers, String injection,
                          int requested, int joined, int connected, int failed,
                          Timing join, Timing iceConnected, Timing firstFrame,
                          boolean generatorLimited, String generatorLimitedReason,
                          List<LoadPoint> timeline, String gatlingReport, List<Long> roomIds, List<Long> reusedRoomIds,
                          String subscribeTo, List<Feed> feeds,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String shard,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<ShardRun> shards) {
    public LoadSummary {
        shards = shards == null ? List.of() : List.copyOf(shards);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        roomIds = roomIds == null ? List.of() : List.copyOf(roomIds);
        reusedRoomIds = reusedRoomIds == null ? List.of() : List.copyOf(reusedRoomIds);
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
    }

    /**
     * A feed that this run's subscribers took: its room and the target's id for it, its display name in the
     * room, whether this run published it (and which peer did), and how many of this run's subscriptions took it.
     *
     * @param publisher this run's peer that published it; null for a feed this run did not create
     */
    public record Feed(long room, long feedId, String display, boolean own, String publisher, int subscriptions) {
    }

    /**
     * One shard of a merged run: its share, its own run, what it connected, and whether its generator was the limit.
     *
     * @param directory the shard's run directory as given to merge
     */
    public record ShardRun(String shard, String runId, String directory, String status, int requested, int connected, int failed,
                           boolean generatorLimited, String generatorLimitedReason, String gatlingReport) {
    }

    /** A distribution of times in milliseconds: count, p50, p95 and max (null when nothing was measured), and every value. */
    public record Timing(int count, Long p50Ms, Long p95Ms, Long maxMs, List<Long> valuesMs) {
        public Timing {
            valuesMs = valuesMs == null ? List.of() : List.copyOf(valuesMs);
        }

        /** The distribution of {@code values} (nearest-rank percentiles). */
        public static Timing of(List<Long> values) {
            List<Long> sorted = values.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return new Timing(0, null, null, null, List.of());
            }
            return new Timing(sorted.size(), rank(sorted, 50), rank(sorted, 95), sorted.get(sorted.size() - 1), sorted);
        }

        private static long rank(List<Long> sorted, int percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    /**
     * One second of a load run: peers joined, connected and failed so far; the generator's CPU (percent of all
     * cores), heap in use, scheduling lag and share of video frames produced late; the whole host's CPU (the
     * generator shares it with a local Janus and browsers); and the CPU of the processes the generator started (the
     * local Janus, browsers and their drivers; 0 when it started none). A value not measured is null.
     */
    public record LoadPoint(long tMs, int joined, int connected, int failed, Double generatorCpuPercent, Long heapMb,
                            Long schedulingLagMs, Double lateFramesPercent, Double hostCpuPercent, Double startedCpuPercent) {
    }
}
