package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay sender's stream read by a replay receiver's stream, packet by packet, with loss, reordering and keyframe requests. */
class StreamsTest {

    private final SendStream sender = SendStream.video(96, EncodedMedia.video(320, 240), "sender");
    private final ReceiveStream receiver = new ReceiveStream("video", sender.ssrc, 90_000, 0);
    private final List<ReceiveStream.Feedback> feedback = new ArrayList<>();
    private long now;

    private void deliver(byte[] p) {
        feedback.addAll(receiver.received(p, Rtp.parse(p, 0, p.length), now));
    }

    private List<byte[]> frame() {
        now += 1000 / 15;
        return sender.next(now);
    }

    @Test
    void everyFrameOfALosslessStreamIsDecodableAndTheSizeComesFromTheKeyframe() {
        for (int i = 0; i < 30; i++) {
            frame().forEach(this::deliver);
        }
        assertThat(receiver.framesReceived).isEqualTo(30);
        assertThat(receiver.framesDecoded).isEqualTo(30);
        assertThat(receiver.keyFramesDecoded).isEqualTo(1);
        assertThat(receiver.frameWidth).isEqualTo(320);
        assertThat(receiver.frameHeight).isEqualTo(240);
        assertThat(receiver.framesPerSecond(now)).isBetween(14, 16);
        assertThat(receiver.packetsLost()).isZero();
        assertThat(receiver.packetsReceived).isEqualTo(sender.packetsSent);
        assertThat(receiver.bytesReceived).isEqualTo(sender.bytesSent);
        assertThat(feedback).isEmpty();
        assertThat(receiver.freezeCount).isZero();
        // every frame's trailer read without decoding: who sent it, its number, when
        org.rtcbench.media.ReceivedVideo.Totals markers = receiver.markers("v", now);
        assertThat(markers.sender()).isEqualTo(org.rtcbench.media.FrameStamp.senderId("sender"));
        assertThat(markers.framesShown()).isEqualTo(30);
        assertThat(markers.framesSkipped()).isZero();
        assertThat(markers.delayedFrames()).isEqualTo(30);
        assertThat(markers.totalDelayMs()).as("sent and read at the same test time").isZero();
        assertThat(markers.qualityMeasurements()).as("nothing decoded: no PSNR").isZero();
    }

    @Test
    void reorderedPacketsStillMakeWholeFrames() {
        for (int i = 0; i < 10; i++) {
            List<byte[]> packets = new ArrayList<>(frame());
            Collections.reverse(packets);
            packets.forEach(this::deliver);
        }
        assertThat(receiver.framesDecoded).isEqualTo(10);
        assertThat(receiver.packetsLost()).isZero();
    }

    @Test
    void aLostPacketIsNackedAndTheRetransmissionCompletesTheFrame() {
        frame().forEach(this::deliver); // the keyframe: several packets
        List<byte[]> second = frame();
        List<byte[]> third = frame();
        second.forEach(this::deliver);
        byte[] lost = third.get(0);
        frame().forEach(this::deliver); // the gap shows when the next frame arrives
        assertThat(feedback).hasSize(1);
        int lostSequence = Rtp.parse(lost, 0, lost.length).sequence();
        assertThat(feedback.get(0).nack()).containsExactly(lostSequence);
        assertThat(receiver.framesDecoded).isEqualTo(2);

        List<byte[]> again = sender.retransmit(feedback.get(0).nack());
        assertThat(again).containsExactly(lost);
        again.forEach(this::deliver);
        // the third frame completes, and the fourth, held until then, follows it: no keyframe needed
        assertThat(receiver.framesReceived).isEqualTo(4);
        assertThat(receiver.framesDecoded).isEqualTo(4);
        assertThat(feedback).noneMatch(ReceiveStream.Feedback::pli);
        assertThat(receiver.packetsLost()).isZero();
        assertThat(sender.retransmittedPacketsSent).isEqualTo(1);
    }

    @Test
    void aFrameLostForGoodMakesAPliAndTheKeyframeThatAnswersItRestoresTheChain() {
        for (int i = 0; i < 3; i++) {
            frame().forEach(this::deliver);
        }
        frame(); // lost entirely, never retransmitted
        long decoded = receiver.framesDecoded;
        for (int i = 0; i < 5; i++) { // held for the lost one, 267 ms from the first held
            frame().forEach(this::deliver);
        }
        assertThat(feedback).noneMatch(ReceiveStream.Feedback::pli);
        frame().forEach(this::deliver); // past 300 ms: dropped, a keyframe asked for
        assertThat(feedback).filteredOn(ReceiveStream.Feedback::pli).hasSize(1);
        assertThat(receiver.framesDecoded).isEqualTo(decoded);
        assertThat(receiver.framesDropped).isEqualTo(6);
        sender.keyframeRequested(false);
        frame().forEach(this::deliver);
        assertThat(receiver.framesDecoded).isEqualTo(decoded + 1);
        assertThat(receiver.keyFramesDecoded).isEqualTo(2);
        assertThat(sender.pliCount).isEqualTo(1);
        frame().forEach(this::deliver);
        assertThat(receiver.framesDecoded).isEqualTo(decoded + 2);
    }

    @Test
    void aLongGapIsAFreeze() {
        for (int i = 0; i < 20; i++) {
            frame().forEach(this::deliver);
        }
        now += 1000; // a 1 s blackout: the sender's frames in it are lost
        for (int i = 0; i < 5; i++) {
            sender.next(now);
        }
        sender.keyframeRequested(false);
        for (int i = 0; i < 5; i++) {
            frame().forEach(this::deliver);
        }
        assertThat(receiver.freezeCount).isEqualTo(1);
        assertThat(receiver.totalFreezesDuration).isGreaterThan(1.0);
        assertThat(receiver.packetsLost()).isGreaterThan(0);
    }

    @Test
    void aRembBelowTheLoopsBitrateStepsDownToTheSmallerLoopAtAKeyframeAndRoomForTheLargerStepsBackUp() {
        SendStream vga = SendStream.video(96, EncodedMedia.video(640, 480), "sender");
        ReceiveStream in = new ReceiveStream("video", vga.ssrc, 90_000, 0);
        long small = EncodedMedia.video(320, 240).bitrate();
        long large = vga.picture().bitrate();
        assertThat(small).as("the shipped loops' mean bitrates").isLessThan(large);
        long t = 0;
        for (int i = 0; i < 5; i++) {
            t += 1000 / 15;
            for (byte[] p : vga.next(t)) {
                in.received(p, Rtp.parse(p, 0, p.length), t);
            }
        }
        assertThat(in.frameWidth).isEqualTo(640);
        assertThat(vga.bandwidthLimited()).isFalse();

        vga.estimate(large); // not enough once headers count
        long keyframesBefore = vga.keyFramesSent;
        t += 1000 / 15;
        for (byte[] p : vga.next(t)) {
            in.received(p, Rtp.parse(p, 0, p.length), t);
        }
        assertThat(vga.keyFramesSent).as("the switch starts at a keyframe of the smaller loop").isEqualTo(keyframesBefore + 1);
        assertThat(in.frameWidth).isEqualTo(320);
        assertThat(in.frameHeight).isEqualTo(240);
        assertThat(vga.picture().width()).isEqualTo(320);
        assertThat(vga.bandwidthLimited()).isTrue();
        assertThat(vga.rembBitrate).isEqualTo(large);

        vga.estimate((long) (large * 1.2)); // fits, but without the headroom a step up asks for: stays
        t += 1000 / 15;
        vga.next(t);
        assertThat(vga.picture().width()).isEqualTo(320);

        vga.estimate(large * 2);
        t += 1000 / 15;
        for (byte[] p : vga.next(t)) {
            in.received(p, Rtp.parse(p, 0, p.length), t);
        }
        assertThat(in.frameWidth).isEqualTo(640);
        assertThat(vga.bandwidthLimited()).isFalse();
        assertThat(vga.layerChanges).isEqualTo(2);
        assertThat(in.framesDecoded).as("every frame decodable across both switches").isEqualTo(in.framesReceived);

        vga.estimate(10_000); // below every loop: the smallest, not nothing
        vga.next(t + 1000 / 15);
        assertThat(vga.picture().width()).isEqualTo(320);
    }

    @Test
    void aStreamOfTheSmallestLoopHasNoLayerToStepDownTo() {
        sender.estimate(10_000);
        frame();
        assertThat(sender.picture().width()).isEqualTo(320);
        assertThat(sender.bandwidthLimited()).isFalse();
        assertThat(sender.layerChanges).isZero();
    }
}
