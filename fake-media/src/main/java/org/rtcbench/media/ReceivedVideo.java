package org.rtcbench.media;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one receiver saw of one incoming video track, from the markers of the frames it rendered:
 * frames actually shown, frame numbers never seen, end-to-end delay, frozen time, and PSNR/SSIM of
 * one frame a second against the picture that was sent.
 *
 * <p>Totals since the track began, like W3C stats, so whoever reads them (the sampler, or a check
 * for the first frame) takes nothing from anyone else; a metric is the difference of two readings.
 * Every time is in ms on one clock shared by senders and receivers (the rtcbench JVM's wall clock:
 * a browser corrects its own by the offset rtcbench measured before it stamps or reads a frame).
 * The same class counts for every peer kind, so a metric means the same for each.
 *
 * <p>Thread-safe: frames arrive on a decoder's thread, readings are taken on the sampler's.
 */
public final class ReceivedVideo {
    /** Inter-frame delays the freeze threshold averages over, as the W3C freeze definition does. */
    private static final int AVERAGE_OVER = 30;
    /** A jump of more frame numbers than this is a new stream (a sender that restarted), not a gap. */
    private static final int MAX_GAP = 1000;
    private static final long QUALITY_EVERY_MS = 1000;
    /** In a looped file's frames, a step back of more than this is the loop starting over, not a late frame. */
    private static final int LOOP_BACK = 8;
    private static final Map<String, Y4mWriter> PICTURES = new ConcurrentHashMap<>();

    private boolean started;
    private int lastFrame = -1;
    private long lastNewFrameMs;
    private final double[] gaps = new double[AVERAGE_OVER];
    private int gapCount;
    private int gapNext;
    private int sender = -1;
    private int width;
    private int height;
    private long nextQualityMs;

    private long rendered;
    private long shown;
    private long skipped;
    private long unreadable;
    private double totalDelayMs;
    private long delayed;
    private double totalFrozenMs;
    private double totalPsnr;
    private double totalSsim;
    private long qualityMeasurements;

    /**
     * The totals so far of one track, as a sample's {@code received} lists them; a field not measured yet is null.
     *
     * @param kind                always {@code video}
     * @param trackIdentifier     the track's id at the receiver (W3C {@code trackIdentifier})
     * @param timestamp           when these totals were read, epoch ms: the time rates are computed over
     * @param sender              the marker id of the peer whose frames came, null before any readable frame
     * @param framesRendered      frames rendered with a readable marker, repeats included
     * @param framesShown         frames shown for the first time ({@code video.fps.rendered} is their rate)
     * @param framesSkipped       frame numbers that were never shown and now never will be
     * @param framesUnreadable    frames whose marker could not be read (damaged, or none there)
     * @param totalDelayMs        the sum of end-to-end delays, send time to render, of {@code delayedFrames}
     * @param delayedFrames       frames with a sender's clock in their marker
     * @param totalFrozenMs       time with no new frame for longer than a freeze (the W3C definition), up to now
     * @param totalPsnr           the sum of PSNR (dB) of {@code qualityMeasurements} frames
     * @param totalSsim           the sum of their SSIM
     * @param qualityMeasurements frames compared with the picture sent
     */
    public record Totals(String kind, String trackIdentifier, long timestamp, Integer sender, long framesRendered, long framesShown, long framesSkipped, long framesUnreadable,
                         double totalDelayMs, long delayedFrames, Double totalFrozenMs, double totalPsnr, double totalSsim,
                         long qualityMeasurements, Integer width, Integer height) {
    }

    /** A track whose first frame may come from {@code nowMs} on. */
    public ReceivedVideo(long nowMs) {
        this.nextQualityMs = nowMs;
    }

    /**
     * Counts one rendered frame, the only one rendered since the last: a reader that sees every frame
     * (a Java peer's sink).
     *
     * @param stamp      its marker, null when the marker could not be read
     * @param receivedMs when it was rendered
     */
    public void frame(FrameStamp stamp, long receivedMs, int width, int height) {
        frame(stamp, receivedMs, width, height, 1);
    }

    /**
     * Counts one rendered frame read by a reader that may miss some (a browser's, busy when the next
     * frames were presented).
     *
     * @param presented frames presented since the last one read, this one included (the W3C
     *                  {@code presentedFrames} of requestVideoFrameCallback): frame numbers missing
     *                  in between that many were shown, just not read; only the rest were skipped
     */
    public void frame(FrameStamp stamp, long receivedMs, int width, int height, long presented) {
        frame(stamp, receivedMs, width, height, presented, -1);
    }

    /**
     * Counts one rendered frame read by a reader that reads only some of the frames shown (a browser
     * whose pixel reads are dear: Firefox copies the frame out of its decoder process for each) but
     * knows when each was shown.
     *
     * @param presented       as for {@link #frame(FrameStamp, long, int, int, long)}
     * @param previousShownMs when the frame shown just before this one was shown, read or not; -1 when
     *                        not known. With it the gap before this frame is exact (a reader that reads
     *                        a frame coming after a long wait measures the freeze exactly); the frames
     *                        shown unread before it share the time from the last frame read to then,
     *                        or, when that was the frame before, were shown together with this one
     */
    public synchronized void frame(FrameStamp stamp, long receivedMs, int width, int height, long presented, long previousShownMs) {
        if (stamp == null) {
            unreadable++;
            return;
        }
        rendered++;
        this.width = width;
        this.height = height;
        if (stamp.clocked()) {
            totalDelayMs += receivedMs - stamp.sentMs(receivedMs);
            delayed++;
        }
        boolean newStream = sender != stamp.sender() || lastFrame < 0;
        int ahead = newStream ? 1 : FrameStamp.framesBetween(lastFrame, stamp.frame());
        if (!newStream && !stamp.clocked() && stamp.frame() < lastFrame && lastFrame - stamp.frame() > LOOP_BACK) {
            // a looped file (a replay peer's pre-encoded frames) starting over: the frames before this
            // one in the new loop were skipped; how many the old loop still had after the last one
            // shown is not known, so none of those count
            ahead = stamp.frame() + 1;
        }
        if (ahead == 0 || ahead > FrameStamp.MAX_FRAME / 2) {
            return; // shown again, or older than one already shown
        }
        long shownUnread = 0;
        if (!newStream && ahead <= MAX_GAP) {
            shownUnread = Math.max(0, Math.min(ahead - 1, presented - 1));
            skipped += ahead - 1 - shownUnread;
            shown += shownUnread;
        }
        if (started) {
            if (shownUnread > 0 && previousShownMs >= lastNewFrameMs && previousShownMs <= receivedMs) {
                // this frame's own gap is known; the frames shown unread share the time before it, or, when
                // the frame before was the last one read, were shown together with this one (no gap of their own)
                if (previousShownMs > lastNewFrameMs) {
                    share(previousShownMs - lastNewFrameMs, shownUnread);
                }
                gap(receivedMs - previousShownMs);
            } else {
                // when the frames shown unread came is not known: they and this one share the time evenly
                share(receivedMs - lastNewFrameMs, shownUnread + 1);
            }
        }
        started = true;
        sender = stamp.sender();
        lastFrame = stamp.frame();
        lastNewFrameMs = receivedMs;
        shown++;
    }

    /** {@code frames} gaps of equal length in {@code ms}. */
    private void share(double ms, long frames) {
        for (long i = 0; i < frames; i++) {
            gap(ms / frames);
        }
    }

    /** One inter-frame gap: frozen time when longer than a freeze, and part of the average a freeze is judged by. */
    private void gap(double ms) {
        if (ms > freezeThresholdMs()) {
            totalFrozenMs += ms;
        }
        gaps[gapNext] = ms;
        gapNext = (gapNext + 1) % AVERAGE_OVER;
        gapCount = Math.min(AVERAGE_OVER, gapCount + 1);
    }

    /** The W3C freeze definition: longer than three average frame durations, and at least 150 ms longer than one. */
    private double freezeThresholdMs() {
        if (gapCount == 0) {
            return Double.MAX_VALUE;
        }
        double sum = 0;
        for (int i = 0; i < gapCount; i++) {
            sum += gaps[i];
        }
        double average = sum / gapCount;
        return Math.max(3 * average, average + 150);
    }

    /** Whether the caller should hand the next readable frame's luma to {@link #quality}: once a second. */
    public synchronized boolean wantsQuality(long nowMs) {
        return nowMs >= nextQualityMs;
    }

    /**
     * Measures one frame's PSNR and SSIM against the picture of its frame number, rendered at the size
     * received with the same stamp drawn in. Sizes no picture can be rendered at (odd, or too small
     * for a marker) are skipped: not measured.
     *
     * @param y a copy of the frame's Y plane, {@code width} bytes a row
     */
    public void quality(FrameStamp stamp, byte[] y, int width, int height, long nowMs) {
        synchronized (this) {
            nextQualityMs = nowMs + QUALITY_EVERY_MS;
        }
        if (width % 2 != 0 || height % 2 != 0 || width < FrameMarker.MIN_WIDTH || height < FrameMarker.minHeight(width)) {
            return;
        }
        byte[] reference = new byte[width * height];
        byte[] chroma = new byte[(width / 2) * (height / 2)];
        PICTURES.computeIfAbsent(width + "x" + height, k -> new Y4mWriter(width, height, 30))
                .renderPicture(stamp.frame(), reference, chroma, chroma.clone());
        FrameMarker.draw(reference, width, width, height, stamp);
        double p = PictureQuality.psnr(reference, y);
        double s = PictureQuality.ssim(reference, y, width, height);
        synchronized (this) {
            totalPsnr += p;
            totalSsim += s;
            qualityMeasurements++;
        }
    }

    /** The totals of track {@code trackIdentifier} at {@code nowMs}: a freeze still going on counts up to now. */
    public synchronized Totals totals(String trackIdentifier, long nowMs) {
        Double frozen = null;
        if (started) {
            frozen = totalFrozenMs + (nowMs - lastNewFrameMs > freezeThresholdMs() ? nowMs - lastNewFrameMs : 0);
        }
        return new Totals("video", trackIdentifier, nowMs, sender < 0 ? null : sender, rendered, shown, skipped, unreadable, totalDelayMs, delayed, frozen,
                totalPsnr, totalSsim, qualityMeasurements, started ? width : null, started ? height : null);
    }
}
