package org.rtcbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.ExitCode;
import org.rtcbench.target.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rtcbench validate FILE...}: checks scenario files as {@code run} reads them, and runs nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files without running anything: each is read as 'run' reads it (fields, types, "
                + "values, assertions, the target's own fields). Prints one line per file, 'FILE: ok' or the problem "
                + "with its file:line:col; exits 0 when every file is valid, 2 otherwise.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario YAML files, e.g. scenarios/*.yaml.")
    List<Path> files;

    @Override
    public Integer call() {
        Targets targets = Targets.builtIn();
        int bad = 0;
        for (Path file : files) {
            try {
                ScenarioFiles.read(file, targets);
                System.out.println(file + ": ok");
            } catch (BadInputException e) {
                System.out.println(e.getMessage());
                bad++;
            }
        }
        if (bad > 0) {
            System.err.printf("rtcbench validate: %d of %d files invalid%n", bad, files.size());
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.PASSED;
    }
}
