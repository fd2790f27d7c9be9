package org.rtcbench.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One impaired link direction, packet by packet, on a clock of its own: exact, and the same for the same seed. */
class LinkShaperTest {
    private static final long MS = 1_000_000L;

    private static LinkSpec spec(Duration delay, Duration jitter, double loss, double burst, long bandwidth) {
        return new LinkSpec(delay, jitter, loss, burst, bandwidth, null, 0, 0);
    }

    @Test
    void aDelayDelaysEveryPacketByExactlyThatMuch() {
        LinkShaper link = new LinkShaper(spec(Duration.ofMillis(25), null, 0, 1, 0), 1);
        for (int i = 0; i < 100; i++) {
            LinkShaper.Verdict v = link.offer(i * 10 * MS, 1200);
            assertThat(v.dropped()).isFalse();
            assertThat(v.departs()).isEqualTo(i * 10 * MS + 25 * MS);
        }
        assertThat(link.counters().snapshot().meanDelayMs()).isEqualTo(25.0);
    }

    @Test
    void jitterStaysWithinItsBoundsAndNeverReordersByItself() {
        LinkShaper link = new LinkShaper(spec(Duration.ofMillis(50), Duration.ofMillis(20), 0, 1, 0), 7);
        long last = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long now = i * MS;
            long departs = link.offer(now, 1000).departs();
            assertThat(departs).isBetween(now + 30 * MS, Math.max(now + 70 * MS, last));
            assertThat(departs).isGreaterThanOrEqualTo(last);
            last = departs;
        }
    }

    @Test
    void randomLossDropsItsShareAndBurstsLastAsLongAsAsked() {
        for (double burst : new double[] {1, 4}) {
            LinkShaper link = new LinkShaper(spec(null, null, 0.05, burst, 0), 42);
            int runs = 0;
            boolean previousLost = false;
            for (int i = 0; i < 200_000; i++) {
                boolean lost = link.offer(i * MS, 100).dropped();
                if (lost && !previousLost) {
                    runs++;
                }
                previousLost = lost;
            }
            LinkCounters.Snapshot s = link.counters().snapshot();
            assertThat(s.dropRate()).as("loss with burst " + burst).isBetween(0.045, 0.055);
            assertThat((double) s.dropped() / runs).as("mean burst length").isBetween(burst * 0.9, burst * 1.1);
            assertThat(s.dropsByCause()).containsOnlyKeys(LinkShaper.Drop.LOSS);
        }
    }

    @Test
    void theSameSeedGivesTheSameVerdictsAndAnotherSeedOthers() {
        assertThat(verdicts(3)).isEqualTo(verdicts(3)).isNotEqualTo(verdicts(4));
    }

    private static List<Long> verdicts(long seed) {
        LinkShaper link = new LinkShaper(new LinkSpec(Duration.ofMillis(40), Duration.ofMillis(10), 0.1, 2, 0, null, 0.01, 0.01), seed);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            LinkShaper.Verdict v = link.offer(i * MS, 500);
            out.add(v.dropped() ? -1 : v.departs());
        }
        return out;
    }

    @Test
    void aBandwidthCapSpacesPacketsByTheirSerializationTimeAndDropsBeyondItsQueue() {
        // 300 kbit/s, 1200-byte packets: 32 ms each; 100 packets offered at once, a 200 ms queue holds 7 of them
        LinkShaper link = new LinkShaper(spec(null, null, 0, 1, 300_000), 1);
        List<Long> departures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            LinkShaper.Verdict v = link.offer(0, 1200);
            if (!v.dropped()) {
                departures.add(v.departs());
            } else {
                assertThat(v.drop()).isEqualTo(LinkShaper.Drop.QUEUE);
            }
        }
        assertThat(departures).hasSize(7);
        for (int i = 0; i < departures.size(); i++) {
            assertThat(departures.get(i)).isEqualTo((i + 1) * 32 * MS);
        }
        // offered at the cap's pace, nothing is dropped, and bytes out over time equal the cap
        LinkShaper paced = new LinkShaper(spec(null, null, 0, 1, 300_000), 1);
        long lastDeparture = 0;
        for (int i = 0; i < 1000; i++) {
            LinkShaper.Verdict v = paced.offer(i * 32 * MS, 1200);
            assertThat(v.dropped()).isFalse();
            lastDeparture = v.departs();
        }
        assertThat(paced.counters().snapshot().passedBytes() * 8.0 / (lastDeparture / 1e9)).isBetween(299_000.0, 301_000.0);
    }

    @Test
    void aBlackoutDropsEverythingForItsDurationThenTheLinkIsBack() {
        LinkShaper link = new LinkShaper(LinkSpec.NONE, 1);
        link.blackout(1000 * MS, 3000 * MS);
        assertThat(link.offer(999 * MS, 100).dropped()).isFalse();
        assertThat(link.offer(1000 * MS, 100).drop()).isEqualTo(LinkShaper.Drop.BLACKOUT);
        assertThat(link.offer(3999 * MS, 100).drop()).isEqualTo(LinkShaper.Drop.BLACKOUT);
        assertThat(link.offer(4000 * MS, 100).dropped()).isFalse();
    }

    @Test
    void reorderedPacketsOvertakeAndDuplicatesLeaveTwice() {
        LinkShaper link = new LinkShaper(new LinkSpec(Duration.ofMillis(100), null, 0, 1, 0, null, 0.1, 0.05), 9);
        int overtook = 0;
        int twice = 0;
        for (int i = 0; i < 10_000; i++) {
            LinkShaper.Verdict v = link.offer(i * MS, 100);
            if (v.departs() == i * MS) {
                overtook++;
            }
            if (v.duplicateDeparts() >= 0) {
                twice++;
            }
        }
        assertThat(overtook).isBetween(900, 1100);
        assertThat(twice).isBetween(420, 580);
        assertThat(link.counters().snapshot().reordered()).isEqualTo(overtook);
    }

    @Test
    void badValuesAreRefusedSayingWhatIsAllowed() {
        assertThatThrownBy(() -> spec(Duration.ofMillis(-5), null, 0, 1, 0)).hasMessage("delay must not be negative, got -5ms");
        assertThatThrownBy(() -> spec(null, null, 1.2, 1, 0)).hasMessage("loss must be between 0% and 100%, got 120%");
        assertThatThrownBy(() -> spec(Duration.ofMillis(10), Duration.ofMillis(20), 0, 1, 0)).hasMessageContaining("must not exceed delay");
        assertThatThrownBy(() -> spec(null, null, 0.1, 0.5, 0)).hasMessageContaining("burst is the mean number of packets lost in a row");
    }
}
