package org.rtcbench.core.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What this host has for peers right now: CPU cores, memory available (MemAvailable), and room for
 * more threads (the lower of kernel.threads-max and half of vm.max_map_count, since every thread
 * stack is a mapping and the guard page another, less the threads running now).
 */
public record HostResources(int cores, long memoryAvailableMb, long threadRoom) {
    /** This host, read from /proc; a value that cannot be read counts as unlimited. */
    public static HostResources here() {
        int cores = Runtime.getRuntime().availableProcessors();
        long memMb = Long.MAX_VALUE;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    memMb = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: memory is not checked
        }
        long threadsMax = number("/proc/sys/kernel/threads-max");
        long maps = number("/proc/sys/vm/max_map_count");
        long limit = Math.min(threadsMax, maps == Long.MAX_VALUE ? Long.MAX_VALUE : maps / 2);
        long room = limit;
        if (limit != Long.MAX_VALUE) {
            room = Math.max(0, limit - threadsNow());
        }
        return new HostResources(cores, memMb, room);
    }

    private static long number(String file) {
        try {
            // readAllLines, not readString: /proc/sys files claim a size that readString trusts (it returned "1" of 192730)
            return Long.parseLong(Files.readAllLines(Path.of(file)).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Threads running on the host now: the total in /proc/loadavg ("0.10 0.20 0.30 1/345 6789"). */
    private static long threadsNow() {
        try {
            List<String> f = List.of(Files.readAllLines(Path.of("/proc/loadavg")).get(0).trim().split(" "));
            return Long.parseLong(f.get(3).substring(f.get(3).indexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
