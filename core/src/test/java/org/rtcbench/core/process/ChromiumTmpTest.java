package org.rtcbench.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a Chromium keeps its own temporary files. */
class ChromiumTmpTest {
    @TempDir
    Path tmp;

    @Test
    void chromiumsTemporaryFilesGoToANewDirectoryInTheGivenFolder() throws Exception {
        Path a = ChromiumTmp.create(tmp);
        Path b = ChromiumTmp.create(tmp);

        assertThat(a).isDirectory().hasParent(tmp);
        assertThat(b).isDirectory().hasParent(tmp).isNotEqualTo(a);
        assertThat(a.getFileName().toString()).startsWith("rtcbench-chromium-");
        // room for Chromium's org.chromium.Chromium.XXXXXX/SingletonSocket inside: a socket path has 107 bytes
        assertThat(a.toString().length() + "/org.chromium.Chromium.XXXXXX/SingletonSocket".length()).isLessThanOrEqualTo(107);
    }

    @Test
    void aFolderTooDeepForChromiumsSocketGivesWayToTmp() throws Exception {
        Path deep = tmp.resolve("a-folder-whose-path-is-long-enough-that-a-socket-in-it-would-not-fit");
        Path dir = ChromiumTmp.create(deep);
        try {
            // Chromium exited at start ("Chrome instance exited") with its socket path over 107 bytes
            assertThat(dir).isDirectory().hasParent(Path.of("/tmp"));
            assertThat(dir.toString().length()).isLessThanOrEqualTo(ChromiumTmp.MAX_PATH);
        } finally {
            OwnedProcesses.deleteTree(dir);
        }
    }
}
