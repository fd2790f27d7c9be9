package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.target.janus.local.LocalJanus;

/**
 * A load sharded over processes, as over machines: two rtcbench processes, each running its share
 * of one load of replay peers ({@code load --shard I/2}) against one Janus (started here, as a
 * user's SFU), then {@code rtcbench merge} makes one run of them.
 */
class ShardIT {
    @TempDir
    Path tmp;

    @Test
    void twoShardProcessesFillOneRoomOnOneJanusAndMergeIntoOneRun() throws Exception {
        try (LocalJanus janus = LocalJanus.start(tmp.resolve("janus"))) {
            List<Process> shards = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                shards.add(RtcbenchProcess.start(tmp.resolve("shard-" + i), "load", "--url", janus.wsUrl(), "--room", "4242",
                        "--publishers", "2", "--subscribers", "2", "--peer-kind", "replay", "--ramp", "2s", "--hold", "8s",
                        "--shard", i + "/2", "--results", tmp.resolve("results-" + i).toString()));
            }
            List<Path> dirs = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                Process p = shards.get(i - 1);
                if (!p.waitFor(3, TimeUnit.MINUTES)) {
                    shards.forEach(Process::destroy);
                    throw new AssertionError("shard " + i + "/2 did not finish within 3 minutes");
                }
                RtcbenchProcess.Result r = RtcbenchProcess.finished(tmp.resolve("shard-" + i), p);
                assertThat(r.exitCode()).as("shard %d/2: %s %s", i, r.out(), r.err()).isZero();
                assertThat(r.out()).contains("shard " + i + "/2: rooms are left in place");
                try (var d = java.nio.file.Files.list(tmp.resolve("results-" + i))) {
                    dirs.add(d.findFirst().orElseThrow());
                }
            }
            RunSummary first = RunDirectory.readSummary(dirs.get(0));
            assertThat(first.load().shard()).isEqualTo("1/2");
            assertThat(first.peers()).extracting(PeerSummary::name).containsExactly("r1-pub-1", "r1-sub-1");

            RtcbenchProcess.Result merged = RtcbenchProcess.run(tmp.resolve("merge"), "merge", dirs.get(0).toString(), dirs.get(1).toString(),
                    "--results", tmp.resolve("merged").toString());
            assertThat(merged.exitCode()).as(merged.out() + merged.err()).isZero();
            assertThat(merged.out()).contains("merged 2 shards into").contains("PASSED").contains("shard 2/2: passed, 2/2 connected");
            Path dir;
            try (var d = java.nio.file.Files.list(tmp.resolve("merged"))) {
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
}
