package org.rtcbench.cli;

import java.util.concurrent.Callable;
import org.rtcbench.core.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rtcbench completion bash}: prints a bash completion script (picocli's AutoComplete). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script of every command and option: "
                + "'source <(./rtcbench completion bash)', or save it in /etc/bash_completion.d/rtcbench.")
final class CompletionCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SHELL", description = "The shell: bash (zsh too, with 'autoload -U bashcompinit; bashcompinit').")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new org.rtcbench.core.BadInputException("completion: unknown shell '" + shell + "' (allowed: bash, zsh)");
        }
        System.out.print(AutoComplete.bash("rtcbench", new CommandLine(new RtcbenchCommand())));
        return ExitCode.PASSED;
    }
}
