package org.rtcbench.browser.local;

import org.rtcbench.core.process.ChromiumTmp;
import org.rtcbench.core.process.OwnedProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.rtcbench.browser.BrowserPeer;
import org.rtcbench.browser.WebDriverPageScript;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.BrowserConfig;

/**
 * Launches Chromium on this host: our own chromedriver process (so we know its PID) and a
 * Chromium with a fresh profile, fake camera and microphone, and loopback ICE candidates.
 * Selenium Manager is used only when the driver is configured as {@code selenium-manager}.
 */
public final class LocalChromium implements LocalBrowser {
    private static final Pattern STARTED_ON_PORT = Pattern.compile("started successfully on port (\\d+)");
    private static final Duration DRIVER_START_TIMEOUT = Duration.ofSeconds(15);

    /** The flags every Chromium peer gets; see FIELD-NOTES for why each one is there. */
    public static final List<String> FLAGS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--disable-quic",
            "--mute-audio", "--autoplay-policy=no-user-gesture-required",
            // No mDNS host names, and loopback candidates, so calls stay on 127.0.0.1.
            "--disable-features=WebRtcHideLocalIpsWithMdns", "--allow-loopback-in-peer-connection",
            // No DNS at all: the harness is on 127.0.0.1, and a lookup of some Google host would
            // wait 5 s for this network's resolver (seen as a 5 s page load now and then). Test networks
            // (10.213.x.y, where a local TURN server listens) stay reachable: TURN over TCP resolves even IP literals.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE 10.213.*",
            // A hidden headless tab must keep its timers and encoders at full speed.
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows");

    private final BrowserConfig config;
    private final Path workDir;
    private final Path logDir;

    /**
     * @param workDir where each peer's fresh profile is made (and deleted when the peer closes)
     * @param logDir  where chromedriver logs are kept, e.g. the run directory's {@code logs/}
     */
    public LocalChromium(BrowserConfig config, Path workDir, Path logDir) {
        this.config = config;
        this.workDir = workDir;
        this.logDir = logDir;
    }

    /** Fails with one clear line when Chromium or chromedriver is not where the config says. */
    @Override
    public void check() {
        checkExecutable(config.binary(), "Chromium", "browsers.chrome.binary or --chrome-binary", "chromium");
        if (!BrowserConfig.SELENIUM_MANAGER.equals(config.driver())) {
            checkExecutable(config.driver(), "chromedriver", "browsers.chrome.driver or --chrome-driver", "chromium-driver");
        }
    }

    static void checkExecutable(String path, String what, String setting, String debianPackage) {
        if (path == null || path.isBlank()) {
            throw new BadInputException(what + " path is not set: set " + setting);
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException(what + " not found at " + path + ": install Debian's " + debianPackage
                    + " package (sudo ci/setup installs it), or point " + setting + " at it");
        }
        if (!Files.isExecutable(p)) {
            throw new BadInputException(what + " at " + path + " is not executable: fix its permissions or point " + setting + " elsewhere");
        }
    }

    /**
     * Starts one Chromium peer with the harness page open.
     *
     * @param fakeVideo a Y4M file for the fake camera, or null for Chromium's built-in pattern
     * @param fakeAudio a WAV file for the fake microphone, or null for Chromium's built-in beep
     */
    @Override
    public BrowserPeer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio) {
        check();
        Path profile;
        Path tmp;
        try {
            Files.createDirectories(workDir);
            profile = Files.createTempDirectory(workDir, "chrome-" + peerName + "-");
            tmp = ChromiumTmp.create(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new BadInputException("cannot create a browser profile under " + workDir + ": " + e.getMessage());
        }
        ChromeOptions options = options(config.binary(), profile.toString(), fakeVideo == null ? null : fakeVideo.toString(),
                fakeAudio == null ? null : fakeAudio.toString(), config.args());

        Process driverProcess = null;
        ChromeDriverService managed = null;
        RemoteWebDriver driver = null;
        OwnedProcesses owned = null;
        try {
            if (BrowserConfig.SELENIUM_MANAGER.equals(config.driver())) {
                managed = new ChromeDriverService.Builder().withEnvironment(Map.of("TMPDIR", tmp.toString())).build();
                owned = new OwnedProcesses(null, profile);
                driver = new ChromeDriver(managed, options);
            } else {
                driverProcess = startDriver(peerName, profile, tmp);
                owned = new OwnedProcesses(driverProcess.toHandle(), profile);
                URL url = URI.create("http://127.0.0.1:" + driverPort(driverProcess) + "/").toURL();
                driver = new RemoteWebDriver(url, options, false);
            }
            openHarness(peerName, driver, harness);
            PeerInfo info = info(driver.getCapabilities());
            RemoteWebDriver d = driver;
            ChromeDriverService m = managed;
            OwnedProcesses o = owned;
            return new BrowserPeer(peerName, PeerKind.CHROME, new WebDriverPageScript(driver), info, () -> end(d, m, o, tmp));
        } catch (SessionNotCreatedException e) {
            end(driver, managed, owned != null ? owned : new OwnedProcesses(null, profile), tmp);
            throw new BadInputException("Chromium at " + config.binary() + " did not start for peer " + peerName + ": "
                    + PeerFailure.firstLine(e.getMessage()) + " (check browsers.chrome.binary; run with --verbose for details)", e);
        } catch (IOException | WebDriverException | PeerFailure | BadInputException e) {
            end(driver, managed, owned != null ? owned : new OwnedProcesses(driverProcess == null ? null : driverProcess.toHandle(), profile), tmp);
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new PeerFailure(peerName + ": Chromium did not start: " + PeerFailure.firstLine(e.getMessage()), e);
        }
    }

    /** Opens the harness page in a Chromium driven by {@code driver} (local, in a container or on a Grid) and checks its API loaded. */
    public static void openHarness(String peerName, RemoteWebDriver driver, URI harness) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.get(harness.toString());
        Object ready = driver.executeScript("return !!window.rtcbench;");
        if (!Boolean.TRUE.equals(ready)) {
            throw new PeerFailure(peerName + ": the harness page at " + harness + " did not load its API");
        }
    }

    /** The Chromium options every Chromium peer gets: {@link #FLAGS}, a profile, the fake media files, then the user's own arguments. */
    public static ChromeOptions options(String binary, String profile, String fakeVideo, String fakeAudio, List<String> extraArgs) {
        ChromeOptions options = new ChromeOptions();
        if (binary != null) {
            options.setBinary(binary);
        }
        List<String> args = new ArrayList<>(FLAGS);
        if (profile != null) {
            args.add("--user-data-dir=" + profile);
        }
        if (fakeVideo != null) {
            args.add("--use-file-for-fake-video-capture=" + fakeVideo);
        }
        if (fakeAudio != null) {
            args.add("--use-file-for-fake-audio-capture=" + fakeAudio);
        }
        args.addAll(extraArgs);
        options.addArguments(args);
        return options;
    }

    /** Ends a WebDriver session within 5 s: quit() can hang on a dead browser. */
    public static void quit(RemoteWebDriver driver) {
        Thread quit = new Thread(() -> {
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // the caller ends what is left
            }
        }, "webdriver-quit");
        quit.setDaemon(true);
        quit.start();
        try {
            quit.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process startDriver(String peerName, Path profile, Path tmp) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve("chromedriver-" + peerName + ".log");
        // chromedriver and the Chromium it starts end with this JVM, even when it is killed or crashes
        ProcessBuilder pb = new ProcessBuilder(OwnedProcesses.endingWithThisJvm(List.of(config.driver(), "--port=0", "--log-path=" + log)))
                .redirectErrorStream(true);
        pb.environment().put("TMPDIR", tmp.toString()); // the Chromium it starts inherits it
        return OwnedProcesses.startHeld(OwnedProcesses.mark(pb, profile));
    }

    /**
     * Reads the port chromedriver chose from its output. One dedicated thread reads, then keeps
     * draining so the driver never blocks on a full pipe (the common pool is too small to wait on).
     */
    private static int driverPort(Process p) throws IOException {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = STARTED_ON_PORT.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (!port.isDone()) {
                        seen.append(line).append(' ');
                    }
                }
            } catch (IOException ignored) {
                // the driver ended
            }
            port.completeExceptionally(new IOException("chromedriver exited: " + seen.toString().trim()));
        }, "chromedriver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(DRIVER_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("chromedriver did not report its port within " + DRIVER_START_TIMEOUT.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while chromedriver started");
        }
    }

    private static void end(RemoteWebDriver driver, ChromeDriverService managed, OwnedProcesses owned, Path tmp) {
        if (driver != null) {
            quit(driver); // then what is left is ended by PID
        }
        if (managed != null) {
            managed.stop();
        }
        if (owned != null) {
            owned.close();
        }
        OwnedProcesses.deleteTree(tmp);
    }

    /** The browser and chromedriver versions a Chromium session reports. */
    public static PeerInfo info(Capabilities caps) {
        String driverVersion = null;
        Object chrome = caps.getCapability("chrome");
        if (chrome instanceof Map<?, ?> m && m.get("chromedriverVersion") != null) {
            driverVersion = String.valueOf(m.get("chromedriverVersion")).split(" ")[0];
        }
        return new PeerInfo("chromium", caps.getBrowserVersion(), "chromedriver", driverVersion);
    }

    /** {@code chromium --version} and {@code chromedriver --version} as printed, or why not. */
    @Override
    public boolean playsMediaFiles() {
        return true;
    }

    @Override
    public java.util.List<String> versionLines() {
        Map<String, String> v = versions();
        return java.util.List.of("chromium (" + config.binary() + "): " + v.get("chromium"),
                "chromedriver (" + config.driver() + "): " + v.get("chromedriver"));
    }

    public Map<String, String> versions() {
        return Map.of("chromium", commandVersion(config.binary()),
                "chromedriver", BrowserConfig.SELENIUM_MANAGER.equals(config.driver())
                        ? "via Selenium Manager" : commandVersion(config.driver()));
    }

    /** What {@code PATH --version} prints (first line), or why it could not be run. */
    public static String commandVersion(String path) {
        if (path == null || !Files.isExecutable(Path.of(path))) {
            return "not found at " + path;
        }
        try {
            Process p = new ProcessBuilder(path, "--version").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out.isEmpty() ? "unknown" : PeerFailure.firstLine(out);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
