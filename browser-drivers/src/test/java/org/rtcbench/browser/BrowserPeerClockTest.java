package org.rtcbench.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerKind;

/**
 * The clock correction of a browser on another machine (a Grid node, a container with its own
 * clock): the page's answers to {@code clock()} come from a clock set apart from this JVM's, over a
 * channel that takes a while each way.
 */
class BrowserPeerClockTest {
    /**
     * A page whose Date.now() is {@code skewMs} off this JVM's clock, reached with these delays in turn:
     * out and back of the first call, of the second, ...
     */
    private static BrowserPeer page(long skewMs, long... outAndBackMs) {
        List<Long> delays = new ArrayList<>();
        for (long d : outAndBackMs) {
            delays.add(d);
        }
        PageScript script = (method, args) -> {
            sleep(delays.isEmpty() ? 1 : delays.remove(0));
            double pageNow = System.currentTimeMillis() + skewMs;
            sleep(delays.isEmpty() ? 1 : delays.remove(0));
            return Map.of("ok", pageNow);
        };
        return new BrowserPeer("chrome", PeerKind.CHROME, script, new PeerInfo("chromium", "156", "chromedriver", "156"), () -> {
        });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPageWhoseClockIsSevenSecondsBehindIsCorrectedBySevenSeconds() {
        assertThat(page(-7_300, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2).clockOffsetMs()).isBetween(7_300L - 3, 7_300L + 3);
        assertThat(page(12_000).clockOffsetMs()).isBetween(-12_000L - 3, -12_000L + 3);
    }

    @Test
    void theRoundTripWithTheLeastDelayDecidesSoOneSlowAnswerDoesNotSkewIt() {
        // a Grid node far away: four slow round trips, lopsided (a slow way out, a quick way back: 20-45 ms wrong
        // each), and one quick one
        long offset = page(-2_000, 40, 2, 90, 1, 5, 5, 60, 3, 45, 2).clockOffsetMs();
        assertThat(offset).as("half the quickest round trip at most").isBetween(2_000L - 6, 2_000L + 6);
    }
}
