package org.rtcbench.core.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two test networks coexist on distinct subnets, each namespace reaches only its veth subnet (no
 * default route), a program started inside keeps its own PID, and closing leaves no namespace or veth.
 */
class NamespaceHostIT {
    @Test
    void twoNetworksCoexistIsolatedAndLeaveNothing() throws Exception {
        NamespaceHost a = NamespaceHost.create();
        NamespaceHost b = NamespaceHost.create();
        try {
            assertThat(a.name()).isNotEqualTo(b.name());
            assertThat(NamespaceHost.parse(a.hostAddress()) & -4).as("distinct /30s").isNotEqualTo(NamespaceHost.parse(b.hostAddress()) & -4);
            for (NamespaceHost n : List.of(a, b)) {
                assertThat(run(n.inside(List.of("ip", "-4", "route", "show")))).as(n.name() + " routes")
                        .doesNotContain("default").contains(NamespaceHost.dotted(NamespaceHost.parse(n.nsAddress()) & -4) + "/30");
                assertThat(run(n.inside(List.of("ip", "-o", "link", "show")))).contains("lo", "UP");
                assertThat(run(new ProcessBuilder("ip", "-o", "-4", "addr", "show", "dev", n.hostInterface())))
                        .contains(n.hostAddress() + "/30");
            }

            // `ip netns exec` execs: the PID we hold is the program's, so ending it by PID ends the program.
            Process sleeper = a.inside(List.of("sleep", "30")).start();
            try {
                // right after start the PID may still run `ip netns exec` itself, until it execs
                Path cmdline = Path.of("/proc", String.valueOf(sleeper.pid()), "cmdline");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (!Files.readString(cmdline, StandardCharsets.UTF_8).startsWith("sleep\0") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(Files.readString(cmdline, StandardCharsets.UTF_8)).startsWith("sleep\0");
            } finally {
                sleeper.destroyForcibly();
                sleeper.waitFor(5, TimeUnit.SECONDS);
            }
        } finally {
            a.close();
            b.close();
            a.close(); // idempotent
        }
        assertThat(run(new ProcessBuilder("ip", "netns", "list"))).doesNotContain(a.name() + " ").doesNotContain(b.name() + " ")
                .doesNotContain(a.name() + "\n").doesNotContain(b.name() + "\n");
        String links = run(new ProcessBuilder("ip", "-o", "link", "show"));
        assertThat(links).doesNotContain(a.hostInterface() + ":").doesNotContain(b.hostInterface() + ":")
                .doesNotContain(a.hostInterface() + "@").doesNotContain(b.hostInterface() + "@");
    }

    @Test
    void aNetworkLeftByAnEndedJvmIsSweptUnlessProcessesStillRunInside() throws Exception {
        // pids never go this high (pid_max is at most 2^22), so no process owns these names
        String empty = "rtcb-2147480001-1";
        String busy = "rtcb-2147480001-2";
        String alive = "rtcb-" + ProcessHandle.current().pid() + "-999";
        for (String name : List.of(empty, busy, alive)) {
            run(new ProcessBuilder("ip", "netns", "add", name));
        }
        Process inside = null;
        try {
            inside = new ProcessBuilder("ip", "netns", "exec", busy, "sleep", "30").start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (run(new ProcessBuilder("ip", "netns", "pids", busy)).isBlank() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> left = NamespaceHost.sweepStale().stream().filter(l -> l.contains(" rtcb-2147480001-")).toList();
            assertThat(left).singleElement().asString().startsWith("test network " + busy + " of an rtcbench (pid 2147480001) that has ended still holds processes " + inside.pid());
            assertThat(namespaces()).doesNotContain(empty).contains(busy, alive);

            inside.destroyForcibly();
            inside.waitFor(5, TimeUnit.SECONDS);
            assertThat(NamespaceHost.sweepStale()).noneMatch(l -> l.contains(" rtcb-2147480001-"));
            assertThat(namespaces()).doesNotContain(busy).as("a live JVM's network is its own").contains(alive);
        } finally {
            if (inside != null) {
                inside.destroyForcibly();
                inside.waitFor(5, TimeUnit.SECONDS);
            }
            for (String name : List.of(empty, busy, alive)) {
                new ProcessBuilder("ip", "netns", "del", name).start().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> namespaces() throws Exception {
        return run(new ProcessBuilder("ip", "netns", "list")).lines().map(l -> l.trim().split("\\s+")[0]).toList();
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", pb.command()) + ": " + out).isZero();
        return out;
    }
}
