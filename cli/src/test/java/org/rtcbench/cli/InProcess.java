package org.rtcbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** rtcbench run in this JVM ({@link Main#execute}), with what it printed on stdout and stderr captured. */
record InProcess(int exit, List<String> out, List<String> err) {

    static InProcess rtcbench(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new InProcess(exit, o.toString(StandardCharsets.UTF_8).lines().toList(), e.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** Both streams, for a failure message. */
    String printed() {
        return String.join("\n", out) + "\n" + String.join("\n", err);
    }
}
