package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;

/** 200 replay peers (100 calls) come and go: no thread, socket or other file descriptor of theirs outlives them. */
class ReplayLeakIT {
    private static final MediaSpec SMALL = new MediaSpec(new VideoSpec(320, 240, 15), true, true);
    /** Threads ice4j shares between all agents of the JVM (daemon pools that end after a minute idle): not a peer's. */
    private static final String SHARED_POOLS = "ice4j.";

    @Test
    void twoHundredReplayPeersLeaveNoThreadNorFileDescriptorBehind() throws Exception {
        calls(1); // class loading, ice4j's shared pools, the jars' descriptors: what the JVM keeps for good
        System.gc();
        Thread.sleep(1_000);
        Map<String, Integer> threadsBefore = threads();
        long fdsBefore = fds();

        calls(100);

        long deadline = System.currentTimeMillis() + 10_000;
        while ((fds() > fdsBefore || !threads().equals(threadsBefore)) && System.currentTimeMillis() < deadline) {
            // no collection here: a descriptor that only a GC would close is a leak under load
            Thread.sleep(100);
        }
        assertThat(threads()).as("threads by name (numbers stripped) after 200 peers closed").isEqualTo(threadsBefore);
        assertThat(fds()).as("open file descriptors (sockets included) after 200 peers closed: %s", fdKinds()).isLessThanOrEqualTo(fdsBefore);
    }

    /** {@code n} replay-to-replay calls up at once, connected, carrying media for 2 s, then closed. */
    private static void calls(int n) throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<ReplayPeer> peers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ReplayPeer a = new ReplayPeer("a" + i, lo);
                ReplayPeer b = new ReplayPeer("b" + i, lo);
                peers.add(a);
                peers.add(b);
                a.startMedia(SMALL, Role.SENDRECV);
                b.startMedia(SMALL, Role.SENDRECV);
                a.acceptAnswer("c", b.acceptOffer("c", a.createOffer("c", null)));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (peers.stream().anyMatch(p -> !p.connectionState("c").equals("connected")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(peers).allSatisfy(p -> assertThat(p.connectionState("c")).as(p.name() + ": " + p.failure("c")).isEqualTo("connected"));
            Thread.sleep(2_000);
        } finally {
            peers.forEach(ReplayPeer::close);
        }
    }

    /** Live threads by name with digits and hashes stripped, minus ice4j's JVM-wide pools. */
    private static Map<String, Integer> threads() {
        Map<String, Integer> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.getName().startsWith(SHARED_POOLS)) {
                out.merge(t.getName().replaceAll("[0-9a-f]{6,}|\\d+", "#"), 1, Integer::sum);
            }
        }
        return out;
    }

    /** What the open descriptors are, by kind (socket, pipe, a file's folder), for the failure message. */
    private static Map<String, Integer> fdKinds() throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : s.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    out.merge(target.replaceAll("\\[\\d+\\]|\\d+$", ""), 1, Integer::sum);
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return out;
    }

    private static long fds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
