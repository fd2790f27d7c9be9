package org.rtcbench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReceivedVideoTest {
    private static final long T0 = 1_764_800_000_000L;
    private static final int SENDER = 9;

    /** Frame {@code n} of a 15 fps sender that started at T0, rendered {@code delayMs} later. */
    private static void show(ReceivedVideo v, int n, long delayMs) {
        long sent = T0 + n * 1000L / 15;
        v.frame(FrameStamp.at(SENDER, n, sent), sent + delayMs, 320, 240);
    }

    @Test
    void aSmoothSecondIsFifteenFramesShownNoneSkippedOrFrozenAtTheirDelay() {
        ReceivedVideo v = new ReceivedVideo(T0);
        for (int n = 0; n < 15; n++) {
            show(v, n, 20 + n % 3);
        }
        ReceivedVideo.Totals t = v.totals("v1", T0 + 1000);

        assertThat(t.sender()).isEqualTo(SENDER);
        assertThat(t.framesShown()).isEqualTo(15);
        assertThat(t.framesSkipped()).isZero();
        assertThat(t.framesUnreadable()).isZero();
        assertThat(t.totalDelayMs() / t.delayedFrames()).isEqualTo(21.0);
        assertThat(t.totalFrozenMs()).isZero();
        assertThat(t.width()).isEqualTo(320);
    }

    @Test
    void numbersNeverShownAreSkippedRepeatsAndOldFramesAreNotNewAndUnreadableOnesAreCountedApart() {
        ReceivedVideo v = new ReceivedVideo(T0);
        show(v, 0, 20);
        show(v, 1, 20);
        show(v, 1, 25); // shown again
        show(v, 5, 20); // 2, 3, 4 never came
        show(v, 4, 90); // too late: older than one already shown
        v.frame(null, T0 + 500, 320, 240);
        ReceivedVideo.Totals t = v.totals("v1", T0 + 1000);

        assertThat(t.framesRendered()).isEqualTo(5);
        assertThat(t.framesShown()).isEqualTo(3);
        assertThat(t.framesSkipped()).isEqualTo(3);
        assertThat(t.framesUnreadable()).isEqualTo(1);
    }

    @Test
    void aLoopedFileStartingOverKeepsCountingFramesAndHasNoDelay() {
        ReceivedVideo v = new ReceivedVideo(T0);
        long t = T0;
        for (int i = 0; i < 3 * Y4mWriter.PICTURES; i++) { // a replay peer's 64-frame loop, three times, at 15 fps
            t += 1000 / 15;
            if (i != 2 * Y4mWriter.PICTURES + 1) { // one frame of the third loop never came
                v.frame(new FrameStamp(FrameStamp.FILE_SENDER, i % Y4mWriter.PICTURES, 0), t, 320, 240);
            }
        }
        v.frame(new FrameStamp(FrameStamp.FILE_SENDER, 60, 0), t + 10, 320, 240); // a late one of the loop before
        ReceivedVideo.Totals totals = v.totals("v1", t + 20);

        assertThat(totals.framesShown()).isEqualTo(3L * Y4mWriter.PICTURES - 1);
        assertThat(totals.framesSkipped()).isEqualTo(1);
        assertThat(totals.delayedFrames()).as("a file's frames carry no drawing time").isZero();
        assertThat(totals.totalFrozenMs()).isZero();
    }

    @Test
    void framesABusyReaderMissedButTheElementPresentedWereShownNotSkippedNorAFreeze() {
        ReceivedVideo v = new ReceivedVideo(T0);
        for (int n = 0; n < 30; n += 3) {
            // the page read every third frame; the element presented the two between each time
            long sent = T0 + n * 1000L / 15;
            v.frame(FrameStamp.at(SENDER, n, sent), sent + 20, 320, 240, n == 0 ? 1 : 3);
        }
        assertThat(v.totals("v1", T0 + 27 * 1000L / 15 + 20).totalFrozenMs()).as("a new picture every 67 ms, read or not").isZero();
        long sent = T0 + 35 * 1000L / 15;
        v.frame(FrameStamp.at(SENDER, 35, sent), sent + 20, 320, 240, 2); // 28..34 missing, 2 presented: 1 of them shown, 6 skipped
        ReceivedVideo.Totals t = v.totals("v1", sent + 20);

        assertThat(t.framesShown()).as("10 read, 2 shown unread after each of 9, then 1 and 35").isEqualTo(10 + 9 * 2 + 1 + 1);
        assertThat(t.framesSkipped()).isEqualTo(6);
    }

    @Test
    void aReaderOfEveryThirdFrameThatKnowsWhenTheFrameBeforeWasShownMeasuresAFreezeExactly() {
        ReceivedVideo v = new ReceivedVideo(T0);
        long period = 1000L / 15;
        for (int n = 0; n <= 30; n += 3) {
            long shownAt = T0 + n * period + 20;
            v.frame(FrameStamp.at(SENDER, n, T0 + n * period), shownAt, 320, 240, n == 0 ? 1 : 3, n == 0 ? -1 : shownAt - period);
        }
        // 31 and 32 shown unread on time, then nothing for 400 ms, then 33 read: the page says when 32 was shown
        long before = T0 + 32 * period + 20;
        v.frame(FrameStamp.at(SENDER, 33, T0 + 33 * period), before + 400, 320, 240, 3, before);
        ReceivedVideo.Totals t = v.totals("v1", before + 400);

        assertThat(t.framesShown()).isEqualTo(34);
        assertThat(t.framesSkipped()).isZero();
        assertThat(t.totalFrozenMs()).as("the 400 ms after frame 32, not a share of the 533 ms since frame 30 was read").isEqualTo(400.0);

        // 34 read on time; then nothing for 1 s, and 35 and 36 shown together, 36 read: 35 had no callback of its own
        v.frame(FrameStamp.at(SENDER, 34, T0 + 34 * period), before + 400 + period, 320, 240, 1, before + 400);
        long last = before + 400 + period;
        v.frame(FrameStamp.at(SENDER, 36, T0 + 36 * period), last + 1000, 320, 240, 2, last);

        assertThat(v.totals("v1", last + 1000).totalFrozenMs()).as("the whole second, not half of it each for 35 and 36")
                .isEqualTo(1400.0);
        assertThat(v.totals("v1", last + 1000).framesShown()).isEqualTo(37);
    }

    @Test
    void framesShownUnreadAtUnknownTimesShareTheWaitEvenlyEachAGapOfItsOwn() {
        ReceivedVideo v = new ReceivedVideo(T0);
        long period = 1000L / 15;
        for (int n = 0; n <= 30; n++) {
            v.frame(FrameStamp.at(SENDER, n, T0 + n * period), T0 + n * period + 20, 320, 240, 1);
        }
        // 31 and 32 shown unread, 33 read 1200 ms after 30, and nobody says when 31 and 32 came: three
        // gaps of 400 ms, each longer than a freeze, so all 1200 ms were frozen
        long last = T0 + 30 * period + 20;
        v.frame(FrameStamp.at(SENDER, 33, T0 + 33 * period), last + 1200, 320, 240, 3);
        ReceivedVideo.Totals t = v.totals("v1", last + 1200);

        assertThat(t.framesShown()).isEqualTo(34);
        assertThat(t.framesSkipped()).isZero();
        assertThat(t.totalFrozenMs()).as("the whole wait, not one 400 ms share of it").isEqualTo(1200.0);
    }

    @Test
    void aStopInTheFramesIsFrozenTimeThatGrowsWhileItLastsAndReadingItChangesNothing() {
        ReceivedVideo v = new ReceivedVideo(T0);
        for (int n = 0; n < 15; n++) {
            show(v, n, 20);
        }
        long last = T0 + 14 * 1000L / 15 + 20; // 953 ms
        assertThat(v.totals("v1", T0 + 1000).totalFrozenMs()).as("47 ms since the last frame: not yet a freeze").isZero();
        assertThat(v.totals("v1", T0 + 2000).totalFrozenMs()).as("still frozen, counted to now").isEqualTo((double) (T0 + 2000 - last));
        assertThat(v.totals("v1", T0 + 2000).totalFrozenMs()).as("a second reading takes nothing away").isEqualTo((double) (T0 + 2000 - last));

        show(v, 40, 20); // the stream comes back at 2687 ms, 25 numbers skipped
        ReceivedVideo.Totals after = v.totals("v1", T0 + 3000);
        assertThat(after.totalFrozenMs()).isCloseTo(2687 - 953, within(1.0));
        assertThat(after.framesSkipped()).isEqualTo(25);
        assertThat(after.framesShown()).isEqualTo(16);
    }

    @Test
    void beforeTheFirstFrameNothingIsMeasuredNotZero() {
        ReceivedVideo.Totals t = new ReceivedVideo(T0).totals("v1", T0 + 1000);

        assertThat(t.sender()).isNull();
        assertThat(t.totalFrozenMs()).isNull();
        assertThat(t.delayedFrames()).isZero();
        assertThat(t.qualityMeasurements()).isZero();
        assertThat(t.width()).isNull();
    }

    @Test
    void qualityIsMeasuredOnceASecondAgainstThePictureOfTheFrameNumber() {
        ReceivedVideo v = new ReceivedVideo(T0);
        FrameStamp stamp = FrameStamp.at(SENDER, 1234, T0);
        byte[] y = new byte[320 * 240];
        byte[] chroma = new byte[160 * 120];
        new Y4mWriter(320, 240, 15).renderPicture(1234, y, chroma, chroma.clone());
        FrameMarker.draw(y, 320, 320, 240, stamp);

        assertThat(v.wantsQuality(T0)).isTrue();
        v.quality(stamp, y, 320, 240, T0);
        assertThat(v.wantsQuality(T0 + 999)).isFalse();
        assertThat(v.wantsQuality(T0 + 1000)).isTrue();
        ReceivedVideo.Totals t = v.totals("v1", T0 + 1000);
        assertThat(t.totalPsnr()).isEqualTo(PictureQuality.MAX_PSNR_DB);
        assertThat(t.totalSsim()).isCloseTo(1.0, within(1e-9));

        v.quality(FrameStamp.at(SENDER, 1235, T0), y, 320, 240, T0 + 1000);
        ReceivedVideo.Totals two = v.totals("v1", T0 + 2000);
        assertThat(two.qualityMeasurements()).isEqualTo(2);
        assertThat(two.totalPsnr() - t.totalPsnr()).as("the next picture: not what was sent").isLessThan(30);
    }
}
