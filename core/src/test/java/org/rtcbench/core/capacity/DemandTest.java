package org.rtcbench.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.VideoSpec;

class DemandTest {
    private static final VideoSpec SMALL = new VideoSpec(320, 240, 15);
    private static final PeerCost COST = new PeerCost(PeerKind.JAVA, 0.1, 0.02, 10, 4, 2, 4);

    private static Demand demand() {
        return new Demand(k -> COST);
    }

    @Test
    void aPeerCostsItsOwnShareAndItsStreamPairsScaledByTheSquareRootOfThePixelRate() {
        Demand small = demand().peer(PeerKind.JAVA, SMALL, 3);
        assertThat(small.cores()).isCloseTo(0.1 + 3 * 0.02, within(1e-9));
        assertThat(small.mb()).isCloseTo(10 + 3 * 4, within(1e-9));
        assertThat(small.threads()).isCloseTo(2 + 3 * 4, within(1e-9));

        Demand big = demand().peer(PeerKind.JAVA, new VideoSpec(640, 480, 30), 3);
        assertThat(PeerCost.pixelFactor(new VideoSpec(640, 480, 30))).isCloseTo(Math.sqrt(8), within(1e-9));
        assertThat(big.cores()).isCloseTo(0.1 + 3 * 0.02 * Math.sqrt(8), within(1e-9));
        assertThat(big.mb()).as("memory does not grow with the pixel rate").isEqualTo(small.mb());
    }

    @Test
    void theFirstResourceExceededIsNamedWithWhatIsNeededAndWhatTheHostHas() {
        Demand d = demand().peer(PeerKind.JAVA, SMALL, 100);
        assertThat(d.exceeds(new HostResources(2, 1_000_000, 1_000_000))).isEqualTo("need about 2.1 cores and this host has 2");
        assertThat(d.exceeds(new HostResources(4, 100, 1_000_000))).isEqualTo("need about 0.4 GB of memory and this host has 0.0977 GB available");
        assertThat(d.exceeds(new HostResources(4, 1_000_000, 300))).isEqualTo("need about 402 threads and this host has room for 300 more");
        assertThat(d.exceeds(new HostResources(4, 1_000_000, 1_000_000))).isNull();
    }

    @Test
    void theMixAndTheCostsSayWhatWasCountedAndAtWhichVideoSize() {
        Demand d = demand().peer(PeerKind.JAVA, new VideoSpec(640, 480, 30), 1).peer(PeerKind.CHROME, SMALL, 1).connections(1);
        assertThat(d.mix()).isEqualTo("chrome x1, java x1");
        assertThat(d.peers()).isEqualTo(2);
        assertThat(d.connections()).isEqualTo(1);
        assertThat(d.costs()).contains("java 0.1 cores + 0.02 per stream pair and 10.0 MB + 4 MB per pair")
                .contains("at 640x480@30 they cost 2.83x that");
    }

    @Test
    void theReferenceCostsAreThereForEveryKind() {
        for (PeerKind k : PeerKind.values()) {
            PeerCost c = PeerCost.reference(k);
            assertThat(c.kind()).isEqualTo(k);
            assertThat(c.cores() + c.coresPerStreamPair()).as(k.id()).isPositive();
            assertThat(c.mb()).as(k.id()).isPositive();
        }
    }
}
