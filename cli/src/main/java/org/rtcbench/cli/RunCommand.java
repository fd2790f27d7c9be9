package org.rtcbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rtcbench run FILE}: runs a scenario file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario file: launch its peers, connect them, sample getStats() every interval, "
                + "judge the assertions, and write results/<run-id>/ (run.json, junit.xml, report.html, metrics.csv, summary.json, samples/, events.jsonl).")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario YAML file, e.g. scenarios/demo.yaml.")
    Path file;

    @Mixin
    RunFlags flags;

    @Override
    public Integer call() {
        var options = flags.options();
        return RunExecution.run(flags.apply(ScenarioFiles.read(file, options.targets())), options);
    }
}
