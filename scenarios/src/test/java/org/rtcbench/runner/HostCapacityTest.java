package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.capacity.Demand;
import org.rtcbench.core.capacity.HostResources;
import org.rtcbench.core.capacity.PeerCost;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.LoadSpec;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;

class HostCapacityTest {
    private static final MediaSpec SMALL = new MediaSpec(new VideoSpec(320, 240, 15), true, true);
    private static final HostResources TWO_CORES = new HostResources(2, 24_000, 30_000);

    private static List<PeerSlot> peers(PeerKind kind, int n, Role role) {
        List<PeerSlot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PeerSlot(kind.id() + "-" + i, kind, null, role, SMALL));
        }
        return out;
    }

    @Test
    void aFullMeshOfNPeersIsNTimesNMinusOneHalvesConnectionsAndNMinusOneStreamPairsAPeer() {
        Demand d = HostCapacity.mesh(peers(PeerKind.JAVA, 10, Role.SENDRECV), 10);
        PeerCost java = PeerCost.reference(PeerKind.JAVA);
        assertThat(d.connections()).isEqualTo(45);
        assertThat(d.cores()).isCloseTo(10 * (java.cores() + 9 * java.coresPerStreamPair()), within(1e-9));
        assertThat(d.threads()).isCloseTo(10 * (java.jvmThreads() + 9 * java.jvmThreadsPerStreamPair()), within(1e-9));
    }

    @Test
    void aOneWayMeshCountsOnlyTheStreamsThatFlow() {
        List<PeerSlot> slots = new ArrayList<>(peers(PeerKind.JAVA, 1, Role.SENDONLY));
        slots.addAll(peers(PeerKind.JAVA, 3, Role.RECVONLY));
        PeerCost java = PeerCost.reference(PeerKind.JAVA);
        // the sender sends 3 streams (1.5 pairs); each receiver receives 1 (half a pair); receivers exchange nothing
        assertThat(HostCapacity.mesh(slots, 4).cores()).isCloseTo(4 * java.cores() + 3 * java.coresPerStreamPair(), within(1e-9));
    }

    @Test
    void aLoadRunsSubscriberReceivesEveryPublisherOfItsRoom() {
        LoadSpec spec = new LoadSpec(2, 3, 4, null, null, null, null, null, null, null);
        Demand d = HostCapacity.load(spec, SMALL, List.of(), spec.users());
        PeerCost java = PeerCost.reference(PeerKind.JAVA);
        assertThat(d.peers()).isEqualTo(14);
        assertThat(d.connections()).as("per room 3 publications and 4 x 3 subscriptions").isEqualTo(2 * (3 + 12));
        assertThat(d.cores()).isCloseTo(14 * java.cores() + 2 * (3 * 0.5 + 4 * 1.5) * java.coresPerStreamPair(), within(1e-9));
    }

    @Test
    void aRunThatFitsIsRecordedAndOneThatDoesNotIsRefusedWithHowManyFit() {
        RunOptions options = RunOptions.defaults();
        List<PeerSlot> four = peers(PeerKind.JAVA, 4, Role.SENDRECV);
        Map<String, Object> record = HostCapacity.require("4 peers in a P2P full mesh", 4, HostCapacity.mesh(four, 4),
                n -> HostCapacity.mesh(four, n), options, TWO_CORES);
        assertThat(record).containsEntry("fits", true).containsEntry("connections", 6L).containsEntry("hostCores", 2);

        List<PeerSlot> many = peers(PeerKind.CHROME, 40, Role.SENDRECV);
        assertThatThrownBy(() -> HostCapacity.require("40 peers in a P2P full mesh", 40, HostCapacity.mesh(many, 40),
                n -> HostCapacity.mesh(many, n), options, TWO_CORES))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("40 peers in a P2P full mesh (chrome x40, 780 connections) need about ")
                .hasMessageContaining("cores and this host has 2: it holds about 4 of them")
                .hasMessageEndingWith("use --force to run it anyway");
        // four fit and five do not, by the same costs
        assertThat(HostCapacity.mesh(many, 4).exceeds(TWO_CORES)).isNull();
        assertThat(HostCapacity.mesh(many, 5).exceeds(TWO_CORES)).isNotNull();
    }

    @Test
    void forcedItRunsWithAWarningLineAndTheRecordSaysSo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunOptions forced = RunOptions.defaults().withForce(true).withOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        List<PeerSlot> many = peers(PeerKind.CHROME, 40, Role.SENDRECV);
        Map<String, Object> record = HostCapacity.require("40 peers in a P2P full mesh", 40, HostCapacity.mesh(many, 40),
                n -> HostCapacity.mesh(many, n), forced, TWO_CORES);
        assertThat(record).containsEntry("fits", false).containsEntry("forced", true);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("  --force: 40 peers in a P2P full mesh").contains("running it anyway");
    }
}
