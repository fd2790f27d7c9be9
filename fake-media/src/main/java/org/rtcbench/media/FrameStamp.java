package org.rtcbench.media;

/**
 * What a {@link FrameMarker} carries: who sent the frame, its number, and the sender's clock when it
 * was drawn.
 *
 * @param sender the sending peer's marker id, from 0 to {@value #MAX_SENDER}
 * @param frame  the frame's number in the sender's stream, from 0 to {@value #MAX_FRAME}, wrapping to 0
 * @param clock  the sender's wall clock in ms when it drew the frame, modulo 2^24 (about 4.7 hours)
 */
public record FrameStamp(int sender, int frame, int clock) {
    /** The largest sender id a marker holds (10 bits). */
    public static final int MAX_SENDER = (1 << 10) - 1;
    /** The largest frame number a marker holds (14 bits); the next frame is 0 again. */
    public static final int MAX_FRAME = (1 << 14) - 1;
    /** The sender id of frames from a looped file, whose drawing time is unknown. */
    public static final int FILE_SENDER = MAX_SENDER;
    static final int CLOCK_MODULUS = 1 << 24;

    public FrameStamp {
        if (sender < 0 || sender > MAX_SENDER) {
            throw new IllegalArgumentException("marker sender id must be from 0 to " + MAX_SENDER + ", got " + sender);
        }
        if (frame < 0 || frame > MAX_FRAME) {
            throw new IllegalArgumentException("marker frame number must be from 0 to " + MAX_FRAME + ", got " + frame);
        }
        if (clock < 0 || clock >= CLOCK_MODULUS) {
            throw new IllegalArgumentException("marker clock must be from 0 to " + (CLOCK_MODULUS - 1) + ", got " + clock);
        }
    }

    /** The stamp of a frame drawn at {@code epochMs} on the sender's clock; {@code frame} wraps at {@value #MAX_FRAME}. */
    public static FrameStamp at(int sender, long frame, long epochMs) {
        return new FrameStamp(sender, (int) Math.floorMod(frame, MAX_FRAME + 1L), (int) Math.floorMod(epochMs, (long) CLOCK_MODULUS));
    }

    /**
     * The marker id of a peer, from its name: the same in every run and on every machine, so a shard or
     * a later run names the same sender. Two of hundreds of peers may share one; receivers attribute
     * frames to the track they came on, and the id only checks that.
     */
    public static int senderId(String peerName) {
        return Math.floorMod(peerName.hashCode(), FILE_SENDER);
    }

    /** The frame number after {@code earlier}'s, counting the wrap: 1 for the next frame, 0 for the same one. */
    public static int framesBetween(int earlier, int later) {
        return Math.floorMod(later - earlier, MAX_FRAME + 1);
    }

    /**
     * The full wall-clock time the frame was drawn, taken as the one nearest {@code nearMs} (the
     * receiver's own clock): exact while clocks and delays are within about 2.3 hours.
     */
    public long sentMs(long nearMs) {
        long base = nearMs - Math.floorMod(nearMs, (long) CLOCK_MODULUS) + clock;
        long best = base;
        for (long candidate : new long[]{base - CLOCK_MODULUS, base + CLOCK_MODULUS}) {
            if (Math.abs(candidate - nearMs) < Math.abs(best - nearMs)) {
                best = candidate;
            }
        }
        return best;
    }

    /** Whether the drawing time is known: false for frames of a looped file. */
    public boolean clocked() {
        return sender != FILE_SENDER;
    }
}
