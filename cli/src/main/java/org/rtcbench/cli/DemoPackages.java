package org.rtcbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.rtcbench.core.BadInputException;

/**
 * The Debian packages the demo needs, as {@code ci/setup demo} lists them: checked before the demo
 * starts and installed through {@code ci/setup} when missing (as root, unless told not to).
 */
final class DemoPackages {
    private final Path setup;
    private final PrintStream out;

    DemoPackages(Path setup, PrintStream out) {
        this.setup = setup;
        this.out = out;
    }

    /**
     * The clone's {@code ci/setup}: beside the launcher ({@code -Drtcbench.home}), else two folders above
     * the jar (cli/target/rtcbench.jar); null when rtcbench runs from elsewhere.
     */
    static Path findSetup() {
        Path root;
        String home = System.getProperty("rtcbench.home");
        if (home != null) {
            root = Path.of(home);
        } else {
            try {
                // <clone>/cli/target/rtcbench.jar
                root = Path.of(DemoPackages.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toAbsolutePath().getParent().getParent().getParent();
            } catch (Exception e) {
                return null;
            }
        }
        Path setup = root == null ? null : root.resolve("ci/setup");
        return setup != null && Files.isExecutable(setup) ? setup : null;
    }

    /**
     * Makes sure the demo's packages are installed: nothing to do, or installs them through
     * {@code ci/setup demo} (saying so), or, with {@code noInstall} or when not root, throws the one
     * command to run instead. A host without dpkg is left as it is (the demo then uses what it finds).
     */
    void ensure(boolean noInstall) {
        String missing = missing();
        if (missing == null || missing.isEmpty()) {
            return;
        }
        String command = (isRoot() ? "" : "sudo ") + setup + " demo";
        if (noInstall || !isRoot()) {
            throw new BadInputException("the demo needs Debian packages that are not installed: " + missing
                    + "; install them with: " + command + (noInstall ? "" : " (or run ./rtcbench demo as root)"));
        }
        out.println("demo: installing the missing Debian packages " + missing + " with " + setup + " demo (about 30 s)");
        out.flush();
        int code = run(new ProcessBuilder(setup.toString(), "demo").inheritIO().redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))));
        if (code != 0) {
            throw new BadInputException("installing " + missing + " failed (" + setup + " demo exited " + code
                    + "); run it by hand to see why");
        }
    }

    /** The missing packages separated by spaces, "" when none, or null when this host has no dpkg. */
    private String missing() {
        ProcessBuilder pb = new ProcessBuilder(setup.toString(), "--check", "demo").redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return switch (p.exitValue()) {
                case 0 -> "";
                case 1 -> text;
                default -> null; // not Debian: nothing to check against
            };
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int run(ProcessBuilder pb) {
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new BadInputException("cannot run " + pb.command().get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while installing the demo's packages");
        }
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
