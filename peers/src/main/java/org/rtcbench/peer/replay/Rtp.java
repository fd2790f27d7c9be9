package org.rtcbench.peer.replay;

/**
 * The RTP fixed header (RFC 3550 section 5.1) a replay peer writes and reads, and the RFC 7983 test
 * that tells RTP/RTCP, DTLS and STUN apart on one bundled socket.
 */
final class Rtp {
    static final int HEADER_LENGTH = 12;

    private Rtp() {
    }

    /** Whether a datagram is RTP or RTCP (first byte 128-191, RFC 7983). */
    static boolean isRtpOrRtcp(byte[] b, int off, int len) {
        int first = b[off] & 0xFF;
        return len >= 4 && first >= 128 && first <= 191;
    }

    /** Whether a datagram is DTLS (first byte 20-63, RFC 7983). */
    static boolean isDtls(byte[] b, int off, int len) {
        int first = b[off] & 0xFF;
        return len > 0 && first >= 20 && first <= 63;
    }

    /** Whether an RTP-or-RTCP datagram is RTCP: its second byte is a packet type from 192 to 223 (RFC 5761 section 4). */
    static boolean isRtcp(byte[] b, int off, int len) {
        int pt = b[off + 1] & 0xFF;
        return len >= 8 && pt >= 192 && pt <= 223;
    }

    /** A packet of {@code payload} with a fixed header and no extension, CSRC or padding. */
    static byte[] packet(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {
        byte[] p = new byte[HEADER_LENGTH + payload.length];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        p[2] = (byte) (sequence >> 8);
        p[3] = (byte) sequence;
        putInt(p, 4, timestamp);
        putInt(p, 8, ssrc);
        System.arraycopy(payload, 0, p, HEADER_LENGTH, payload.length);
        return p;
    }

    /** The header fields of a received RTP packet, and where its payload lies; null when malformed. */
    record Header(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, int payloadStart, int payloadEnd) {
    }

    static Header parse(byte[] p, int off, int len) {
        if (len < HEADER_LENGTH || (p[off] & 0xC0) != 0x80) {
            return null;
        }
        int csrcs = p[off] & 0x0F;
        int at = off + HEADER_LENGTH + 4 * csrcs;
        int end = off + len;
        if ((p[off] & 0x10) != 0) { // header extension: 16-bit profile, 16-bit length in words
            if (at + 4 > end) {
                return null;
            }
            at += 4 + 4 * (((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF));
        }
        if ((p[off] & 0x20) != 0 && end > at) { // padding: the last byte counts it
            end -= p[end - 1] & 0xFF;
        }
        if (at > end) {
            return null;
        }
        return new Header(p[off + 1] & 0x7F, (p[off + 1] & 0x80) != 0, ((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF),
                getInt(p, off + 4), getInt(p, off + 8), at, end);
    }

    static void putInt(byte[] p, int at, long v) {
        p[at] = (byte) (v >> 24);
        p[at + 1] = (byte) (v >> 16);
        p[at + 2] = (byte) (v >> 8);
        p[at + 3] = (byte) v;
    }

    static long getInt(byte[] p, int at) {
        return ((p[at] & 0xFFL) << 24) | ((p[at + 1] & 0xFFL) << 16) | ((p[at + 2] & 0xFFL) << 8) | (p[at + 3] & 0xFFL);
    }
}
