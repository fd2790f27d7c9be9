package org.rtcbench.peer.replay;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerLauncher;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;

/** Starts replay peers in this JVM; pure Java, so they run wherever rtcbench runs. */
public final class ReplayPeerLauncher implements PeerLauncher {
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(15);
    private final String candidateAddress;

    public ReplayPeerLauncher() {
        this("127.0.0.1");
    }

    /** Peers whose ICE candidates are on {@code candidateAddress}: 127.0.0.1, or this host's address on a test network. */
    public ReplayPeerLauncher(String candidateAddress) {
        this.candidateAddress = candidateAddress;
    }

    @Override
    public void check() {
        try {
            EncodedMedia.video(320, 240);
            EncodedMedia.audio();
        } catch (IllegalStateException e) {
            throw new BadInputException("replay peers cannot start: " + e.getMessage());
        }
    }

    @Override
    public List<String> versionLines() {
        return List.of("replay peers: pre-encoded VP8 " + String.join("/", EncodedMedia.SIZES) + " and Opus; ice4j, Bouncy Castle DTLS 1.2, SRTP AES_CM_128_HMAC_SHA1_80");
    }

    /**
     * Connects two replay peers to each other on the candidate address (ICE, DTLS, SRTP, media both
     * ways for a moment, stats), then closes them. The first replay peer of a cold JVM otherwise spends
     * seconds loading ice4j and Bouncy Castle (3.1 s to its first offer measured here with one core
     * busy), which a load run would charge to the SFU.
     */
    @Override
    public String warmUp() {
        long t0 = System.nanoTime();
        InetAddress address = address("warm-up");
        try (ReplayPeer a = new ReplayPeer("warm-up-a", address); ReplayPeer b = new ReplayPeer("warm-up-b", address)) {
            MediaSpec small = new MediaSpec(new VideoSpec(320, 240, 15), true, true);
            a.startMedia(small, Role.SENDRECV);
            b.startMedia(small, Role.SENDRECV);
            a.acceptAnswer("warm-up", b.acceptOffer("warm-up", a.createOffer("warm-up", null)));
            long deadline = System.nanoTime() + WARM_UP_TIMEOUT.toNanos();
            while (!(a.connectionState("warm-up").equals("connected") && b.connectionState("warm-up").equals("connected"))) {
                boolean failed = a.connectionState("warm-up").equals("failed") || b.connectionState("warm-up").equals("failed");
                if (failed || System.nanoTime() > deadline) {
                    String why = a.failure("warm-up") != null ? a.failure("warm-up") : b.failure("warm-up");
                    throw new BadInputException("two replay peers on " + candidateAddress + " did not connect to each other"
                            + (failed ? "" : " within " + WARM_UP_TIMEOUT.toSeconds() + " s") + (why == null ? "" : " (" + why + ")")
                            + "; check that UDP on that address is not filtered on this host");
                }
                Thread.sleep(10);
            }
            long connectedMs = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(300); // a few frames and RTCP both ways
            a.stats();
            b.stats();
            return "replay peers warmed up: a pair on " + candidateAddress + " connected in " + connectedMs + " ms (ICE, DTLS, SRTP)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure("interrupted while warming up replay peers");
        }
    }

    private InetAddress address(String peerName) {
        try {
            return InetAddress.getByName(candidateAddress);
        } catch (UnknownHostException e) {
            throw new BadInputException("replay peer " + peerName + ": '" + candidateAddress + "' is not an address");
        }
    }

    @Override
    public Peer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio) {
        return new ReplayPeer(peerName, address(peerName));
    }
}
