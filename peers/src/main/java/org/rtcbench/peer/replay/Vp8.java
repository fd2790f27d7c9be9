package org.rtcbench.peer.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * VP8 over RTP (RFC 7741), without decoding: the payload descriptor a sender writes, and what a
 * receiver learns from it and from the first bytes of a frame (start of frame, keyframe, picture id).
 *
 * <p>Every packet a replay peer sends carries the extended descriptor with a 15-bit PictureID
 * ({@code X=1, I=1, M=1}): 4 bytes, then the frame's bytes.
 */
final class Vp8 {
    /** The descriptor a replay sender writes: X, I with a 15-bit PictureID. */
    static final int DESCRIPTOR_LENGTH = 4;

    private Vp8() {
    }

    /** Whether a VP8 frame starting at {@code offset} is a keyframe: bit 0 of its first byte (the P bit of RFC 6386's frame tag) is 0. */
    static boolean isKeyframe(byte[] frame, int offset) {
        return (frame[offset] & 0x01) == 0;
    }

    /**
     * The RTP payloads of one frame: each at most {@code maxPayload} bytes, the descriptor followed by a
     * slice of the frame; {@code S=1} on the first one.
     */
    static List<byte[]> packetize(byte[] frame, int pictureId, int maxPayload) {
        return packetize(frame, pictureId, maxPayload, 0);
    }

    /** As {@link #packetize(byte[], int, int)}, with at least {@code lastBytes} of the frame in its last packet (a trailer kept whole). */
    static List<byte[]> packetize(byte[] frame, int pictureId, int maxPayload, int lastBytes) {
        int room = maxPayload - DESCRIPTOR_LENGTH;
        int packets = (frame.length + room - 1) / room;
        int tail = frame.length - (packets - 1) * room; // what the last packet would get
        int shortBy = packets > 1 ? Math.max(0, lastBytes - tail) : 0;
        List<byte[]> out = new ArrayList<>(packets);
        for (int at = 0, i = 0; at < frame.length; i++) {
            int n = Math.min(i == packets - 2 ? room - shortBy : room, frame.length - at);
            byte[] p = new byte[DESCRIPTOR_LENGTH + n];
            p[0] = (byte) (0x80 | (at == 0 ? 0x10 : 0)); // X, S on the first, PID 0
            p[1] = (byte) 0x80; // I
            p[2] = (byte) (0x80 | ((pictureId >> 8) & 0x7F)); // M: 15-bit PictureID
            p[3] = (byte) pictureId;
            System.arraycopy(frame, at, p, DESCRIPTOR_LENGTH, n);
            out.add(p);
            at += n;
        }
        return out;
    }

    /** What a receiver reads from one RTP payload's descriptor; {@code payloadOffset} is where the frame bytes begin. */
    record Descriptor(boolean startOfFrame, int partition, int pictureId, int payloadOffset) {
        /** Whether this packet starts a frame whose first bytes say keyframe (only known on the frame's first packet). */
        boolean startsKeyframe(byte[] packet, int payloadStart, int payloadEnd) {
            int at = payloadStart + payloadOffset;
            return startOfFrame && partition == 0 && at < payloadEnd && isKeyframe(packet, at);
        }
    }

    /**
     * Parses a VP8 payload descriptor (RFC 7741 section 4.2) of the payload between {@code start} and
     * {@code end}; null when it is too short to be one.
     */
    static Descriptor parse(byte[] p, int start, int end) {
        int at = start;
        if (at >= end) {
            return null;
        }
        int b0 = p[at++] & 0xFF;
        boolean start0 = (b0 & 0x10) != 0;
        int partition = b0 & 0x07;
        int pictureId = -1;
        if ((b0 & 0x80) != 0) { // X
            if (at >= end) {
                return null;
            }
            int x = p[at++] & 0xFF;
            if ((x & 0x80) != 0) { // I
                if (at >= end) {
                    return null;
                }
                int b = p[at++] & 0xFF;
                if ((b & 0x80) != 0) { // M: 15 bits
                    if (at >= end) {
                        return null;
                    }
                    pictureId = ((b & 0x7F) << 8) | (p[at++] & 0xFF);
                } else {
                    pictureId = b & 0x7F;
                }
            }
            if ((x & 0x40) != 0) { // L: TL0PICIDX
                at++;
            }
            if ((x & 0x30) != 0) { // T or K: TID/Y/KEYIDX
                at++;
            }
        }
        return at <= end ? new Descriptor(start0, partition, pictureId, at - start) : null;
    }
}
