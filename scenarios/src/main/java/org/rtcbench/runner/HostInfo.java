package org.rtcbench.runner;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run ran on, for run.json: cores, memory, OS and Java. */
final class HostInfo {
    private HostInfo() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("cores", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            host.put("memoryBytes", os.getTotalMemorySize());
        }
        host.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        host.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        host.put("hostname", hostname());
        return host;
    }

    /** The kernel's host name, read without a DNS lookup (InetAddress.getLocalHost() may ask the resolver). */
    private static String hostname() {
        try {
            // readAllLines: readString trusts the size /proc/sys reports and returned one character of the name
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/kernel/hostname")).get(0).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
