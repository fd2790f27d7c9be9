package org.rtcbench.cli;

import java.util.concurrent.Callable;
import org.rtcbench.core.ExitCode;
import org.rtcbench.core.scenario.ScenarioSchema;
import picocli.CommandLine.Command;

/** {@code rtcbench schema}: prints the scenario file's JSON Schema. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft 2020-12) of scenario files, generated from the model 'run' reads; "
                + "schema/scenario.schema.json is this output. Editors with yaml-language-server use it through the "
                + "'# yaml-language-server: $schema=...' line at the top of a scenario.")
final class SchemaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(ScenarioSchema.json());
        return ExitCode.PASSED;
    }
}
