package org.rtcbench.core.process;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A new directory for one Chromium's own temporary files (its singleton socket, scoped directories), to give
 * it as its {@code TMPDIR} and delete after it: a Chromium ended before it tidies up leaves
 * {@code /tmp/org.chromium.Chromium.*} behind otherwise. Every local Chromium rtcbench or its tests start gets one. A
 * program started by {@link OwnedProcesses#endingWithThisJvm} with one as its {@code TMPDIR} has it deleted by
 * its watcher when this JVM dies without doing so.
 */
public final class ChromiumTmp {
    /** What such a directory's path may be long at most: Chromium's singleton socket's path must fit 107 bytes. */
    public static final int MAX_PATH = 107 - "/org.chromium.Chromium.XXXXXX/SingletonSocket".length();

    /** How such a directory's name begins. */
    static final String PREFIX = "rtcbench-chromium-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChromiumTmp() {
    }

    /**
     * A new directory in {@code preferred} (java.io.tmpdir, or a test's own folder, deleted with the test even
     * when rtcbench is killed), or in /tmp when the path would be too long for the socket, which made Chromium
     * exit at start.
     */
    public static Path create(Path preferred) throws IOException {
        for (;;) {
            String name = PREFIX + Long.toString(RANDOM.nextLong() >>> 34, 36); // 6 characters at most
            Path dir = preferred.toAbsolutePath().resolve(name);
            if (dir.toString().length() > MAX_PATH) {
                dir = Path.of("/tmp", name);
            }
            Files.createDirectories(dir.getParent());
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // another Chromium's: the next name
            }
        }
    }
}
