package org.rtcbench.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command started to end with this JVM keeps the program's own PID, is left alone while this JVM
 * lives, and is ended with everything it started once its standard input ends, which is what the
 * kernel does to the pipe when the JVM is killed or crashes.
 */
class OwnedProcessesIT {
    @TempDir
    Path tmp;

    @Test
    void aProgramAndItsChildrenEndWhenTheirInputFromThisJvmEnds() throws Exception {
        Path mark = tmp.resolve("profile");
        String marker = mark.toString();
        // the program starts a child of its own, then becomes `sleep 61`
        ProcessBuilder pb = OwnedProcesses.mark(new ProcessBuilder(OwnedProcesses.endingWithThisJvm(
                List.of("/bin/sh", "-c", "sleep 60 & exec sleep 61"))), mark);
        Process program = OwnedProcesses.startHeld(pb);
        try {
            Path cmdline = Path.of("/proc", String.valueOf(program.pid()), "cmdline");
            assertThat(waitFor(() -> read(cmdline).startsWith("sleep\u000061"), 5)).as("the PID is the program's own").isTrue();
            assertThat(waitFor(() -> OwnedProcesses.running(marker).size() == 3, 5))
                    .as("the program, its child and the watcher: " + OwnedProcesses.running(marker)).isTrue();

            Thread.sleep(1000);
            assertThat(program.isAlive()).as("while this JVM lives, the watcher only waits").isTrue();

            program.getOutputStream().close(); // as the kernel does when this JVM dies
            assertThat(waitFor(() -> !program.isAlive(), 5)).as("the program ended").isTrue();
            assertThat(waitFor(() -> OwnedProcesses.running(marker).isEmpty(), 8))
                    .as("its child and the watcher ended too: " + OwnedProcesses.running(marker)).isTrue();
        } finally {
            OwnedProcesses.running(marker).forEach(ProcessHandle::destroyForcibly);
            program.destroyForcibly();
        }
    }

    @Test
    void aChromiumTmpDirectoryGivenAsTmpdirGoesWithTheProgramWhenThisJvmDiesAndNoOtherDoes() throws Exception {
        Path chromiumTmp = ChromiumTmp.create(tmp);
        Files.writeString(chromiumTmp.resolve("SingletonCookie"), "1"); // as Chromium leaves it when killed
        Path other = Files.createDirectories(tmp.resolve("a-tmpdir-of-its-own"));
        Process chromium = start(tmp.resolve("chromium-profile"), chromiumTmp);
        Process program = start(tmp.resolve("other-profile"), other);
        try {
            Thread.sleep(500);
            assertThat(chromiumTmp).as("kept while this JVM lives").isDirectory();

            chromium.getOutputStream().close(); // as the kernel does when this JVM dies
            program.getOutputStream().close();
            assertThat(waitFor(() -> !Files.exists(chromiumTmp), 8)).as("the Chromium TMPDIR deleted by the watcher").isTrue();
            assertThat(waitFor(() -> OwnedProcesses.running(tmp.resolve("other-profile").toString()).isEmpty(), 8)).isTrue();
            assertThat(other).as("a TMPDIR that is not a ChromiumTmp directory is left alone").isDirectory();
        } finally {
            for (String profile : List.of("chromium-profile", "other-profile")) {
                OwnedProcesses.running(tmp.resolve(profile).toString()).forEach(ProcessHandle::destroyForcibly);
            }
            chromium.destroyForcibly();
            program.destroyForcibly();
        }
    }

    private static Process start(Path mark, Path tmpdir) throws java.io.IOException {
        ProcessBuilder pb = OwnedProcesses.mark(new ProcessBuilder(OwnedProcesses.endingWithThisJvm(List.of("sleep", "62"))), mark);
        pb.environment().put("TMPDIR", tmpdir.toString());
        return OwnedProcesses.startHeld(pb);
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static boolean waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
