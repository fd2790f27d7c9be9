package org.rtcbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rtcbench.core.ExitCode;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.runner.ShardMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rtcbench merge DIR...}: one run of the shards of a load run. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the run directories of the shards of one load run ('rtcbench load --shard I/N' on N machines) into one "
                + "run directory and report: peers and samples of all shards on one time axis, events marked with their shard, "
                + "join/ICE/first-frame timings from every raw value, counts summed, each shard's generator verdict, and the "
                + "scenario's assertions judged again over all peers. Exit 0 when the merged run passes, 1 when it fails, 2 when "
                + "the directories are not the complete shards of one run.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "DIR", description = "One run directory of each shard, e.g. results/20261206-120000-janus-load.")
    List<Path> dirs;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Where the merged run directory is written (default: ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() {
        RunSummary run = ShardMerge.merge(dirs, results);
        var load = run.load();
        System.out.printf("merged %d shards into %s: %s%s%n", dirs.size(), results.resolve(run.runId()), run.status().id().toUpperCase(java.util.Locale.ROOT),
                run.reason() == null ? "" : " (" + run.reason() + ")");
        System.out.printf("  peers: %d asked, %d joined, %d connected, %d failed | join ms p95 %s | first-frame ms p95 %s%n", load.requested(),
                load.joined(), load.connected(), load.failed(), load.join().p95Ms(), load.firstFrame().p95Ms());
        for (var s : load.shards()) {
            System.out.printf("  shard %s: %s, %d/%d connected, generator %s%n", s.shard(), s.status(), s.connected(), s.requested(),
                    s.generatorLimited() ? "LIMITED: " + s.generatorLimitedReason() : "not limited");
        }
        run.assertions().forEach(a -> System.out.println("  " + (a.passed() ? "PASS " : "FAIL ") + a.message()));
        return run.status() == RunStatus.PASSED ? ExitCode.PASSED : ExitCode.FAILED;
    }
}
