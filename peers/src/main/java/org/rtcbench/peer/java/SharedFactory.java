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
                // kDummyAudio is the module that works with CustomAudioSource.pushAudio. It never plays
                // out, so received audio is never decoded nor handed to a track's sinks. The headless
                // module plays out (a remote track's sink gets 10 ms a pull, measured), but it starts a
                // capture thread of its own whenever a connection starts sending, shortly after the
                // description is applied (on libwebrtc's worker thread), and that capture feeding the
                // send streams beside pushAudio aborts the JVM ("Check failed: !race_checker.RaceDetected()"
                // in audio_send_stream.cc; measured in a mesh); 0.14.0 has no SetAudioRecording(false).
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
