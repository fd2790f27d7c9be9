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
        try {
            host.put("hostname", java.net.InetAddress.getLocalHost().getHostName());
        } catch (java.io.IOException e) {
            host.put("hostname", "unknown");
        }
        return host;
    }
}
