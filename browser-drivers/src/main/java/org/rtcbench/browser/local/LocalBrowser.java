package org.rtcbench.browser.local;

import java.net.URI;
import java.nio.file.Path;
import org.rtcbench.browser.BrowserPeer;
import org.rtcbench.core.peer.PeerLauncher;

/** A browser installed on this host that rtcbench can launch as a peer: Chromium or Firefox. */
public interface LocalBrowser extends PeerLauncher {

    /** Starts one browser with a fresh profile and the harness page open. */
    @Override
    BrowserPeer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio);
}
