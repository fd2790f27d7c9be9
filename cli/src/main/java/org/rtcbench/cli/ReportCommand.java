package org.rtcbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rtcbench.core.ExitCode;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.report.RunReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rtcbench report RUN_DIR}: writes a run's reports again from its run.json, samples and events. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate report.html, junit.xml, metrics.csv and summary.json of a run directory from its "
                + "run.json, samples and events (e.g. after upgrading rtcbench). A missing or corrupt run directory exits 2.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory, e.g. results/20261125-124341-demo.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        RunSummary run = RunDirectory.readSummary(dir);
        RunReports.write(dir, run);
        System.out.printf("wrote report.html, junit.xml, metrics.csv and summary.json in %s (run %s: %s)%n", dir,
                run.runId(), run.status().id());
        return ExitCode.PASSED;
    }
}
