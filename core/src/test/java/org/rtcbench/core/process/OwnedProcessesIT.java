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
