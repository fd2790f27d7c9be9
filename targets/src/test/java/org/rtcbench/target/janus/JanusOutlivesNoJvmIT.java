package org.rtcbench.target.janus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.netns.NamespaceHost;
import org.rtcbench.target.janus.local.LocalJanus;

/**
 * A JVM that started a local Janus and is then killed with SIGKILL (no shutdown hook runs, as in a
 * crash) takes its Janus with it, and the next test network made sweeps the namespace it left.
 */
class JanusOutlivesNoJvmIT {
    @TempDir
    Path tmp;

    /** The child JVM: starts a local Janus, prints its PID and namespace, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        LocalJanus janus = LocalJanus.start(Path.of(args[0]));
        System.out.println(janus.pid() + " " + janus.network().name());
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        janus.close(); // not reached: the test kills this JVM long before
    }

    @Test
    void aKilledJvmTakesItsJanusAlongAndItsNamespaceIsSweptNext() throws Exception {
        Path work = tmp.resolve("work");
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), JanusOutlivesNoJvmIT.class.getName(),
                work.toString()).redirectError(tmp.resolve("child.err").toFile());
        OwnedProcesses.mark(pb, work);
        Process child = pb.start();
        long janusPid;
        String namespace;
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).as("the child JVM started a Janus (see " + tmp.resolve("child.err") + ")").isNotNull();
            janusPid = Long.parseLong(line.split(" ")[0]);
            namespace = line.split(" ")[1];
            assertThat(ProcessHandle.of(janusPid).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            child.destroyForcibly(); // SIGKILL: no cleanup runs in the child
            child.waitFor(10, TimeUnit.SECONDS);
        }

        // Janus, and the watcher that ended it, go within seconds
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((ProcessHandle.of(janusPid).filter(ProcessHandle::isAlive).isPresent() || !OwnedProcesses.running(work.toString()).isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        try {
            assertThat(ProcessHandle.of(janusPid).filter(ProcessHandle::isAlive)).as("Janus after its JVM was killed").isEmpty();
            assertThat(OwnedProcesses.running(work.toString())).as("processes of the killed JVM").isEmpty();
        } finally {
            OwnedProcesses.running(work.toString()).forEach(ProcessHandle::destroyForcibly); // only when the above failed
        }

        assertThat(namespaces()).as("a killed JVM cannot delete its namespace").contains(namespace);
        assertThat(NamespaceHost.sweepStale()).noneMatch(line -> line.contains(namespace));
        assertThat(namespaces()).as("swept").doesNotContain(namespace);
    }

    private static List<String> namespaces() throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().map(l -> l.trim().split("\\s+")[0]).toList();
    }
}
