package org.rtcbench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameStampTest {
    @Test
    void theClockUnwrapsToTheTimeNearestTheReceiversClock() {
        long sent = 1_764_800_000_123L;
        FrameStamp stamp = FrameStamp.at(3, 7, sent);

        assertThat(stamp.sentMs(sent + 40)).isEqualTo(sent);
        assertThat(stamp.sentMs(sent - 5)).as("a receiver clock a little behind").isEqualTo(sent);
        long wrap = sent - Math.floorMod(sent, 1L << 24) + (1L << 24) - 10; // 10 ms before the 24-bit clock wraps
        assertThat(FrameStamp.at(3, 7, wrap).sentMs(wrap + 30)).as("across the wrap").isEqualTo(wrap);
    }

    @Test
    void frameNumbersWrapAndCountAcrossTheWrap() {
        assertThat(FrameStamp.at(0, FrameStamp.MAX_FRAME + 1L, 0).frame()).isZero();
        assertThat(FrameStamp.framesBetween(FrameStamp.MAX_FRAME, 1)).isEqualTo(2);
        assertThat(FrameStamp.framesBetween(5, 5)).isZero();
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new FrameStamp(1024, 0, 0)).hasMessage("marker sender id must be from 0 to 1023, got 1024");
        assertThatThrownBy(() -> new FrameStamp(0, 16384, 0)).hasMessage("marker frame number must be from 0 to 16383, got 16384");
        assertThat(new FrameStamp(FrameStamp.FILE_SENDER, 0, 0).clocked()).isFalse();
    }
}
