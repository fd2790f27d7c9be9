package org.rtcbench.browser.local;

import org.rtcbench.core.process.OwnedProcesses;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.firefox.FirefoxDriver;
import org.openqa.selenium.firefox.FirefoxOptions;
import org.openqa.selenium.firefox.GeckoDriverService;
import org.rtcbench.browser.BrowserPeer;
import org.rtcbench.browser.WebDriverPageScript;
import org.rtcbench.browser.bidi.BiDiException;
import org.rtcbench.browser.bidi.BiDiPageScript;
import org.rtcbench.browser.bidi.BiDiSession;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.BrowserConfig;

/**
 * Launches Firefox on this host. With a geckodriver (configured, or on PATH) it uses FirefoxDriver;
 * without one (Debian has none) it starts Firefox itself with {@code --remote-debugging-port} and
 * drives it over WebDriver BiDi. Either way: headless, a fresh profile with {@link FirefoxPrefs},
 * one Firefox process per peer, ended by PID.
 */
public final class LocalFirefox implements LocalBrowser {
    /** The driver value that forces WebDriver BiDi even where a geckodriver is on PATH. */
    public static final String BIDI = "bidi";
    /** WebDriver BiDi in Firefox is complete enough for the harness from ESR 115 on. */
    static final int OLDEST_SUPPORTED_MAJOR = 115;
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final BrowserConfig config;
    private final Path workDir;
    private final Path logDir;

    /**
     * @param workDir where each peer's fresh profile is made (and deleted when the peer closes)
     * @param logDir  where Firefox's output (or geckodriver's log) is kept, e.g. the run's {@code logs/}
     */
    public LocalFirefox(BrowserConfig config, Path workDir, Path logDir) {
        this.config = config;
        this.workDir = workDir;
        this.logDir = logDir;
    }

    /**
     * The geckodriver to use, or null for WebDriver BiDi: {@code driver: bidi} forces BiDi, a
     * configured path is used as it is, otherwise the first {@code geckodriver} on {@code PATH}.
     */
    static String geckodriver(String configured, String pathEnv) {
        if (BIDI.equals(configured)) {
            return null;
        }
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (pathEnv == null) {
            return null;
        }
        for (String dir : pathEnv.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "geckodriver");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }

    /** How Firefox peers will be driven here: {@code geckodriver <path>} or {@code WebDriver BiDi}. */
    @Override
    public java.util.List<String> versionLines() {
        Path pulse = PulseAudio.executable();
        return java.util.List.of("firefox (" + config.binary() + "): " + LocalChromium.commandVersion(config.binary())
                + ", driven over " + driverDescription() + ", sound: " + (pulse != null ? "a PulseAudio server of its own (" + pulse + ")"
                        : "the mock device (no audio markers; install " + PulseAudio.PACKAGE + " for a real-time one)"));
    }

    public String driverDescription() {
        String gecko = geckodriver(config.driver(), System.getenv("PATH"));
        return gecko == null ? "WebDriver BiDi (no geckodriver)" : "geckodriver " + gecko;
    }

    @Override
    public void check() {
        LocalChromium.checkExecutable(config.binary(), "Firefox", "browsers.firefox.binary or --firefox-binary", "firefox-esr");
        String gecko = geckodriver(config.driver(), System.getenv("PATH"));
        if (gecko != null) {
            LocalChromium.checkExecutable(gecko, "geckodriver", "browsers.firefox.driver or --firefox-driver (or 'bidi')", "geckodriver (not in Debian: use driver: bidi)");
        }
    }

    @Override
    public BrowserPeer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio) {
        check();
        Path profile;
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logDir);
            profile = Files.createTempDirectory(workDir, "firefox-" + peerName + "-");
        } catch (IOException e) {
            throw new BadInputException("cannot create a Firefox profile under " + workDir + ": " + e.getMessage());
        }
        String gecko = geckodriver(config.driver(), System.getenv("PATH"));
        return gecko == null ? launchBiDi(peerName, harness, profile) : launchGeckodriver(peerName, harness, profile, gecko);
    }

    /**
     * Starts the peer's own sound server when PulseAudio is installed (see {@link PulseAudio}), or
     * returns null: then Firefox keeps the mock audio device, and its page makes and reads no audio
     * markers.
     */
    private PulseAudio soundServer(String peerName, Path profile) {
        Path pulse = PulseAudio.executable();
        if (pulse == null) {
            return null;
        }
        Path log = logDir.resolve("pulseaudio-" + peerName + ".log");
        try {
            return PulseAudio.start(pulse, profile, log);
        } catch (IOException e) {
            new OwnedProcesses(null, profile).close();
            throw new PeerFailure(peerName + ": Firefox's sound server (" + pulse + ") did not start: " + e.getMessage()
                    + " (see " + log + "; or remove the " + PulseAudio.PACKAGE + " package to run Firefox on its mock audio device)");
        }
    }

    /**
     * Ends the processes carrying the profile's mark (Firefox, its driver, and its sound server, which carries the
     * same mark), then deletes the sound server's directory, if it had one.
     */
    private static void end(OwnedProcesses owned, PulseAudio sound) {
        owned.close();
        if (sound != null) {
            sound.delete();
        }
    }

    private BrowserPeer launchBiDi(String peerName, URI harness, Path profile) {
        Process firefox = null;
        BiDiSession session = null;
        PulseAudio sound = soundServer(peerName, profile);
        try {
            Files.writeString(profile.resolve("user.js"), FirefoxPrefs.userJs(sound == null ? FirefoxPrefs.DEFAULTS : FirefoxPrefs.WITH_SOUND_SERVER));
            List<String> cmd = new ArrayList<>(List.of(config.binary(), "--headless", "--no-remote",
                    "--remote-debugging-port", "0", "--profile", profile.toString()));
            cmd.addAll(config.args());
            cmd.add("about:blank");
            // Firefox ends with this JVM, even when it is killed or crashes
            ProcessBuilder pb = OwnedProcesses.mark(new ProcessBuilder(OwnedProcesses.endingWithThisJvm(cmd)), profile).redirectErrorStream(true);
            pb.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
            if (sound != null) {
                pb.environment().put("PULSE_SERVER", sound.server());
            }
            firefox = OwnedProcesses.startHeld(pb);
            String ws = listeningUrl(firefox, logDir.resolve("firefox-" + peerName + ".log"));
            BiDiHarness opened = openHarness(peerName, ws, firefox.onExit(), harness);
            session = opened.session();
            BiDiPageScript page = opened.page();
            PeerInfo info = new PeerInfo("firefox", opened.version(), "webdriver-bidi", null);
            BiDiSession s = session;
            OwnedProcesses owned = new OwnedProcesses(firefox.toHandle(), profile);
            return new BrowserPeer(peerName, PeerKind.FIREFOX, page, info, () -> {
                try {
                    s.endSession(Duration.ofSeconds(5));
                } catch (RuntimeException ignored) {
                    // Firefox may be gone already; it is ended by PID below
                }
                s.close();
                end(owned, sound);
            }, sound != null);
        } catch (IOException | BiDiException | PeerFailure | BadInputException | WebDriverException e) {
            if (session != null) {
                session.close();
            }
            end(new OwnedProcesses(firefox == null ? null : firefox.toHandle(), profile), sound);
            if (e instanceof BadInputException b) {
                throw b;
            }
            if (e instanceof PeerFailure f) {
                throw f;
            }
            throw new PeerFailure(peerName + ": Firefox did not start: " + PeerFailure.firstLine(e.getMessage()), e);
        }
    }

    /** A Firefox driven over WebDriver BiDi with the harness page open. */
    public record BiDiHarness(BiDiSession session, BiDiPageScript page, String version) {
    }

    /**
     * Connects to the WebDriver BiDi endpoint {@code ws} of a Firefox that is already running (on this
     * host or in a container), starts a session, checks its version and opens the harness page. On
     * failure the session is closed and the exception (a PeerFailure, a BiDiException, or a
     * BadInputException for a Firefox too old) says why.
     *
     * @param browserGone completes when that Firefox is gone, so a command waiting on it fails at once
     */
    public static BiDiHarness openHarness(String peerName, String ws, CompletableFuture<?> browserGone, URI harness) {
        BiDiSession session = BiDiSession.connect(URI.create(ws + "/session"), browserGone, COMMAND_TIMEOUT);
        try {
            Map<String, Object> created;
            try {
                created = session.newSession(Map.of());
            } catch (BiDiException e) {
                throw new PeerFailure(peerName + ": WebDriver BiDi handshake with Firefox at " + ws + " failed: " + e.getMessage(), e);
            }
            Map<?, ?> caps = (Map<?, ?>) created.get("capabilities");
            String version = caps == null ? null : String.valueOf(caps.get("browserVersion"));
            requireSupported(version);
            String context = session.topLevelContext();
            session.navigate(context, harness.toString(), COMMAND_TIMEOUT);
            BiDiPageScript page = new BiDiPageScript(session, context);
            Object loaded = session.callFunction(context, "() => !!window.rtcbench", COMMAND_TIMEOUT);
            if (!Boolean.TRUE.equals(loaded)) {
                throw new PeerFailure(peerName + ": the harness page at " + harness + " did not load its API in Firefox");
            }
            return new BiDiHarness(session, page, version);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Reads Firefox's output into its log file until it says where WebDriver BiDi listens. */
    private String listeningUrl(Process firefox, Path log) throws IOException {
        CompletableFuture<String> url = new CompletableFuture<>();
        Deque<String> lastLines = new ArrayDeque<>();
        OutputStream out = Files.newOutputStream(log);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(firefox.getInputStream(), StandardCharsets.UTF_8));
                 out) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    } else if (!url.isDone()) {
                        synchronized (lastLines) {
                            lastLines.addLast(line);
                            if (lastLines.size() > 3) {
                                lastLines.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException ignored) {
                // Firefox ended
            }
            url.completeExceptionally(new IOException("exited"));
        }, "firefox-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new PeerFailure("Firefox at " + config.binary() + " did not open WebDriver BiDi within "
                    + START_TIMEOUT.toSeconds() + " s (see " + log + ")");
        } catch (java.util.concurrent.ExecutionException e) {
            String said;
            synchronized (lastLines) {
                said = String.join(" | ", lastLines);
            }
            throw new BadInputException("Firefox at " + config.binary() + " exited before WebDriver BiDi listened"
                    + (said.isEmpty() ? "" : ": " + said) + " (is it Firefox " + OLDEST_SUPPORTED_MAJOR + " or newer? set browsers.firefox.binary)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure("interrupted while Firefox started");
        }
    }

    /** Refuses a Firefox too old for the harness over BiDi: a clear error, never a silent pass. */
    static void requireSupported(String version) {
        int major;
        try {
            major = Integer.parseInt(String.valueOf(version).split("\\.")[0]);
        } catch (NumberFormatException e) {
            throw new BadInputException("Firefox reported no usable version ('" + version + "'); rtcbench needs Firefox "
                    + OLDEST_SUPPORTED_MAJOR + " or newer");
        }
        if (major < OLDEST_SUPPORTED_MAJOR) {
            throw new BadInputException("Firefox " + version + " is too old for rtcbench's WebDriver BiDi harness; install Firefox "
                    + OLDEST_SUPPORTED_MAJOR + " or newer (Debian: firefox-esr)");
        }
    }

    private BrowserPeer launchGeckodriver(String peerName, URI harness, Path profile, String gecko) {
        PulseAudio sound = soundServer(peerName, profile);
        FirefoxOptions options = FirefoxPrefs.options(config.args(), sound == null ? FirefoxPrefs.DEFAULTS : FirefoxPrefs.WITH_SOUND_SERVER)
                .setBinary(config.binary());
        GeckoDriverService service = new GeckoDriverService.Builder()
                .usingDriverExecutable(new File(gecko))
                .withEnvironment(sound == null ? Map.of(OwnedProcesses.OWNER, profile.toString())
                        : Map.of(OwnedProcesses.OWNER, profile.toString(), "PULSE_SERVER", sound.server()))
                .withLogFile(logDir.resolve("geckodriver-" + peerName + ".log").toFile())
                .build();
        FirefoxDriver driver = null;
        try {
            driver = new FirefoxDriver(service, options);
            driver.manage().timeouts().scriptTimeout(COMMAND_TIMEOUT);
            driver.get(harness.toString());
            if (!Boolean.TRUE.equals(driver.executeScript("return !!window.rtcbench;"))) {
                throw new PeerFailure(peerName + ": the harness page at " + harness + " did not load its API in Firefox");
            }
            Capabilities caps = driver.getCapabilities();
            requireSupported(caps.getBrowserVersion());
            Object geckoVersion = caps.getCapability("moz:geckodriverVersion");
            PeerInfo info = new PeerInfo("firefox", caps.getBrowserVersion(), "geckodriver",
                    geckoVersion == null ? null : String.valueOf(geckoVersion));
            FirefoxDriver d = driver;
            OwnedProcesses owned = new OwnedProcesses(null, profile);
            return new BrowserPeer(peerName, PeerKind.FIREFOX, new WebDriverPageScript(driver), info, () -> {
                try {
                    d.quit();
                } catch (RuntimeException ignored) {
                    // ended by PID below
                }
                service.stop();
                end(owned, sound);
            }, sound != null);
        } catch (WebDriverException | PeerFailure | BadInputException e) {
            if (driver != null) {
                try {
                    driver.quit();
                } catch (RuntimeException ignored) {
                    // ended by PID below
                }
            }
            service.stop();
            end(new OwnedProcesses(null, profile), sound);
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw e instanceof PeerFailure f ? f
                    : new PeerFailure(peerName + ": Firefox (geckodriver " + gecko + ") did not start: " + PeerFailure.firstLine(e.getMessage()), e);
        }
    }
}
