package org.rtcbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rtcbench.core.ExitCode;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.report.CompareWriter;
import org.rtcbench.report.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rtcbench compare BASE NEW}: the regression verdict between two runs of one scenario. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two run directories metric by metric and cell by cell (peers matched by name, cells by "
                + "caller, callee and codec): print what moved, by how much and whether that is worse, write compare.html "
                + "and junit.xml, and exit 1 when something got worse beyond its tolerance, 0 otherwise, 2 for a missing "
                + "or corrupt run directory.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE", description = "The run to compare against (e.g. release N).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The run under test (e.g. release N+1).")
    Path now;

    @Option(names = "--tolerance", paramLabel = "METRIC=N[%],...",
            description = "Override tolerances, e.g. fps=5%%,rtt=20,connect=50%%. Defaults: fps 10%% (and 1 fps), bitrate 25%% "
                    + "(and 50 kbps), rtt and jitter p95 50%% (and 10 ms), packet loss p95 1 point, connect 50%% (and 500 ms).")
    String tolerance;

    @Option(names = "--out", paramLabel = "DIR", description = "Where compare.html and junit.xml go (default: results/compare-BASE-vs-NEW).")
    Path out;

    @Override
    public Integer call() throws Exception {
        RunComparison comparison = new RunComparison(RunComparison.parseTolerances(tolerance));
        RunSummary b = RunDirectory.readSummary(base);
        RunSummary n = RunDirectory.readSummary(now);
        if (!b.scenario().equals(n.scenario())) {
            System.out.println("note: comparing different scenarios (" + b.scenario() + " vs " + n.scenario() + ")");
        }
        List<RunComparison.Change> changes = comparison.compare(b, n);
        Path dir = out != null ? out : Path.of("results", "compare-" + b.runId() + "-vs-" + n.runId());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("compare.html"), CompareWriter.html(b, n, changes));
        Files.writeString(dir.resolve("junit.xml"), CompareWriter.junit(b, n, changes));
        System.out.printf("compare %s (base) -> %s (new), scenario %s%n", b.runId(), n.runId(), n.scenario());
        for (RunComparison.Change c : changes) {
            if (c.regressed() || c.relative() != null && Math.abs(c.relative()) >= 0.01 || c.base() == null || c.now() == null) {
                System.out.println("  " + RunComparison.line(c));
            }
        }
        long regressed = changes.stream().filter(RunComparison.Change::regressed).count();
        System.out.printf("%s; wrote %s and %s%n", regressed == 0 ? "no regression" : regressed + " regressed",
                dir.resolve("compare.html"), dir.resolve("junit.xml"));
        return regressed == 0 ? ExitCode.PASSED : ExitCode.FAILED;
    }
}
