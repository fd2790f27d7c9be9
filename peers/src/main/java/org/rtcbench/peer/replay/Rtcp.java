package org.rtcbench.peer.replay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The RTCP a replay peer writes and reads (RFC 3550, 4585, 5104): sender and receiver reports, SDES
 * CNAME, generic NACK, PLI and FIR; REMB (draft-alvestrand-rmcat-remb) is read for its bitrate.
 */
final class Rtcp {
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;
    static final int RTPFB = 205;
    static final int PSFB = 206;

    private Rtcp() {
    }

    /** One report block: what a receiver says of one sender's stream. */
    record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSequence, long jitter, long lastSr, long delaySinceLastSr) {
    }

    /** What a parsed RTCP packet says; the kinds a replay peer acts on. */
    sealed interface Message permits SenderReport, ReceiverReport, Nack, KeyframeRequest, Remb, Bye {
    }

    record SenderReport(long ssrc, long ntp, long rtpTimestamp, long packets, long octets, List<ReportBlock> blocks) implements Message {
    }

    record ReceiverReport(long ssrc, List<ReportBlock> blocks) implements Message {
    }

    /** A generic NACK: the sequence numbers lost of {@code mediaSsrc}. */
    record Nack(long mediaSsrc, List<Integer> sequences) implements Message {
    }

    /** A PLI ({@code fir=false}) or FIR: the sender of {@code mediaSsrc} should send a keyframe. */
    record KeyframeRequest(long mediaSsrc, boolean fir) implements Message {
    }

    record Remb(long bitrate, List<Long> ssrcs) implements Message {
    }

    record Bye(List<Long> ssrcs) implements Message {
    }

    /** A sender report with the given report blocks, and an SDES CNAME: one compound packet. */
    static byte[] senderReport(long ssrc, long ntp, long rtpTimestamp, long packets, long octets, List<ReportBlock> blocks, String cname) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, blocks.size(), SR, 6 + 6 * blocks.size());
        int32(out, ssrc);
        int32(out, ntp >>> 32);
        int32(out, ntp);
        int32(out, rtpTimestamp);
        int32(out, packets);
        int32(out, octets);
        blocks.forEach(b -> block(out, b));
        sdes(out, ssrc, cname);
        return out.toByteArray();
    }

    /** A receiver report with these blocks, and an SDES CNAME: one compound packet. */
    static byte[] receiverReport(long ssrc, List<ReportBlock> blocks, String cname) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, blocks.size(), RR, 1 + 6 * blocks.size());
        int32(out, ssrc);
        blocks.forEach(b -> block(out, b));
        sdes(out, ssrc, cname);
        return out.toByteArray();
    }

    /** A picture loss indication (RFC 4585 section 6.3.1), reduced size (RFC 5506). */
    static byte[] pli(long senderSsrc, long mediaSsrc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, 1, PSFB, 2);
        int32(out, senderSsrc);
        int32(out, mediaSsrc);
        return out.toByteArray();
    }

    /** Generic NACKs (RFC 4585 section 6.2.1) for these lost sequence numbers, each FCI a PID and a bitmask of the 16 after it. */
    static byte[] nack(long senderSsrc, long mediaSsrc, List<Integer> lost) {
        List<int[]> fci = new ArrayList<>();
        for (int seq : lost) {
            int[] last = fci.isEmpty() ? null : fci.get(fci.size() - 1);
            int after = last == null ? -1 : ((seq - last[0]) & 0xFFFF) - 1;
            if (last != null && after >= 0 && after < 16) {
                last[1] |= 1 << after;
            } else {
                fci.add(new int[] {seq & 0xFFFF, 0});
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, 1, RTPFB, 2 + fci.size());
        int32(out, senderSsrc);
        int32(out, mediaSsrc);
        for (int[] f : fci) {
            int32(out, ((long) f[0] << 16) | f[1]);
        }
        return out.toByteArray();
    }

    /** Every message of a compound (or reduced-size) RTCP packet that a replay peer acts on, in order; the rest is skipped. */
    static void parse(byte[] p, int off, int len, Consumer<Message> messages) {
        int at = off;
        int end = off + len;
        while (at + 4 <= end) {
            int count = p[at] & 0x1F;
            int type = p[at + 1] & 0xFF;
            int length = 4 * (((p[at + 2] & 0xFF) << 8 | (p[at + 3] & 0xFF)) + 1);
            if ((p[at] & 0xC0) != 0x80 || at + length > end) {
                return; // malformed: nothing after it can be trusted
            }
            Message m = message(p, at, length, count, type);
            if (m != null) {
                messages.accept(m);
            }
            at += length;
        }
    }

    private static Message message(byte[] p, int at, int length, int count, int type) {
        switch (type) {
            case SR -> {
                if (length < 28 + 24 * count) {
                    return null;
                }
                long ntp = (Rtp.getInt(p, at + 8) << 32) | Rtp.getInt(p, at + 12);
                return new SenderReport(Rtp.getInt(p, at + 4), ntp, Rtp.getInt(p, at + 16), Rtp.getInt(p, at + 20),
                        Rtp.getInt(p, at + 24), blocks(p, at + 28, count));
            }
            case RR -> {
                return length < 8 + 24 * count ? null : new ReceiverReport(Rtp.getInt(p, at + 4), blocks(p, at + 8, count));
            }
            case RTPFB -> {
                if (count != 1 || length < 12) {
                    return null; // transport-cc (15) and others: not acted on
                }
                List<Integer> seqs = new ArrayList<>();
                for (int f = at + 12; f + 4 <= at + length; f += 4) {
                    int pid = ((p[f] & 0xFF) << 8) | (p[f + 1] & 0xFF);
                    int mask = ((p[f + 2] & 0xFF) << 8) | (p[f + 3] & 0xFF);
                    seqs.add(pid);
                    for (int i = 0; i < 16; i++) {
                        if ((mask & (1 << i)) != 0) {
                            seqs.add((pid + i + 1) & 0xFFFF);
                        }
                    }
                }
                return new Nack(Rtp.getInt(p, at + 8), seqs);
            }
            case PSFB -> {
                if (length < 12) {
                    return null;
                }
                if (count == 1) {
                    return new KeyframeRequest(Rtp.getInt(p, at + 8), false);
                }
                if (count == 4 && length >= 20) {
                    return new KeyframeRequest(Rtp.getInt(p, at + 12), true); // FIR: the FCI names the media sender
                }
                if (count == 15 && length >= 20 && p[at + 12] == 'R' && p[at + 13] == 'E' && p[at + 14] == 'M' && p[at + 15] == 'B') {
                    int n = p[at + 16] & 0xFF;
                    int exp = (p[at + 17] & 0xFC) >> 2;
                    long mantissa = ((p[at + 17] & 0x03L) << 16) | ((p[at + 18] & 0xFFL) << 8) | (p[at + 19] & 0xFFL);
                    List<Long> ssrcs = new ArrayList<>();
                    for (int i = 0; i < n && at + 20 + 4 * i + 4 <= at + length; i++) {
                        ssrcs.add(Rtp.getInt(p, at + 20 + 4 * i));
                    }
                    return new Remb(mantissa << exp, ssrcs);
                }
                return null;
            }
            case BYE -> {
                List<Long> ssrcs = new ArrayList<>();
                for (int i = 0; i < count && at + 4 + 4 * i + 4 <= at + length; i++) {
                    ssrcs.add(Rtp.getInt(p, at + 4 + 4 * i));
                }
                return new Bye(ssrcs);
            }
            default -> {
                return null;
            }
        }
    }

    private static List<ReportBlock> blocks(byte[] p, int at, int count) {
        List<ReportBlock> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int b = at + 24 * i;
            int lost = ((p[b + 5] & 0xFF) << 16) | ((p[b + 6] & 0xFF) << 8) | (p[b + 7] & 0xFF);
            if ((lost & 0x800000) != 0) {
                lost |= 0xFF000000; // 24-bit signed
            }
            out.add(new ReportBlock(Rtp.getInt(p, b), p[b + 4] & 0xFF, lost, Rtp.getInt(p, b + 8), Rtp.getInt(p, b + 12),
                    Rtp.getInt(p, b + 16), Rtp.getInt(p, b + 20)));
        }
        return out;
    }

    private static void header(ByteArrayOutputStream out, int count, int type, int lengthWords) {
        out.write(0x80 | count);
        out.write(type);
        out.write(lengthWords >> 8);
        out.write(lengthWords);
    }

    private static void block(ByteArrayOutputStream out, ReportBlock b) {
        int32(out, b.ssrc());
        out.write(b.fractionLost());
        int lost = Math.max(-0x800000, Math.min(0x7FFFFF, b.cumulativeLost()));
        out.write(lost >> 16);
        out.write(lost >> 8);
        out.write(lost);
        int32(out, b.highestSequence());
        int32(out, b.jitter());
        int32(out, b.lastSr());
        int32(out, b.delaySinceLastSr());
    }

    private static void sdes(ByteArrayOutputStream out, long ssrc, String cname) {
        byte[] name = cname.getBytes(StandardCharsets.UTF_8);
        int items = 2 + name.length; // CNAME type, length, text
        int padded = (4 + items + 1 + 3) / 4 * 4; // ssrc, items, the END byte, to a word
        header(out, 1, SDES, padded / 4);
        int32(out, ssrc);
        out.write(1);
        out.write(name.length);
        out.write(name, 0, name.length);
        for (int i = 4 + items; i < padded; i++) {
            out.write(0);
        }
    }

    private static void int32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >> 24));
        out.write((int) (v >> 16));
        out.write((int) (v >> 8));
        out.write((int) v);
    }

    /** The NTP timestamp (RFC 5905: seconds since 1900 in the high 32 bits, fraction in the low) of a wall-clock time in ms. */
    static long ntp(long epochMs) {
        long seconds = epochMs / 1000 + 2_208_988_800L;
        long fraction = ((epochMs % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp: what LSR echoes, in 1/65536 s. */
    static long middle(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }
}
