package org.rtcbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built rtcbench jar as a user would, in its own process, with a private temp folder. */
final class RtcbenchProcess {
    static final Path JAR = Path.of("target", "rtcbench.jar").toAbsolutePath();

    /** What a finished rtcbench process left: exit code, stdout, stderr. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private RtcbenchProcess() {
    }

    /** Starts rtcbench with {@code tmp} as its temp folder (so its browsers are recognisable) and cwd. */
    static Process start(Path tmp, String... args) throws IOException {
        return start(tmp, java.util.Map.of(), args);
    }

    /** Starts rtcbench like {@link #start(Path, String...)}, with {@code env} added to its environment. */
    static Process start(Path tmp, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(tmp);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return pb.directory(tmp.toFile())
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile())
                .start();
    }

    static Result run(Path tmp, String... args) throws IOException, InterruptedException {
        return run(tmp, java.util.Map.of(), args);
    }

    static Result run(Path tmp, java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process p = start(tmp, env, args);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("rtcbench " + String.join(" ", args) + " did not finish within 3 minutes");
        }
        return finished(tmp, p);
    }

    static Result finished(Path tmp, Process p) throws IOException {
        return new Result(p.exitValue(), Files.readString(tmp.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    /** The one run directory under {@code tmp/results}. */
    static Path onlyRunDirectory(Path tmp) throws IOException {
        try (var dirs = Files.list(tmp.resolve("results"))) {
            List<Path> all = dirs.toList();
            if (all.size() != 1) {
                throw new AssertionError("expected one run directory, found " + all);
            }
            return all.get(0);
        }
    }
}
