package org.rtcbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rtcbench.core.ExitCode;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.report.HtmlReportWriter;
import org.rtcbench.report.JunitXmlWriter;
import org.rtcbench.report.TimeSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rtcbench report RUN_DIR}: writes a run's report.html and junit.xml again from its run.json. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate report.html and junit.xml of a run directory from its run.json "
                + "(e.g. after upgrading rtcbench). A missing or corrupt run directory exits 2.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory, e.g. results/20261125-124341-demo.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        RunSummary run = RunDirectory.readSummary(dir);
        java.nio.file.Files.writeString(dir.resolve("report.html"), HtmlReportWriter.write(run, TimeSeries.read(dir, run)));
        java.nio.file.Files.writeString(dir.resolve("junit.xml"), JunitXmlWriter.write(run));
        System.out.printf("wrote %s and %s (run %s: %s)%n", dir.resolve("report.html"), dir.resolve("junit.xml"),
                run.runId(), run.status().id());
        return ExitCode.PASSED;
    }
}
