package org.rtcbench.browser.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which containers are rtcbench's, and how none outlives the JVM that started it, without
 * Testcontainers' Ryuk (its image cannot be pulled here). Every container carries the label
 * {@value #LABEL} = {@code <pid>:<start time>} of its JVM, and its command is wrapped by
 * {@link #endingWithThisJvm}: the container shares the host's PID namespace, watches that JVM and
 * ends its own command when the JVM is gone (also after SIGKILL); auto-remove then deletes it.
 * {@link #reapOrphans} removes what a daemon restart or a crash still left.
 */
public final class ContainerOwner {
    /** The label naming the JVM that owns a container: {@code <pid>:<start time in clock ticks>}. */
    public static final String LABEL = "org.rtcbench.owner";
    /** The label naming the peer a container runs. */
    public static final String PEER_LABEL = "org.rtcbench.peer";
    /** This JVM's mark. */
    public static final String MARK = mark(ProcessHandle.current().pid());

    /**
     * Runs the command in the background, then waits while the owner JVM (the same PID with the
     * same start time, so a reused PID does not count) and the command both live; then ends the
     * command by its PID. Field 22 of /proc/PID/stat is the start time; the name before it may hold
     * spaces, so the fields are counted after its closing parenthesis.
     */
    private static final String WATCH = "o=$1; t=$2; shift 2; \"$@\" & c=$!; "
            + "trap 'kill -TERM $c 2>/dev/null' TERM INT; "
            + "while [ \"$(sed 's/.*) //' /proc/$o/stat 2>/dev/null | cut -d' ' -f20)\" = \"$t\" ] && kill -0 $c 2>/dev/null; do sleep 1; done; "
            + "kill -TERM $c 2>/dev/null; wait $c";

    private ContainerOwner() {
    }

    /** The labels of a container that runs {@code peer} for this JVM. */
    public static Map<String, String> labels(String peer) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(LABEL, MARK);
        out.put(PEER_LABEL, peer);
        return out;
    }

    /** {@code command} wrapped so that it ends when this JVM does (the container needs {@code --pid=host} and {@code /bin/sh}). */
    public static List<String> endingWithThisJvm(List<String> command) {
        String[] mark = MARK.split(":");
        List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", WATCH, "rtcbench-container", mark[0], mark[1]));
        out.addAll(command);
        return out;
    }

    /** Removes every rtcbench container whose owner JVM is gone; returns how many. */
    public static int reapOrphans(DockerClient docker) {
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec()) {
            String owner = c.getLabels() == null ? null : c.getLabels().get(LABEL);
            if (owner != null && !alive(owner)) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                    removed++;
                } catch (NotFoundException gone) {
                    // removed meanwhile (auto-remove)
                }
            }
        }
        return removed;
    }

    /**
     * The processes running in this JVM's container of {@code peer} (they share the host's PID
     * namespace, so their PIDs are host PIDs), found by the container id in their cgroup; empty
     * when there is no such container.
     */
    public static List<ProcessHandle> processesOf(DockerClient docker, String peer) {
        List<ProcessHandle> out = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withLabelFilter(Map.of(LABEL, MARK, PEER_LABEL, peer)).exec()) {
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String pid = p.getFileName().toString();
                    if (pid.chars().allMatch(Character::isDigit)) {
                        try {
                            if (Files.readString(p.resolve("cgroup")).contains(c.getId())) {
                                ProcessHandle.of(Long.parseLong(pid)).ifPresent(out::add);
                            }
                        } catch (IOException ended) {
                            // ended while we looked
                        }
                    }
                }
            } catch (IOException e) {
                return out;
            }
        }
        return out;
    }

    /** Whether the JVM a mark names still runs. */
    static boolean alive(String mark) {
        int colon = mark.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(mark.substring(0, colon));
            return mark.equals(mark(pid));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code pid:starttime}, or {@code pid:gone} when there is no such process. */
    static String mark(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
            return pid + ":" + fields[19];
        } catch (IOException | RuntimeException e) {
            return pid + ":gone";
        }
    }
}
