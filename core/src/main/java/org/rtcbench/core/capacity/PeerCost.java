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
     * The reference costs: 20 s full-mesh calls of 2 and 4 peers of each kind (and 8 Java peers) at
     * 320x240@15 with audio and a data channel, on a 2-core Debian 12 host (Chromium 156, Firefox 153,
     * webrtc-java 0.14.0), CPU over 6 s after a 12 s warm-up, memory and threads at its end, fitted to
     * "per peer + per stream pair" (README, Benchmarks: {@code rtcbench bench mesh}):
     * Chromium 0.215 cores and 336 MB PSS a peer with one stream pair, 0.32 and 290 MB with three;
     * Firefox 0.073 and 369 MB, 0.110 and 337 MB; Java 0.066, 0.037 and 0.025 cores per stream pair
     * in meshes of 2, 4 and 8 (the JVM also samples them), RSS growing 8.5 MB and threads 4.2 per pair.
     */
    public static PeerCost reference(PeerKind kind) {
        return switch (kind) {
            case CHROME -> new PeerCost(kind, 0.165, 0.05, 320, 10, 6, 0);
            case FIREFOX -> new PeerCost(kind, 0.054, 0.019, 350, 10, 4, 0);
            case JAVA -> new PeerCost(kind, 0.025, 0.03, 8, 8.5, 2, 4.2);
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
