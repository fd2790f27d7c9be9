package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders without picocli format warnings (a bare '%' in a description printed three of them). */
class HelpTextTest {
    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        List<String> commands = new ArrayList<>();
        collect(new CommandLine(new RtcbenchCommand()), commands);
        assertThat(commands).contains("compare", "bench mesh", "run");
        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            String printed = InProcess.rtcbench(args.toArray(String[]::new)).printed();
            assertThat(printed).as("rtcbench %s --help", command).contains("Usage: rtcbench " + command).doesNotContain("[picocli WARN]");
        }
    }

    private static void collect(CommandLine cmd, List<String> into) {
        cmd.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) { // each command once, not again under its aliases
                into.add(sub.getCommandSpec().qualifiedName().replaceFirst("^rtcbench ", ""));
                collect(sub, into);
            }
        });
    }
}
