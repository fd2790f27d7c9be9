package org.rtcbench.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The processes one peer or server started: a driver, a browser or a server such as Janus, their descendants, and anything
 * that carries the peer's mark, the environment variable {@value #OWNER} naming its unique profile
 * directory (inherited by every child, even one that outlived its parent), or that names the
 * profile on its command line. {@link #close()} ends them by PID, never by name, and deletes the
 * profile directory.
 */
public final class OwnedProcesses implements AutoCloseable {
    /** The environment variable that marks every process a peer starts, with its profile directory. */
    public static final String OWNER = "RTCBENCH_OWNER";
    private static final long GRACE_MS = 3000;

    private final ProcessHandle root;
    private final Path profile;
    private final String marker;

    public OwnedProcesses(ProcessHandle root, Path profile) {
        this.root = root;
        this.profile = profile;
        this.marker = profile.toString();
    }

    /** Marks the processes {@code pb} starts (and their children) as owned by the peer with this profile. */
    public static ProcessBuilder mark(ProcessBuilder pb, Path profile) {
        pb.environment().put(OWNER, profile.toString());
        return pb;
    }

    /**
     * What ends the marked processes when this JVM ends without ending them (SIGKILL, a crash): a
     * watcher that waits for the end of its standard input, a pipe from this JVM that the kernel
     * closes when the JVM is gone, then sends SIGTERM (and SIGKILL to what is left 2 s later) to every process
     * carrying the same {@value #OWNER} mark. The watcher itself is unmarked (so it survives its own
     * scan), named by the mark on its command line (so {@link #running} still finds it), and a child
     * of init, not of the program. While this JVM lives it only waits. Last, when the program's {@code TMPDIR}
     * is a {@link ChromiumTmp} directory, the watcher deletes it, as the JVM would have.
     */
    private static final String WATCHER = "read -r _; m=\"" + OWNER + "=$1\"; "
            + "marked() { for f in $(grep -lzxF \"$m\" /proc/[0-9]*/environ 2>/dev/null); do f=${f#/proc/}; echo ${f%/environ}; done; }; "
            + "p=$(marked); [ -n \"$p\" ] && kill -TERM $p 2>/dev/null; "
            + "i=0; while [ $i -lt 20 ] && [ -n \"$(marked)\" ]; do sleep 0.1; i=$((i+1)); done; "
            + "p=$(marked); [ -n \"$p\" ] && kill -KILL $p 2>/dev/null; "
            + "case \"${TMPDIR:-}\" in */" + ChromiumTmp.PREFIX + "*) rm -rf -- \"$TMPDIR\";; esac; exit 0";
    private static final String WRAPPER = "exec 3<&0; "
            + "(env -u " + OWNER + " /bin/sh -c '" + WATCHER + "' rtcbench-watch \"$" + OWNER + "\" <&3 3<&- &); "
            + "exec 3<&-; exec \"$@\"";

    /** Started processes whose standard input must stay open (see {@link #startHeld}). */
    private static final Set<Process> HELD = ConcurrentHashMap.newKeySet();

    /**
     * {@code command}, run so that it and everything it starts end with this JVM even when the JVM
     * is killed with SIGKILL or crashes and runs no cleanup. The shell execs the program, so the
     * started process's PID is the program's own. Start it with {@link #startHeld}, from a
     * {@link #mark marked} ProcessBuilder whose standard input is left a pipe (the default).
     */
    public static List<String> endingWithThisJvm(List<String> command) {
        List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "rtcbench-owned"));
        out.addAll(command);
        return out;
    }

    /**
     * Starts {@code pb} and keeps its Process reachable until it exits, so that nothing (a cleaner of
     * an unreachable Process's pipes) can close its standard input early: a command made by
     * {@link #endingWithThisJvm} takes the end of that pipe for the end of this JVM. (JDK 17's process
     * reaper holds a running Process anyway; this does not rely on that.)
     */
    public static Process startHeld(ProcessBuilder pb) throws IOException {
        if (!pb.environment().containsKey(OWNER)) {
            throw new IllegalStateException("mark the process before starting it: " + pb.command());
        }
        Process p = pb.start();
        HELD.add(p);
        p.onExit().thenRun(() -> HELD.remove(p));
        return p;
    }

    /** Every live process we own right now. */
    public List<ProcessHandle> alive() {
        List<ProcessHandle> out = new ArrayList<>();
        if (root != null && root.isAlive()) {
            out.add(root);
            root.descendants().forEach(out::add);
        }
        for (ProcessHandle p : withMarker()) {
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private List<ProcessHandle> withMarker() {
        return running(marker);
    }

    /**
     * Live processes whose {@value #OWNER} mark or command line contains {@code marker} (a profile
     * or work directory that only rtcbench's own processes name). /proc is read directly, since
     * ProcessHandle may hide arguments and never shows the environment.
     */
    public static List<ProcessHandle> running(String marker) {
        List<ProcessHandle> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        String ownerPrefix = OWNER + "=";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == self) {
                    return;
                }
                try {
                    boolean ours = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(marker);
                    if (!ours) {
                        for (String entry : new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8).split("\0")) {
                            if (entry.startsWith(ownerPrefix) && entry.contains(marker)) {
                                ours = true;
                                break;
                            }
                        }
                    }
                    if (ours) {
                        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(out::add);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended while we looked, or is not ours to read
                }
            });
        } catch (IOException ignored) {
            // no /proc: only the driver's own tree is known
        }
        return out;
    }

    @Override
    public void close() {
        List<ProcessHandle> procs = alive();
        procs.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + GRACE_MS;
        for (ProcessHandle p : procs) {
            try {
                p.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : alive()) {
            p.destroyForcibly();
        }
        deleteTree(profile);
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // a late writer; retried below
                    }
                });
            } catch (IOException ignored) {
                // retried below
            }
            if (!Files.exists(dir)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Ends a server this JVM started by PID (SIGTERM, then SIGKILL after {@code graceMs}), waits until
     * it has exited (a quick restart would find its ports busy), then ends whatever else still carries
     * the mark {@code dir} (the watcher that ends it with this JVM).
     */
    public static void stop(Process process, Path dir, long graceMs) {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(graceMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(graceMs, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        for (ProcessHandle stray : running(dir.toString())) {
            stray.destroyForcibly();
        }
    }

    /** The executable {@code name} on PATH (e.g. {@code janus}), or null. */
    public static Path onPath(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(folder, name);
            if (java.nio.file.Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
