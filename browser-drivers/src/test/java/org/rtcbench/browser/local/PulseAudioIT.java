package org.rtcbench.browser.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;

/** A Firefox's own sound server: it listens where Firefox is told, and ends with the peer that started it. */
class PulseAudioIT {
    @TempDir
    Path tmp;

    @Test
    void listensOnItsOwnSocketAndEndsWithThePeerLeavingNothing() throws Exception {
        Path pulse = PulseAudio.executable();
        assumeTrue(pulse != null, "pulseaudio is not installed (ci/setup installs it)");
        Path profile = Files.createDirectory(tmp.resolve("firefox-profile"));
        PulseAudio sound = PulseAudio.start(pulse, profile, tmp.resolve("pulseaudio.log"));
        try {
            assertThat(sound.server()).startsWith("unix:" + sound.dir());
            assertThat(sound.dir().resolve("native")).as("its socket").exists();
            assertThat(OwnedProcesses.running(profile.toString())).as("the server and its watcher carry the peer's mark").isNotEmpty();
        } finally {
            new OwnedProcesses(null, profile).close();
            sound.delete();
        }
        assertThat(OwnedProcesses.running(profile.toString())).as("processes left").isEmpty();
        assertThat(sound.dir()).as("its directory").doesNotExist();
    }

    @Test
    void aServerThatCannotStartSaysWhy() throws Exception {
        Path profile = Files.createDirectory(tmp.resolve("p"));
        Path notPulse = Files.writeString(tmp.resolve("pulseaudio"), "#!/bin/sh\necho 'E: no sound today' >&2\nexit 3\n");
        notPulse.toFile().setExecutable(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PulseAudio.start(notPulse, profile, tmp.resolve("log")))
                .isInstanceOf(java.io.IOException.class).hasMessage("it exited with code 3");
        assertThat(Files.readString(tmp.resolve("log"))).contains("no sound today");
        assertThat(OwnedProcesses.running(profile.toString())).as("processes left").isEmpty();
    }
}
