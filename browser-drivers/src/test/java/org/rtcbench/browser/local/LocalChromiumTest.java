package org.rtcbench.browser.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.process.OwnedProcesses;

/** Where a local Chromium keeps its own temporary files. */
class LocalChromiumTest {
    @TempDir
    Path tmp;

    @Test
    void chromiumsTemporaryFilesGoToANewDirectoryInTheGivenFolder() throws Exception {
        Path a = LocalChromium.chromiumTmp(tmp);
        Path b = LocalChromium.chromiumTmp(tmp);

        assertThat(a).isDirectory().hasParent(tmp);
        assertThat(b).isDirectory().hasParent(tmp).isNotEqualTo(a);
        assertThat(a.getFileName().toString()).startsWith("rtcbench-chromium-");
        // room for Chromium's org.chromium.Chromium.XXXXXX/SingletonSocket inside: a socket path has 107 bytes
        assertThat(a.toString().length() + "/org.chromium.Chromium.XXXXXX/SingletonSocket".length()).isLessThanOrEqualTo(107);
    }

    @Test
    void aFolderTooDeepForChromiumsSocketGivesWayToTmp() throws Exception {
        Path deep = tmp.resolve("a-folder-whose-path-is-long-enough-that-a-socket-in-it-would-not-fit");
        Path dir = LocalChromium.chromiumTmp(deep);
        try {
            // Chromium exited at start ("Chrome instance exited") with its socket path over 107 bytes
            assertThat(dir).isDirectory().hasParent(Path.of("/tmp"));
            assertThat(dir.toString().length()).isLessThanOrEqualTo(LocalChromium.MAX_TMP_PATH);
        } finally {
            OwnedProcesses.deleteTree(dir);
        }
    }
}
