package org.rtcbench.core.peer;

/** What a peer runs on: exact browser (or library) and driver names and versions; null where there is none. */
public record PeerInfo(String browser, String browserVersion, String driver, String driverVersion) {
}
