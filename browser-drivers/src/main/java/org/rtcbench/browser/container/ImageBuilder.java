package org.rtcbench.browser.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerKind;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * Builds rtcbench's browser images on this Docker host from Debian packages, with no registry:
 * mmdebstrap makes a Debian root file system holding the browser (and chromedriver), Docker
 * imports it as a base image, the versions are read by running the browser inside it, and
 * Testcontainers builds the final image from that base with labels saying what it holds. It is
 * tagged {@code rtcbench/<browser>:<version>} and {@code :latest}; the base is removed.
 */
public final class ImageBuilder {
    /** Debian's mirror; {@code --mirror} names another. */
    public static final String DEBIAN_MIRROR = "http://deb.debian.org/debian";
    public static final String DEBIAN_SUITE = "bookworm";
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(60);

    /** What one image holds, by peer kind. */
    record Recipe(PeerKind kind, String browser, List<String> packages, String browserBinary, String driver, String driverBinary) {
    }

    static final Map<PeerKind, Recipe> RECIPES = Map.of(
            PeerKind.CHROME, new Recipe(PeerKind.CHROME, "chromium", List.of("chromium", "chromium-driver", "fonts-dejavu-core"),
                    "/usr/bin/chromium", "chromedriver", "/usr/bin/chromedriver"),
            PeerKind.FIREFOX, new Recipe(PeerKind.FIREFOX, "firefox", List.of("firefox-esr", "fonts-dejavu-core"),
                    "/usr/bin/firefox-esr", "webdriver-bidi", null));

    /**
     * A Java runtime and nothing else: what rtcbench itself runs on in a container, e.g. a shard of a
     * load of replay peers (pure Java), with rtcbench's jar mounted or copied in.
     */
    static final Recipe JRE = new Recipe(null, "jre", List.of("openjdk-17-jre-headless"), "/usr/bin/java", null, null);
    /** The Java runtime image's :latest name. */
    public static final String JRE_IMAGE = "rtcbench/jre:latest";

    private final DockerClient docker;
    private final String mirror;
    private final Path logDir;
    private final PrintStream out;

    /**
     * @param mirror a Debian mirror (its security updates are taken from the same host's debian-security)
     * @param logDir where mmdebstrap's output is kept
     */
    public ImageBuilder(String mirror, Path logDir, PrintStream out) {
        this.docker = DockerAccess.client();
        this.mirror = mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror;
        this.logDir = logDir;
        this.out = out;
    }

    /** Whether rtcbench's default image for {@code kind} is on this Docker host. */
    public boolean present(PeerKind kind) {
        return idOf(BrowserImage.defaultName(kind)) != null;
    }

    /** Whether the Java runtime image ({@link #JRE_IMAGE}) is on this Docker host. */
    public boolean jrePresent() {
        return idOf(JRE_IMAGE) != null;
    }

    /** Builds the Java runtime image ({@link #JRE_IMAGE}, also tagged with the Java version) and returns its versioned name. */
    public String buildJre() {
        return build(JRE, JRE_IMAGE);
    }

    /**
     * Builds the image for {@code kind} and returns its versioned name.
     *
     * @throws BadInputException when mmdebstrap is missing or fails (no mirror reachable, say)
     */
    public String build(PeerKind kind) {
        Recipe r = RECIPES.get(kind);
        if (r == null) {
            throw new BadInputException(kind.id() + " has no container image: only chrome and firefox do");
        }
        return build(r, BrowserImage.defaultName(kind));
    }

    private String build(Recipe r, String latestName) {
        if (!Files.isExecutable(Path.of("/usr/bin/mmdebstrap"))) {
            throw new BadInputException("rtcbench images build needs mmdebstrap: install it (sudo apt-get install mmdebstrap; 'sudo ci/setup' does)");
        }
        long t0 = System.nanoTime();
        String base = "rtcbench-build/" + r.browser() + ":" + ProcessHandle.current().pid();
        String oldId = idOf(latestName);
        try {
            importRootFs(r, base);
            Map<String, String> versions = versions(r, base);
            String tag = versions.get("browser").replaceAll("[^A-Za-z0-9_.-]", "_");
            String name = "rtcbench/" + r.browser() + ":" + tag;
            Map<String, String> labels = new LinkedHashMap<>();
            if (r.kind() == null) {
                labels.put("org.rtcbench.runtime", "java " + versions.get("browser"));
            } else {
                labels.put(BrowserImage.BROWSER, r.browser());
                labels.put(BrowserImage.BROWSER_VERSION, versions.get("browser"));
                labels.put(BrowserImage.BROWSER_BINARY, r.browserBinary());
                labels.put(BrowserImage.DRIVER, r.driver());
                if (versions.containsKey("driver")) {
                    labels.put(BrowserImage.DRIVER_VERSION, versions.get("driver"));
                }
                if (r.driverBinary() != null) {
                    labels.put(BrowserImage.DRIVER_BINARY, r.driverBinary());
                }
            }
            labels.put("org.rtcbench.debian", DEBIAN_SUITE + " " + String.join(",", r.packages()));
            new ImageFromDockerfile(name, false)
                    .withDockerfileFromBuilder(b -> b.from(base).label(labels).build())
                    .get();
            DockerImageName latest = DockerImageName.parse(latestName);
            docker.tagImageCmd(name, latest.getRepository(), latest.getVersionPart()).withForce().exec();
            String newId = idOf(name);
            if (oldId != null && !oldId.equals(newId)) {
                removeIfUntagged(oldId);
            }
            out.printf("  %s (%s): %s %s%s, in %d s%n", name, latestName, r.browser(), versions.get("browser"),
                    versions.containsKey("driver") ? ", " + r.driver() + " " + versions.get("driver") : "",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
            return name;
        } catch (DockerException | IllegalStateException e) {
            throw new BadInputException("building the " + r.browser() + " image failed: " + PeerFailure.firstLine(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException("building the " + r.browser() + " image failed: " + PeerFailure.firstLine(String.valueOf(e.getMessage()))
                    + " (run with --verbose for details)", e);
        } finally {
            try {
                docker.removeImageCmd(base).exec(); // untags the base; its layers stay under the final image
            } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException ignored) {
                // not imported, or already gone
            }
        }
    }

    /**
     * mmdebstrap writes a root file system tar to a pipe into {@code docker import} (docker-java's
     * import, through Testcontainers' transport, ends such a stream early: "unexpected EOF").
     */
    private void importRootFs(Recipe r, String base) {
        Path log = logDir.resolve("mmdebstrap-" + r.browser() + ".log");
        Path importLog = logDir.resolve("docker-import-" + r.browser() + ".log");
        String security = mirror.endsWith("/debian") ? mirror + "-security" : mirror + "/debian-security";
        List<String> debootstrap = List.of("/usr/bin/mmdebstrap", "--variant=apt", "--include=" + String.join(",", r.packages()),
                DEBIAN_SUITE, "-", "deb " + mirror + " " + DEBIAN_SUITE + " main",
                "deb " + security + " " + DEBIAN_SUITE + "-security main");
        String dockerCli = dockerCli();
        out.printf("  %s: mmdebstrap %s from %s (its output: %s) ...%n", r.browser(), String.join(" ", r.packages()), mirror, log);
        List<Process> pipeline = List.of();
        try {
            Files.createDirectories(logDir);
            pipeline = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder(debootstrap).redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))),
                    new ProcessBuilder(dockerCli, "import", "-", base).redirectErrorStream(true).redirectOutput(importLog.toFile())));
            int made = pipeline.get(0).waitFor();
            int imported = pipeline.get(1).waitFor();
            if (made != 0) {
                throw new BadInputException("mmdebstrap failed (exit " + made + "): " + lastLine(log) + " (is " + mirror + " reachable? see " + log + ")");
            }
            if (imported != 0) {
                throw new BadInputException("docker import failed (exit " + imported + "): " + lastLine(importLog));
            }
        } catch (IOException e) {
            throw new BadInputException("cannot run mmdebstrap | docker import: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while mmdebstrap ran");
        } finally {
            // interrupted: SIGTERM, and time for mmdebstrap to unmount the /proc and /sys it mounted in its
            // temporary directory (killed at once, it leaves them mounted there)
            for (Process p : pipeline) {
                if (p.isAlive()) {
                    p.destroy();
                    try {
                        p.waitFor(30, TimeUnit.SECONDS);
                    } catch (InterruptedException again) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    /** The docker command (Debian's docker.io has one), for the import. */
    private static String dockerCli() {
        for (String dir : String.valueOf(System.getenv("PATH")).split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "docker");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new BadInputException("rtcbench images build needs the docker command: install Debian's docker.io ('sudo ci/setup' does)");
    }

    /** The browser's (and driver's) version, read by running them in a container of {@code base}. */
    private Map<String, String> versions(Recipe r, String base) {
        String script = r.browserBinary() + " --version" + (r.driverBinary() == null ? "" : "; " + r.driverBinary() + " --version");
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(base))
                .withImagePullPolicy(name -> false)
                .withNetworkMode("none")
                .withCommand("/bin/sh", "-c", script)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(VERSION_TIMEOUT))) {
            c.start();
            return parseVersions(c.getLogs());
        }
    }

    /** From {@code Chromium 156.0.8078.73 built on Debian ...} / {@code ChromeDriver 156.0.8078.73 (...)} / {@code Mozilla Firefox 140.5.0esr} / {@code openjdk 17.0.15 2025-04-15}. */
    static Map<String, String> parseVersions(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(Chromium|Mozilla Firefox|ChromeDriver|openjdk) (\\S+)").matcher(line.strip());
            if (m.find()) {
                out.put(m.group(1).equals("ChromeDriver") ? "driver" : "browser", m.group(2));
            }
        }
        if (!out.containsKey("browser")) {
            throw new IllegalStateException("the browser in the new image printed no version: " + output.strip());
        }
        return out;
    }

    private String idOf(String name) {
        try {
            return docker.inspectImageCmd(name).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** Removes an image this build replaced, unless it still has a tag or a container uses it. */
    private void removeIfUntagged(String id) {
        try {
            List<String> tags = docker.inspectImageCmd(id).exec().getRepoTags();
            if (tags == null || tags.isEmpty()) {
                docker.removeImageCmd(id).exec();
            }
        } catch (DockerException ignored) {
            // in use, or gone: left as it is
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no output";
        }
    }
}
