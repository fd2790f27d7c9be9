package org.rtcbench.target.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.peer.java.JavaPeerLauncher;
import org.rtcbench.target.sdp.ReachableCandidates;
import org.rtcbench.target.janus.local.LocalJanus;

/** A Janus that is not there, or that dies mid-call: calls fail within seconds with the reason, and nothing is left behind. */
class JanusFailuresIT {
    @TempDir
    Path tmp;

    @Test
    void nothingListeningFailsAtOnceWithCannotReach() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        for (String url : List.of("http://127.0.0.1:" + port + "/janus", "ws://127.0.0.1:" + port)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> JanusClient.connect(url)).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("cannot reach Janus at " + url + ": connection refused");
            assertThat(msSince(t0)).isLessThan(3000);
        }
    }

    @Test
    void aListenerThatNeverAnswersFailsWithinSeconds() throws IOException {
        // Accepts the connection (the kernel does, from the backlog) but never answers: a hung server.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/janus";
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> JanusClient.connect(url)).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("cannot reach Janus at " + url + ": no answer within 5 s");
            assertThat(msSince(t0)).isBetween(4000L, 8000L);
        }
    }

    @Test
    void aPeerOfferingNoAddressJanusCanReachFailsAtSignalingWithTheReason() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LocalJanus janus = LocalJanus.start(tmp);
             JanusClient client = JanusClient.connect(janus.url());
             JanusVideoRoom videoRoom = new JanusVideoRoom(client, ReachableCandidates.only(janus.peerAddress()), Duration.ofSeconds(10),
                     (type, fields) -> events.add(type));
             // advertises an address that is not on Janus's test network (TEST-NET-1: nothing is ever sent there)
             Peer elsewhere = new JavaPeerLauncher("192.0.2.99").launch("elsewhere", null, null, null)) {
            long room = videoRoom.createRoom(null, 2, "vp8");
            elsewhere.startMedia(new MediaSpec(new VideoSpec(320, 240, 15), false, false), Role.SENDONLY);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> videoRoom.publish(elsewhere, room, "elsewhere", null)).isInstanceOf(PeerFailure.class)
                    .hasMessageStartingWith("elsewhere: its offer has no ICE candidate Janus can reach (of ")
                    .hasMessageEndingWith(" candidates, at 192.0.2.99, none at " + janus.peerAddress() + ")");
            assertThat(msSince(t0)).as("failed at signaling, not by timeout").isLessThan(3000);
            assertThat(events).containsSubsequence("joined", "failed");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"http", "ws"})
    void janusKilledMidCallFailsWaitingAndNextCallsAndCloseLeavesNothing(String api) throws Exception {
        List<Peer> peers = new ArrayList<>();
        LocalJanus janus = LocalJanus.start(tmp.resolve(api));
        String url = api.equals("ws") ? janus.wsUrl() : janus.url();
        String namespace = janus.network().name();
        String hostInterface = janus.network().hostInterface();
        try (JanusClient client = JanusClient.connect(url);
             JanusVideoRoom videoRoom = new JanusVideoRoom(client, ReachableCandidates.only(janus.peerAddress()), Duration.ofSeconds(10),
                     (type, fields) -> { })) {
            assertThat(ipOutput("netns", "list")).contains(namespace);
            assertThat(OwnedProcesses.running(janus.workDir().toString())).extracting(ProcessHandle::pid).contains(janus.pid());
            long room = videoRoom.createRoom(null, 2, "vp8");
            Peer publisher = new JavaPeerLauncher(janus.peerAddress()).launch("pub", null, null, null);
            peers.add(publisher);
            publisher.startMedia(new MediaSpec(new VideoSpec(320, 240, 15), false, false), Role.SENDONLY);
            JanusVideoRoom.Publication pub = videoRoom.publish(publisher, room, "pub", null);
            assertThat(publisher.connectionState(pub.connectionId())).isEqualTo("connected");

            // A caller waiting for an event that Janus will never send, when Janus dies.
            JanusHandle handle = client.createSession().attach(JanusVideoRoom.PLUGIN);
            CompletableFuture<JanusReply> waiting = CompletableFuture.supplyAsync(
                    () -> handle.awaitEvent(e -> "never".equals(e.janus()), Duration.ofSeconds(30), "never"));
            Thread.sleep(200);
            ProcessHandle.of(janus.pid()).orElseThrow().destroyForcibly();

            long t0 = System.nanoTime();
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(PeerFailure.class).hasMessageStartingWith("Janus at " + url + " stopped answering");
            assertThat(msSince(t0)).as("the waiting call failed promptly").isLessThan(3000);
            System.out.println("waiting call failed after " + msSince(t0) + " ms: " + waiting.handle((r, e) -> e.getCause().getMessage()).get());

            long t1 = System.nanoTime();
            assertThatThrownBy(() -> videoRoom.publishers(room)).isInstanceOf(PeerFailure.class)
                    .hasMessageStartingWith("Janus at " + url + " stopped answering");
            Peer late = new JavaPeerLauncher(janus.peerAddress()).launch("late", null, null, null);
            peers.add(late);
            late.startMedia(new MediaSpec(new VideoSpec(320, 240, 15), false, false), Role.RECVONLY);
            assertThatThrownBy(() -> videoRoom.subscribe(late, room, pub.feedId())).isInstanceOf(PeerFailure.class)
                    .hasMessageStartingWith("Janus at " + url + " stopped answering");
            assertThat(msSince(t1)).as("the next calls failed promptly").isLessThan(3000);
        } finally {
            peers.forEach(Peer::close);
            janus.close();
        }
        janus.close(); // idempotent
        assertThat(OwnedProcesses.running(janus.workDir().toString())).as("Janus processes left").isEmpty();
        assertThat(ipOutput("netns", "list")).as("namespaces left").doesNotContain(namespace);
        assertThat(ipOutput("-o", "link", "show")).as("veth left").doesNotContain(hostInterface);
    }

    private static String ipOutput(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static long msSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
