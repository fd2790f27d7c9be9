package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rtcbench.core.capacity.Demand;
import org.rtcbench.core.capacity.HostResources;
import org.rtcbench.core.capacity.PeerCost;
import org.rtcbench.core.peer.PeerKind;

class AutoWavesTest {
    private static final HostResources TWO_CORES = new HostResources(2, 24_000, 30_000);
    /** 0.5 cores of peers, and 0.1 per cell. */
    private static final PeerCost COST = new PeerCost(PeerKind.JAVA, 0.25, 0.05, 10, 1, 1, 1);

    private static Demand cells(int n) {
        return new Demand(k -> COST).peer(PeerKind.JAVA, null, n).peer(PeerKind.JAVA, null, n);
    }

    private final AutoWaves waves = new AutoWaves(AutoWavesTest::cells, 18, TWO_CORES);

    @Test
    void theFirstWaveIsWhatTheCostsFitInThreeQuartersOfTheCores() {
        AutoWaves.Choice first = waves.first();
        // 0.5 + 0.1 n <= 1.5
        assertThat(first.cells()).isEqualTo(10);
        assertThat(first.reason()).isEqualTo("measured per-peer costs put 10 cells at 1.50 cores, within three quarters of this host's 2 cores");
    }

    @Test
    void coresOtherWorkKeepsBusyAreNotCountedOn() {
        AutoWaves.Choice first = waves.first(1.0);
        // 0.5 + 0.1 n <= 1.5 - 1.0: one cell at 0.6 cores, more would not fit
        assertThat(first.cells()).isEqualTo(1);
        assertThat(first.reason()).endsWith("less the 1.00 cores other work used just before");
        assertThat(waves.first(0.25).cells()).as("0.5 + 0.1 n <= 1.25").isEqualTo(7);
    }

    @Test
    void aWaveThatLeftRoomWidensTowardsTheTargetAtMostTwofold() {
        assertThat(waves.next(new AutoWaves.WaveLoad(4, 50.0, 15.0, 15), 14).cells()).isEqualTo(6);
        assertThat(waves.next(new AutoWaves.WaveLoad(4, 10.0, 15.0, 15), 14).cells()).as("at most twice as wide").isEqualTo(8);
        assertThat(waves.next(new AutoWaves.WaveLoad(4, 10.0, 15.0, 15), 3).cells()).as("no more than remain").isEqualTo(3);
    }

    @Test
    void aNarrowWaveWellUnderTheTargetGrowsByAtLeastOne() {
        AutoWaves.Choice next = waves.next(new AutoWaves.WaveLoad(1, 62.0, 15.0, 15), 10);
        assertThat(next.cells()).isEqualTo(2);
        assertThat(next.reason()).isEqualTo("host CPU 62 % and the worst cell received 15.0 of 15 fps in the last wave of 1 cell: aiming at 75 %");
        assertThat(waves.next(new AutoWaves.WaveLoad(3, 70.0, 15.0, 15), 10).cells()).as("near the target: as wide").isEqualTo(3);
    }

    @Test
    void aSaturatedHostOrAStarvedCellHalvesTheNextWave() {
        AutoWaves.Choice hot = waves.next(new AutoWaves.WaveLoad(8, 93.0, 15.0, 15), 10);
        assertThat(hot.cells()).isEqualTo(4);
        assertThat(hot.reason()).isEqualTo("host CPU 93 % and the worst cell received 15.0 of 15 fps in the last wave of 8 cells: halving");
        assertThat(waves.next(new AutoWaves.WaveLoad(8, 60.0, 9.0, 15), 10).cells()).as("9 of 15 fps is under 80 %").isEqualTo(4);
        assertThat(waves.next(new AutoWaves.WaveLoad(1, 99.0, 2.0, 15), 10).cells()).as("never below one").isEqualTo(1);
    }

    @Test
    void cellsThatFailedAtSignalingDoNotJudgeTheHost() {
        assertThat(waves.next(new AutoWaves.WaveLoad(4, 50.0, null, 15), 14).cells()).isEqualTo(6);
    }
}
