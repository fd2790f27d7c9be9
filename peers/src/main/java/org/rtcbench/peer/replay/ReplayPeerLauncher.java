package org.rtcbench.peer.replay;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerLauncher;

/** Starts replay peers in this JVM; pure Java, so they run wherever rtcbench runs. */
public final class ReplayPeerLauncher implements PeerLauncher {
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

    @Override
    public Peer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio) {
        try {
            return new ReplayPeer(peerName, InetAddress.getByName(candidateAddress));
        } catch (UnknownHostException e) {
            throw new BadInputException("replay peer " + peerName + ": '" + candidateAddress + "' is not an address");
        }
    }
}
