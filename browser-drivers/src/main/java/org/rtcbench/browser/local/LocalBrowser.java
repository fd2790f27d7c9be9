package org.rtcbench.browser.local;

import java.net.URI;
import java.nio.file.Path;
import org.rtcbench.browser.BrowserPeer;

/** A browser installed on this host that rtcbench can launch as a peer: Chromium or Firefox. */
public interface LocalBrowser {

    /** Fails with one clear line (a BadInputException) when the browser or its driver is not where configured. */
    void check();

    /** Why this browser cannot run here (the message {@link #check()} would throw), or null when it can. */
    default String problem() {
        try {
            check();
            return null;
        } catch (org.rtcbench.core.BadInputException e) {
            return e.getMessage();
        }
    }

    /**
     * Starts one browser with a fresh profile and the harness page open.
     *
     * @param fakeVideo a Y4M file for the fake camera where the browser can use one, else null
     * @param fakeAudio a WAV file for the fake microphone where the browser can use one, else null
     */
    BrowserPeer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio);
}
