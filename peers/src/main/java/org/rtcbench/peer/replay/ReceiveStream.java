package org.rtcbench.peer.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One incoming RTP stream, parsed without decoding: packet counters, loss and jitter as RFC 3550
 * counts them, the lost packets to NACK, and for video the frames put together from the VP8 payload
 * descriptors: a frame is complete when every packet from its first (S bit) to its last (marker bit)
 * arrived, and decodable when it is a keyframe or the picture after a decodable one; after a gap in
 * that chain the receiver asks for a keyframe (PLI) and counts nothing decodable until one comes.
 * Not thread-safe: its connection's receive thread calls it, and stats are read under the same lock.
 */
final class ReceiveStream {
    /** A sequence gap wider than this is a restart or garbage, not loss to NACK. */
    private static final int MAX_NACK_GAP = 256;
    /** How often one lost packet is NACKed, and how long after it went missing it is given up. */
    private static final int NACK_TRIES = 5;
    private static final long NACK_GIVE_UP_MS = 1_000;
    private static final long PLI_INTERVAL_MS = 500;
    /** How long a complete frame waits for the frames before it (their packets NACKed) before they count as lost. */
    private static final long HOLD_MS = 300;

    final String kind;
    final long ssrc;
    final int clockRate;
    private final long startedMs;

    long packetsReceived;
    long bytesReceived;
    long headerBytesReceived;
    long nackCount;
    long pliCount;
    long lastPacketMs;
    private boolean started;
    private int baseSequence;
    private long highest; // extended (cycles << 16 | seq)
    private double jitter; // in RTP clock units
    private long lastTransit;
    private boolean haveTransit;
    private long expectedPrior;
    private long receivedPrior;

    // frames (video)
    private final Map<Long, Frame> assembling = new TreeMap<>();
    private int lastDecodablePicture = -1;
    /** Complete frames that do not continue the chain yet, oldest first. */
    private final List<Frame> held = new ArrayList<>();
    private boolean waitingForKeyframe = true;
    private long lastPliMs = Long.MIN_VALUE / 2;
    long framesReceived;
    long framesDecoded;
    long keyFramesDecoded;
    long framesDropped;
    long freezeCount;
    double totalFreezesDuration;
    double totalInterFrameDelay;
    double totalSquaredInterFrameDelay;
    private long lastFrameMs = -1;
    private double meanInterFrameMs = -1;
    private final ArrayDeque<Long> recentFrames = new ArrayDeque<>();
    int frameWidth;
    int frameHeight;

    /** What the frames' trailers said (a replay sender's): null until one came, as other senders write none. */
    private org.rtcbench.media.ReceivedVideo seen;

    // lost packets waiting for a retransmission: extended sequence -> [first missing ms, NACKs sent]
    private final TreeMap<Long, long[]> missing = new TreeMap<>();

    private static final class Frame {
        long startSequence = -1;
        long endSequence = -1;
        int packets;
        int pictureId = -1;
        boolean keyframe;
        /** Whether its last packet ended in a replay sender's trailer, and the stamp it carried (null: damaged). */
        boolean trailer;
        org.rtcbench.media.FrameStamp stamp;
        long firstMs;
        long completeMs;
    }

    ReceiveStream(String kind, long ssrc, int clockRate, long nowMs) {
        this.kind = kind;
        this.ssrc = ssrc;
        this.clockRate = clockRate;
        this.startedMs = nowMs;
    }

    /** Takes one decrypted packet; returns what to send back at once: NACKs and PLIs (each an RTCP packet). */
    List<Feedback> received(byte[] p, Rtp.Header h, long nowMs) {
        List<Feedback> out = new ArrayList<>(0);
        long ext = extend(h.sequence());
        if (ext < 0) {
            return out; // far out of range: ignored
        }
        packetsReceived++;
        bytesReceived += h.payloadEnd() - h.payloadStart();
        headerBytesReceived += h.payloadStart();
        lastPacketMs = nowMs;
        jitter(h.timestamp(), nowMs);
        if (missing.remove(ext) == null && ext > highest) {
            long gap = ext - highest - 1;
            if (gap > 0 && gap <= MAX_NACK_GAP) {
                List<Integer> lost = new ArrayList<>();
                for (long s = highest + 1; s < ext; s++) {
                    missing.put(s, new long[] {nowMs, 1});
                    lost.add((int) (s & 0xFFFF));
                }
                nackCount++;
                out.add(new Feedback(lost, false));
            }
            highest = ext;
        }
        if (kind.equals("video")) {
            video(p, h, ext, nowMs, out);
        }
        return out;
    }

    /** What a receiver sends its sender: NACKs of these sequence numbers, or a PLI. */
    record Feedback(List<Integer> nack, boolean pli) {
    }

    /** NACKs again for packets still missing (every {@code intervalMs}), gives up on old ones; called by the connection's timer. */
    List<Integer> stillMissing(long nowMs, long intervalMs) {
        List<Integer> lost = new ArrayList<>();
        for (Iterator<Map.Entry<Long, long[]>> it = missing.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, long[]> e = it.next();
            long[] m = e.getValue();
            if (nowMs - m[0] > NACK_GIVE_UP_MS || m[1] >= NACK_TRIES) {
                it.remove();
            } else if (nowMs - m[0] >= m[1] * intervalMs) {
                m[1]++;
                lost.add((int) (e.getKey() & 0xFFFF));
            }
        }
        if (!lost.isEmpty()) {
            nackCount++;
        }
        return lost;
    }

    private long extend(int sequence) {
        if (!started) {
            started = true;
            baseSequence = sequence;
            highest = sequence - 1L + 65536; // one cycle in, so a packet just before the first is not negative
            return sequence + 65536L;
        }
        long cycle = highest & ~0xFFFFL;
        long candidate = cycle | sequence;
        if (candidate - highest > 32768) {
            candidate -= 65536;
        } else if (highest - candidate > 32768) {
            candidate += 65536;
        }
        return candidate < highest - 3000 ? -1 : candidate;
    }

    private void jitter(long timestamp, long nowMs) {
        long arrival = nowMs * clockRate / 1000;
        long transit = arrival - timestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            if (d < (1L << 31)) { // not a timestamp wrap
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        haveTransit = true;
    }

    private void video(byte[] p, Rtp.Header h, long ext, long nowMs, List<Feedback> out) {
        Vp8.Descriptor d = Vp8.parse(p, h.payloadStart(), h.payloadEnd());
        if (d == null) {
            return;
        }
        Frame f = assembling.computeIfAbsent(h.timestamp(), t -> new Frame());
        if (f.packets == 0) {
            f.firstMs = nowMs;
        }
        f.packets++;
        if (d.startOfFrame() && d.partition() == 0) {
            f.startSequence = ext;
            f.pictureId = d.pictureId();
            f.keyframe = d.startsKeyframe(p, h.payloadStart(), h.payloadEnd());
            if (f.keyframe) {
                size(p, h.payloadStart() + d.payloadOffset(), h.payloadEnd());
            }
        }
        if (h.marker()) {
            f.endSequence = ext;
            int frameBytes = h.payloadStart() + d.payloadOffset();
            if (FrameTrailer.present(p, frameBytes, h.payloadEnd())) {
                f.trailer = true;
                f.stamp = FrameTrailer.read(p, h.payloadEnd());
            }
        }
        if (f.startSequence >= 0 && f.endSequence >= f.startSequence && f.packets >= f.endSequence - f.startSequence + 1) {
            assembling.remove(h.timestamp());
            complete(f, nowMs, out);
        }
        // frames older than a second that never completed: lost
        assembling.values().removeIf(old -> {
            if (nowMs - old.firstMs > NACK_GIVE_UP_MS) {
                framesDropped++;
                return true;
            }
            return false;
        });
    }

    /**
     * A complete frame: decoded at once when it continues the chain, else held (a packet of an earlier
     * frame may still come, NACKed) until {@value #HOLD_MS} ms pass; then the held frames are dropped
     * and a keyframe is asked for, as libwebrtc's frame buffer does.
     */
    private void complete(Frame f, long nowMs, List<Feedback> out) {
        framesReceived++;
        f.completeMs = nowMs;
        held.add(f);
        decodeHeld(nowMs);
        giveUpHeld(nowMs, out);
    }

    private void decodeHeld(long nowMs) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Iterator<Frame> it = held.iterator(); it.hasNext(); ) {
                Frame f = it.next();
                boolean follows = !waitingForKeyframe && f.pictureId >= 0 && f.pictureId == ((lastDecodablePicture + 1) & 0x7FFF);
                if (f.keyframe || follows) {
                    it.remove();
                    if (f.keyframe) {
                        // frames held from before this keyframe are no use any more
                        int key = f.pictureId;
                        held.removeIf(older -> {
                            boolean before = older.pictureId >= 0 && ((key - older.pictureId) & 0x7FFF) < 0x4000;
                            if (before) {
                                framesDropped++;
                            }
                            return before;
                        });
                        keyFramesDecoded++;
                    }
                    waitingForKeyframe = false;
                    lastDecodablePicture = f.pictureId;
                    framesDecoded++;
                    shown(nowMs);
                    if (f.trailer) {
                        if (seen == null) {
                            seen = new org.rtcbench.media.ReceivedVideo(nowMs);
                        }
                        seen.frame(f.stamp, nowMs, frameWidth, frameHeight);
                    }
                    progress = true;
                    break;
                }
            }
        }
    }

    private void giveUpHeld(long nowMs, List<Feedback> out) {
        if (!held.isEmpty() && nowMs - held.get(0).completeMs > HOLD_MS) {
            framesDropped += held.size();
            held.clear();
            waitingForKeyframe = true;
        }
        if (waitingForKeyframe && framesReceived > 0 && nowMs - lastPliMs >= PLI_INTERVAL_MS && (held.isEmpty() || lastDecodablePicture < 0)) {
            lastPliMs = nowMs;
            pliCount++;
            out.add(new Feedback(List.of(), true));
        }
    }

    /** A decodable frame's arrival: frame rate, inter-frame delay and freezes as the W3C counts them. */
    private void shown(long nowMs) {
        recentFrames.addLast(nowMs);
        while (!recentFrames.isEmpty() && nowMs - recentFrames.peekFirst() > 1000) {
            recentFrames.removeFirst();
        }
        if (lastFrameMs >= 0) {
            double gap = nowMs - lastFrameMs;
            totalInterFrameDelay += gap / 1000;
            totalSquaredInterFrameDelay += gap * gap / 1e6;
            // webrtc-stats freezeCount: an interval longer than max(3 x the mean, mean + 150 ms)
            if (meanInterFrameMs > 0 && gap > Math.max(3 * meanInterFrameMs, meanInterFrameMs + 150)) {
                freezeCount++;
                totalFreezesDuration += gap / 1000;
            }
            meanInterFrameMs = meanInterFrameMs < 0 ? gap : meanInterFrameMs + (gap - meanInterFrameMs) / 30;
        }
        lastFrameMs = nowMs;
    }

    /** The picture size from a keyframe's header (RFC 6386 section 9.1): 3 bytes tag, start code, 14-bit width and height. */
    private void size(byte[] p, int at, int end) {
        if (at + 10 <= end && (p[at + 3] & 0xFF) == 0x9D && (p[at + 4] & 0xFF) == 0x01 && (p[at + 5] & 0xFF) == 0x2A) {
            frameWidth = ((p[at + 6] & 0xFF) | (p[at + 7] & 0xFF) << 8) & 0x3FFF;
            frameHeight = ((p[at + 8] & 0xFF) | (p[at + 9] & 0xFF) << 8) & 0x3FFF;
        }
    }

    /** The marker totals of this track, as a sample's {@code received} lists them; null when no frame carried a trailer. */
    org.rtcbench.media.ReceivedVideo.Totals markers(String trackIdentifier, long nowMs) {
        return seen == null ? null : seen.totals(trackIdentifier, nowMs);
    }

    /** Decodable frames in the last second, as of {@code nowMs}. */
    int framesPerSecond(long nowMs) {
        int n = 0;
        for (long t : recentFrames) {
            if (nowMs - t <= 1000) {
                n++;
            }
        }
        return n;
    }

    /** Packets lost so far: expected minus received (RFC 3550 A.3), never below 0. */
    long packetsLost() {
        return started ? Math.max(0, highest - (baseSequence + 65536L) + 1 - packetsReceived) : 0;
    }

    /** Interarrival jitter in seconds. */
    double jitterSeconds() {
        return jitter / clockRate;
    }

    /** A report block for this stream, and the interval counters moved on (RFC 3550 A.3). */
    Rtcp.ReportBlock reportBlock(long lastSrMiddle, long lastSrArrivalMs, long nowMs) {
        long expected = started ? highest - (baseSequence + 65536L) + 1 : 0;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = packetsReceived - receivedPrior;
        expectedPrior = expected;
        receivedPrior = packetsReceived;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = lastSrArrivalMs < 0 ? 0 : (nowMs - lastSrArrivalMs) * 65536 / 1000;
        return new Rtcp.ReportBlock(ssrc, Math.min(255, fraction), (int) Math.min(packetsLost(), 0x7FFFFF),
                (highest - 65536) & 0xFFFFFFFFL, (long) jitter, lastSrArrivalMs < 0 ? 0 : lastSrMiddle, lastSrArrivalMs < 0 ? 0 : dlsr);
    }

    long startedMs() {
        return startedMs;
    }
}
