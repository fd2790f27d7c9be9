package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rtcbench demo} checks the Debian packages it needs through the clone's ci/setup before it
 * starts anything. The package database is the boundary faked here: a {@code dpkg-query} first on
 * PATH that reports some packages as not installed, as on a fresh machine.
 */
class DemoPackagesIT {
    private static final Path SETUP = Path.of("..", "ci", "setup").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** A PATH on which dpkg-query says {@code absent} packages are not installed and the rest are. */
    private Map<String, String> packageDatabaseWithout(String... absent) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fake = bin.resolve("dpkg-query");
        Files.writeString(fake, "#!/bin/sh\n# dpkg-query -W -f=FORMAT PACKAGE\nfor p in " + String.join(" ", absent) + "; do\n"
                + "  [ \"$3\" = \"$p\" ] && { echo \"dpkg-query: no packages found matching $p\" >&2; exit 1; }\ndone\n"
                + "printf 'install ok installed'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    @Test
    void withNoInstallTheMissingPackagesAndTheCommandThatInstallsThemAreOneLineAndExit2() throws Exception {
        RtcbenchProcess.Result r = RtcbenchProcess.run(tmp, packageDatabaseWithout("chromium", "libpulse0"), "demo", "--no-install");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("rtcbench: the demo needs Debian packages that are not installed: "
                + "chromium libpulse0; install them with: " + SETUP + " demo");
        assertThat(r.out()).doesNotContain("launched");
        assertThat(tmp.resolve("results")).doesNotExist();
    }

    @Test
    void ciSetupCheckListsOnlyWhatIsMissingAndInstallsNothing() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SETUP.toString(), "--check", "demo").redirectErrorStream(true);
        pb.environment().putAll(packageDatabaseWithout("firefox-esr"));
        Process check = pb.start();
        String out = new String(check.getInputStream().readAllBytes()).trim();

        assertThat(check.waitFor()).isEqualTo(1);
        assertThat(out).isEqualTo("firefox-esr");
    }

    @Test
    void withEveryPackageInstalledTheCheckPasses() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SETUP.toString(), "--check", "demo").redirectErrorStream(true);
        pb.environment().putAll(packageDatabaseWithout());
        Process check = pb.start();

        assertThat(new String(check.getInputStream().readAllBytes())).isEmpty();
        assertThat(check.waitFor()).isZero();
    }
}
