package org.rtcbench.core.peer;

import java.nio.file.Path;
import org.rtcbench.core.scenario.Browsers;

/**
 * What a run gives a {@link PeerProvider} to make its launcher.
 *
 * @param browsers         the scenario's browser binaries, drivers and flags
 * @param workDir          where peers keep their profiles and temporary files
 * @param logs             where drivers and browsers write their logs (the run's {@code logs/})
 * @param candidateAddress the address synthetic peers put in their ICE candidates, the one the target reaches them at
 */
public record LaunchContext(Browsers browsers, Path workDir, Path logs, String candidateAddress) {

    /** For checks outside a run (--version, which kinds can run here): defaults, and the temporary directory. */
    public static LaunchContext forChecks(Browsers browsers) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return new LaunchContext(browsers, tmp, tmp, "127.0.0.1");
    }
}
