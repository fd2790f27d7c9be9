package org.rtcbench.peer.java;

import java.net.URI;
import java.nio.file.Path;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerLauncher;

/** Starts synthetic peers (libwebrtc through webrtc-java) in this JVM, all on one shared factory. */
public final class JavaPeerLauncher implements PeerLauncher {
    private final String candidateAddress;

    /** Peers that meet their partners on loopback (the P2P room). */
    public JavaPeerLauncher() {
        this("127.0.0.1");
    }

    /** Peers whose ICE candidates name {@code candidateAddress}, this host's address on a test network. */
    public JavaPeerLauncher(String candidateAddress) {
        this.candidateAddress = candidateAddress;
    }

    @Override
    public void check() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                || !"amd64".equals(System.getProperty("os.arch"))) {
            throw new BadInputException("synthetic Java peers need linux-x86_64 (rtcbench ships only that webrtc-java native); this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        try {
            SharedFactory.get();
        } catch (IllegalStateException e) {
            throw new BadInputException("synthetic Java peers cannot start: " + e.getMessage());
        }
    }

    @Override
    public java.util.List<String> versionLines() {
        return java.util.List.of("java peers: libwebrtc via webrtc-java " + JavaPeer.INFO.browserVersion() + " (linux-x86_64)");
    }

    @Override
    public Peer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio) {
        check();
        return new JavaPeer(peerName, SharedFactory.get(), false, candidateAddress);
    }
}
