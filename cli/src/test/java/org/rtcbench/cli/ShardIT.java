package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.browser.container.ContainerOwner;
import org.rtcbench.browser.container.DockerAccess;
import org.rtcbench.browser.container.ImageBuilder;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.target.janus.local.LocalJanus;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * A load sharded over processes, as over machines: two rtcbench processes, each running its share
 * of one load of replay peers ({@code load --shard I/2}) against one Janus (started here, as a
 * user's SFU), then {@code rtcbench merge} makes one run of them; and the same with each shard in
 * its own container (rtcbench's Java runtime image, the jar mounted, host networking), as the
 * Kubernetes manifests run them.
 */
class ShardIT {
    private static final long SHARD_TIMEOUT_MINUTES = 3;

    @TempDir
    Path tmp;

    @AfterEach
    void noContainerOfOursLeft() {
        if (DockerAccess.problem() == null) {
            assertThat(DockerAccess.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(java.util.Map.of(ContainerOwner.LABEL, ContainerOwner.MARK)).exec()).as("shard containers left").isEmpty();
        }
    }

    /**
     * What shard {@code i} of 2 runs: its share of one room of 2 replay publishers and 2 replay subscribers,
     * its users started at {@code startAt}. The shards start one after the other, seconds apart on a busy
     * host (a JVM, a container, a warm-up pair each); without a common start a subscriber's fps fell to 0
     * once the other shard's publisher had left (with an 8 s hold and a core busy).
     */
    private static List<String> shardArgs(LocalJanus janus, int i, Path results, java.time.Instant startAt) {
        return List.of("load", "--url", janus.wsUrl(), "--room", "4242", "--publishers", "2", "--subscribers", "2",
                "--peer-kind", "replay", "--ramp", "2s", "--hold", "10s", "--shard", i + "/2", "--start-at", startAt.toString(),
                "--results", results.toString());
    }

    /** Time enough for both shards to be ready, on a busy host and in containers. */
    private static java.time.Instant commonStart() {
        return java.time.Instant.now().plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Test
    void twoShardProcessesFillOneRoomOnOneJanusAndMergeIntoOneRun() throws Exception {
        try (LocalJanus janus = LocalJanus.start(tmp.resolve("janus"))) {
            List<Process> shards = new ArrayList<>();
            java.time.Instant startAt = commonStart();
            for (int i = 1; i <= 2; i++) {
                shards.add(RtcbenchProcess.start(tmp.resolve("shard-" + i), shardArgs(janus, i, tmp.resolve("results-" + i), startAt)
                        .toArray(String[]::new)));
            }
            for (int i = 1; i <= 2; i++) {
                Process p = shards.get(i - 1);
                if (!p.waitFor(SHARD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    shards.forEach(Process::destroy);
                    throw new AssertionError("shard " + i + "/2 did not finish within " + SHARD_TIMEOUT_MINUTES + " minutes");
                }
                RtcbenchProcess.Result r = RtcbenchProcess.finished(tmp.resolve("shard-" + i), p);
                assertThat(r.exitCode()).as("shard %d/2: %s %s", i, r.out(), r.err()).isZero();
                assertThat(r.out()).contains("shard " + i + "/2: rooms are left in place");
            }
            assertShardsMergeIntoOneRun(janus, startAt);
        }
    }

    @Test
    void twoShardsInContainersFillOneRoomOnOneJanusAndMergeIntoOneRun() throws Exception {
        DockerClient docker = ContainerCliIT.requireDocker();
        ImageBuilder images = new ImageBuilder(ImageBuilder.DEBIAN_MIRROR, tmp, System.out);
        if (!images.jrePresent()) {
            images.buildJre(); // ci/setup builds it; a machine without it builds it once here (about 30 s)
        }
        try (LocalJanus janus = LocalJanus.start(tmp.resolve("janus"))) {
            List<GenericContainer<?>> shards = new ArrayList<>();
            java.time.Instant startAt = commonStart();
            try {
                for (int i = 1; i <= 2; i++) {
                    Path results = Files.createDirectories(tmp.resolve("results-" + i));
                    shards.add(shardContainer(i, results, shardArgs(janus, i, results, startAt)));
                }
                for (int i = 1; i <= 2; i++) {
                    GenericContainer<?> c = shards.get(i - 1);
                    long exit = awaitExit(docker, c.getContainerId());
                    String logs = c.getLogs();
                    assertThat(exit).as("shard %d/2 in its container: %s", i, logs).isZero();
                    assertThat(logs).contains("shard " + i + "/2: rooms are left in place");
                }
            } finally {
                shards.forEach(GenericContainer::stop); // removes them
            }
            assertShardsMergeIntoOneRun(janus, startAt);
        }
    }

    /** A started container running {@code rtcbench ARGS} from the built jar on the Java runtime image, with host networking. */
    @SuppressWarnings("resource")
    private static GenericContainer<?> shardContainer(int i, Path results, List<String> args) {
        List<String> command = new ArrayList<>(List.of("java", "-Djava.io.tmpdir=/tmp", "-jar", RtcbenchProcess.JAR.toString()));
        command.addAll(args);
        List<Bind> binds = List.of(new Bind(RtcbenchProcess.JAR.toString(), new Volume(RtcbenchProcess.JAR.toString()), AccessMode.ro),
                new Bind(results.toString(), new Volume(results.toString()), AccessMode.rw));
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(ImageBuilder.JRE_IMAGE))
                .withImagePullPolicy(name -> false)
                .withNetworkMode("host") // as a pod's: the local Janus's test network is reached through this host's routes
                .withLabels(ContainerOwner.labels("shard-" + i))
                .withStartupAttempts(1)
                .withStartupCheckStrategy(new StartupCheckStrategy() {
                    @Override
                    public StartupStatus checkStartupState(DockerClient client, String containerId) {
                        return StartupStatus.SUCCESSFUL; // its exit is awaited below, with its code
                    }
                })
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withEntrypoint(ContainerOwner.endingWithThisJvm(command).toArray(String[]::new)).withCmd(List.of());
                    cmd.getHostConfig().withPidMode("host").withBinds(binds);
                });
        c.start();
        return c;
    }

    private static long awaitExit(DockerClient docker, String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(SHARD_TIMEOUT_MINUTES);
        while (System.currentTimeMillis() < deadline) {
            var state = docker.inspectContainerCmd(id).exec().getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                return state.getExitCodeLong();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the shard container " + id + " did not finish within " + SHARD_TIMEOUT_MINUTES + " minutes");
    }

    /**
     * The two shards' run directories (results-1, results-2) merge into one passed run of all four peers, and
     * both started their users at {@code startAt}: neither before it, and in step when both were ready in time.
     */
    private void assertShardsMergeIntoOneRun(LocalJanus janus, java.time.Instant startAt) throws Exception {
        List<Path> dirs = new ArrayList<>();
        List<com.fasterxml.jackson.databind.JsonNode> starts = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (var d = Files.list(tmp.resolve("results-" + i))) {
                dirs.add(d.findFirst().orElseThrow());
            }
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode start = null;
            for (String line : Files.readAllLines(dirs.get(i - 1).resolve("events.jsonl"))) {
                com.fasterxml.jackson.databind.JsonNode e = json.readTree(line);
                if (e.path("type").asText().equals("start-at")) {
                    start = e;
                }
            }
            assertThat(start).as("shard %d/2's start-at event", i).isNotNull();
            assertThat(start.path("at").asText()).isEqualTo(startAt.toString());
            assertThat(start.path("timestamp").asLong()).as("shard %d/2 started its users at --start-at, not before", i)
                    .isGreaterThanOrEqualTo(startAt.toEpochMilli());
            starts.add(start);
        }
        if (starts.stream().allMatch(e -> e.path("lateMs").asLong() == 0)) {
            assertThat(Math.abs(starts.get(0).path("timestamp").asLong() - starts.get(1).path("timestamp").asLong()))
                    .as("both were ready before --start-at: their users start together, ms apart").isLessThan(2000);
        }
        RunSummary first = RunDirectory.readSummary(dirs.get(0));
        assertThat(first.load().shard()).isEqualTo("1/2");
        assertThat(first.peers()).extracting(PeerSummary::name).containsExactly("r1-pub-1", "r1-sub-1");

        RtcbenchProcess.Result merged = RtcbenchProcess.run(tmp.resolve("merge"), "merge", dirs.get(0).toString(), dirs.get(1).toString(),
                "--results", tmp.resolve("merged").toString());
        assertThat(merged.exitCode()).as(merged.out() + merged.err()).isZero();
        assertThat(merged.out()).contains("merged 2 shards into").contains("PASSED").contains("shard 2/2: passed, 2/2 connected");
        Path dir;
        try (var d = Files.list(tmp.resolve("merged"))) {
            dir = d.findFirst().orElseThrow();
        }
        RunSummary run = RunDirectory.readSummary(dir);
        assertThat(run.status()).isEqualTo(RunStatus.PASSED);
        assertThat(run.peers()).extracting(PeerSummary::name).containsExactlyInAnyOrder("r1-pub-1", "r1-pub-2", "r1-sub-1", "r1-sub-2");
        LoadSummary load = run.load();
        assertThat(load.requested()).isEqualTo(4);
        assertThat(load.connected()).isEqualTo(4);
        assertThat(load.join().count()).as("2 publisher joins + 2x2 subscriptions").isEqualTo(6);
        assertThat(load.firstFrame().count()).as("each subscriber's first frame of each publisher").isEqualTo(4);
        // each subscriber took both publishers, whichever shard ran them
        assertThat(load.feeds()).hasSize(2).allSatisfy(f -> {
            assertThat(f.own()).as(f.display()).isTrue();
            assertThat(f.subscriptions()).as(f.display()).isEqualTo(2);
        });
        assertThat(load.shards()).extracting(LoadSummary.ShardRun::shard).containsExactly("1/2", "2/2");
        assertThat(load.roomIds()).containsExactly(4242L);
        assertThat(run.assertions()).isNotEmpty().allSatisfy(a -> assertThat(a.passed()).as(a.message()).isTrue());
        assertThat(dir.resolve("report.html")).exists();
        assertThat(ProcessHandle.of(janus.pid()).map(ProcessHandle::isAlive)).as("no shard stops a user's SFU").contains(true);
    }
}
