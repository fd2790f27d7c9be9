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
 * @param image            the image container peers run in (null: their provider's default)
 * @param gridUrl          the Selenium Grid that grid peers run on (null: none named)
 */
public record LaunchContext(Browsers browsers, Path workDir, Path logs, String candidateAddress, String image, String gridUrl) {

    public LaunchContext(Browsers browsers, Path workDir, Path logs, String candidateAddress) {
        this(browsers, workDir, logs, candidateAddress, null, null);
    }

    /** For checks outside a run (--version, which kinds can run here): defaults, and the temporary directory. */
    public static LaunchContext forChecks(Browsers browsers) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return new LaunchContext(browsers, tmp, tmp, "127.0.0.1");
    }

    /** This context for one peer group: its own image and Grid, where it names them, over the run's. */
    public LaunchContext forPeer(String peerImage, String peerGridUrl) {
        return new LaunchContext(browsers, workDir, logs, candidateAddress,
                peerImage != null ? peerImage : image, peerGridUrl != null ? peerGridUrl : gridUrl);
    }
}
