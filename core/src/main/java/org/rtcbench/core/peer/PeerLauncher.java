package org.rtcbench.core.peer;

import java.net.URI;
import java.nio.file.Path;
import org.rtcbench.core.BadInputException;

/** Starts peers of one kind on this host: a local browser, or synthetic peers in this JVM. */
public interface PeerLauncher {

    /** Fails with one clear line (a BadInputException) when this kind cannot run here. */
    void check();

    /**
     * Whether {@link #launch} plays fake media files (Chromium's {@code --use-file-for-fake-*}); the
     * others generate their media themselves, so no files are written for them.
     */
    default boolean playsMediaFiles() {
        return false;
    }

    /** What {@code rtcbench --version} prints for this launcher: its programs and their versions, a line each. */
    java.util.List<String> versionLines();

    /** Why this kind cannot run here (the message {@link #check()} would throw), or null when it can. */
    default String problem() {
        try {
            check();
            return null;
        } catch (BadInputException e) {
            return e.getMessage();
        }
    }

    /**
     * Readies this process before a load run's first peer: loads and warms the peers' stack, so that
     * its first peer's join and connect times measure the target, not this JVM's start. Returns what
     * was done, for the run's output (null: nothing to do).
     *
     * @throws BadInputException when the stack cannot connect to itself here
     */
    default String warmUp() {
        return null;
    }

    /**
     * Starts one peer, ready for {@link Peer#startMedia}.
     *
     * @param harness   the harness page, for peers that are browsers
     * @param fakeVideo a Y4M file for a fake camera that can play one, else null
     * @param fakeAudio a WAV file for a fake microphone that can play one, else null
     */
    Peer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio);
}
