package org.rtcbench.core.capacity;

import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.VideoSpec;

/**
 * What one peer of a kind costs, as measured: CPU cores and memory of the peer itself, and per A/V
 * stream pair it carries (one stream sent and one received, audio and video at 320x240@15; other
 * sizes see {@link #pixelFactor}), and the threads it adds to the rtcbench JVM.
 *
 * @param cores                 CPU of the peer with no stream (browser processes, harness page, sampling)
 * @param coresPerStreamPair    CPU per A/V stream pair at 320x240@15
 * @param mb                    memory of the peer with no stream (PSS of a browser's processes; JVM RSS of a Java peer)
 * @param mbPerStreamPair       memory per A/V stream pair
 * @param jvmThreads            threads in the rtcbench JVM per peer
 * @param jvmThreadsPerStreamPair threads in the rtcbench JVM per A/V stream pair
 */
public record PeerCost(PeerKind kind, double cores, double coresPerStreamPair, double mb, double mbPerStreamPair,
                       double jvmThreads, double jvmThreadsPerStreamPair) {
    /** Where {@link #reference} comes from. */
    public static final String REFERENCE_SOURCE = "reference costs measured on a 2-core Debian 12 host with "
            + "`rtcbench bench mesh` (README, Benchmarks)";

    private static final double REFERENCE_PIXEL_RATE = 320.0 * 240 * 15;

    /**
     * The reference costs, from {@code rtcbench bench mesh} on a 2-core Debian 12 host on 2026-12-01
     * (Chromium 156, Firefox 153, webrtc-java 0.14.0): full-mesh calls of 2 and 4 peers (Java: 2, 4
     * and 6) at 320x240@15 with audio and a data channel, CPU after a 5 s warm-up, fitted to "per
     * peer + per stream pair". Chromium 0.512 and 1.488 cores for meshes of 2 and 4 (0.198 + 0.058),
     * PSS 338 and 304 MB a browser; Firefox 0.506 and 1.565 (0.184 + 0.069), 364 and 336 MB; Java
     * 0.216, 0.545 and 1.022 cores for the whole JVM, which also serves and samples them (0.072 +
     * 0.0185 beside a JVM constant of 0.035; bench peers' sweep found 0.031-0.058 a peer of one pair
     * in larger runs, so 0.05 + 0.02), RSS up 44-122 MB and JVM threads 64, 96 and 172 (4.2 a pair).
     * Browsers' memory per stream pair fitted below zero (shared pages): 5 MB is kept as a margin.
     */
    public static PeerCost reference(PeerKind kind) {
        return switch (kind) {
            case CHROME -> new PeerCost(kind, 0.198, 0.058, 340, 5, 6, 0);
            case FIREFOX -> new PeerCost(kind, 0.184, 0.069, 365, 5, 4, 0);
            case JAVA -> new PeerCost(kind, 0.05, 0.02, 10, 4, 2, 4.2);
            // not measured yet (bench peers --kind replay is to come): no codec, so a tenth of a Java
            // peer's CPU at most; 3 JVM threads a connection (receive loop, ice4j's connector and reader)
            case REPLAY -> new PeerCost(kind, 0.005, 0.002, 2, 1, 0, 3);
        };
    }

    /**
     * How much more a stream of {@code video} costs than one at 320x240@15: the square root of the
     * pixel rate's ratio, as measured for Chromium (a peer of one stream pair: 0.193 cores at
     * 320x240@15 in bench peers, 0.32 at 640x480@30 in bench browsers, 8 times the pixels).
     */
    public static double pixelFactor(VideoSpec video) {
        return video == null ? 1 : Math.sqrt((double) video.width() * video.height() * video.fps() / REFERENCE_PIXEL_RATE);
    }
}
