package org.rtcbench.peer.java;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;

/**
 * The one PeerConnectionFactory every Java peer of this JVM shares. It is made on first use and
 * never disposed: disposing it while any connection lives crashes the JVM (SIGSEGV), and the CLI
 * ends with System.exit, which a factory's non-daemon native thread would otherwise block.
 */
final class SharedFactory {
    private static PeerConnectionFactory factory;
    private static Throwable failure;

    private SharedFactory() {
    }

    /** The shared factory; a {@link PeerConnectionFactory} without an audio module aborts the JVM, so it gets the dummy one. */
    static synchronized PeerConnectionFactory get() {
        if (factory == null && failure == null) {
            try {
                // kDummyAudio is the module that works with CustomAudioSource.pushAudio (the headless
                // module with pushAudio aborts the JVM on a race check).
                factory = new PeerConnectionFactory(new AudioDeviceModule(AudioLayer.kDummyAudio));
            } catch (Throwable t) {
                failure = t;
            }
        }
        if (factory == null) {
            throw new IllegalStateException("libwebrtc (webrtc-java) did not load: " + failure, failure);
        }
        return factory;
    }
}
