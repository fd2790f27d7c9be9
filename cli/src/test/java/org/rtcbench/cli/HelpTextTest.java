package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        PrintStream out = System.out;
        PrintStream err = System.err;
        for (String command : commands) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream into = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(into);
            System.setErr(into);
            try {
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                args.add("--help");
                Main.execute(args.toArray(String[]::new));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8)).as("rtcbench %s --help", command)
                    .contains("Usage: rtcbench " + command).doesNotContain("[picocli WARN]");
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
