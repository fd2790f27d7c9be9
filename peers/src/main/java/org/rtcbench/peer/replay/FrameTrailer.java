package org.rtcbench.peer.replay;

import java.nio.ByteBuffer;
import org.rtcbench.media.FrameMarker;
import org.rtcbench.media.FrameStamp;

/**
 * The marker a replay sender appends to every VP8 frame it sends, so a receiver that decodes nothing
 * still knows who sent the frame, its number and when, also through an SFU (which forwards payloads
 * untouched): {@value #LENGTH} bytes after the frame's last partition, which a VP8 decoder never
 * reads: the drawn marker's 64 bits ({@link FrameMarker#bits}: sender, frame number, clock, CRC),
 * then the magic {@code RTCBMARK}.
 */
final class FrameTrailer {
    static final int LENGTH = 16;
    private static final long MAGIC = ByteBuffer.wrap(new byte[] {'R', 'T', 'C', 'B', 'M', 'A', 'R', 'K'}).getLong();

    private FrameTrailer() {
    }

    /** The frame with its trailer. */
    static byte[] append(byte[] frame, FrameStamp stamp) {
        byte[] out = new byte[frame.length + LENGTH];
        System.arraycopy(frame, 0, out, 0, frame.length);
        ByteBuffer.wrap(out, frame.length, LENGTH).putLong(FrameMarker.bits(stamp)).putLong(MAGIC);
        return out;
    }

    /** Whether the {@value #LENGTH} bytes before {@code end} (not before {@code start}) are a trailer: they end in the magic. */
    static boolean present(byte[] p, int start, int end) {
        return end - LENGTH >= start && ByteBuffer.wrap(p, end - 8, 8).getLong() == MAGIC;
    }

    /** The stamp of a {@link #present} trailer, or null when its checksum fails (damaged: unreadable). */
    static FrameStamp read(byte[] p, int end) {
        return FrameMarker.stamp(ByteBuffer.wrap(p, end - LENGTH, 8).getLong());
    }
}
