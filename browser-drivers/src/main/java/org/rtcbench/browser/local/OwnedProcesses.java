package org.rtcbench.browser.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes one browser peer started: its driver, the driver's descendants, and anything whose
 * command line holds the peer's unique profile directory (a browser that outlived its driver).
 * {@link #close()} ends them by PID, never by name, and deletes the profile directory.
 */
public final class OwnedProcesses implements AutoCloseable {
    private static final long GRACE_MS = 3000;

    private final ProcessHandle root;
    private final Path profile;
    private final String marker;

    OwnedProcesses(ProcessHandle root, Path profile) {
        this.root = root;
        this.profile = profile;
        this.marker = profile.toString();
    }

    /** Every live process we own right now. */
    List<ProcessHandle> alive() {
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
     * Live processes whose command line contains {@code marker} (a profile or work directory that
     * only rtcbench's own processes name); /proc is read directly since ProcessHandle may hide args.
     */
    public static List<ProcessHandle> running(String marker) {
        List<ProcessHandle> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(marker) && Long.parseLong(p.getFileName().toString()) != self) {
                        ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(out::add);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended while we looked
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

    static void deleteTree(Path dir) {
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
}
