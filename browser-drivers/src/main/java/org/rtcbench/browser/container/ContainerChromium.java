package org.rtcbench.browser.container;

import java.net.URI;
import java.net.URL;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.rtcbench.browser.BrowserPeer;
import org.rtcbench.browser.WebDriverPageScript;
import org.rtcbench.browser.local.LocalChromium;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.LaunchContext;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerKind;

/**
 * {@code chrome@container}: chromedriver and Chromium in a container of the peer's image, driven
 * from this JVM over WebDriver on the host's loopback, with the same flags and fake media files as
 * a local Chromium (the files' directory is mounted read-only at the same path).
 */
public final class ContainerChromium extends ContainerBrowser {
    private static final Pattern STARTED_ON_PORT = Pattern.compile("started successfully on port (\\d+)");
    /** The profile inside the container: the container is new, so is the profile. */
    private static final String PROFILE = "/tmp/rtcbench-profile";

    public ContainerChromium(LaunchContext context) {
        super(PeerKind.CHROME, context);
    }

    @Override
    public boolean playsMediaFiles() {
        return true;
    }

    @Override
    public BrowserPeer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio) {
        BrowserImage image = image();
        List<Path> mounts = new ArrayList<>();
        for (Path f : new Path[] {fakeVideo, fakeAudio}) {
            if (f != null && !mounts.contains(f.toAbsolutePath().getParent())) {
                mounts.add(f.toAbsolutePath().getParent());
            }
        }
        String driverBinary = image.label(BrowserImage.DRIVER_BINARY, "chromedriver");
        BrowserContainer container = BrowserContainer.start(peerName, image, List.of(driverBinary, "--port=0"), STARTED_ON_PORT,
                mounts, Map.of(), Map.of(), context.logs());
        RemoteWebDriver driver = null;
        try {
            // an image without labels: chromedriver finds its Chromium or Chrome where they are installed
            ChromeOptions options = LocalChromium.options(image.label(BrowserImage.BROWSER_BINARY, null), PROFILE,
                    fakeVideo == null ? null : fakeVideo.toAbsolutePath().toString(),
                    fakeAudio == null ? null : fakeAudio.toAbsolutePath().toString(), context.browsers().chrome().args());
            driver = new RemoteWebDriver(driverUrl(container.readyMatch()), options, false);
            LocalChromium.openHarness(peerName, driver, harness);
            PeerInfo info = LocalChromium.info(driver.getCapabilities()).inImage(image.name(), image.id());
            RemoteWebDriver d = driver;
            return new BrowserPeer(peerName, PeerKind.CHROME, watched(new WebDriverPageScript(driver), container), info, () -> {
                LocalChromium.quit(d);
                container.close();
            });
        } catch (SessionNotCreatedException e) {
            end(driver, container);
            throw new BadInputException("image " + image.name() + " has no Chromium that its chromedriver can start, for peer " + peerName
                    + ": " + PeerFailure.firstLine(e.getMessage()) + " (a chrome image needs Chromium or Chrome where chromedriver looks,"
                    + " or the " + BrowserImage.BROWSER_BINARY + " label; see the README, 'Container images')", e);
        } catch (WebDriverException | PeerFailure e) {
            end(driver, container);
            throw e instanceof PeerFailure f ? f
                    : new PeerFailure(peerName + ": Chromium in image " + image.name() + " did not start: "
                    + PeerFailure.firstLine(e.getMessage()) + container.goneReason(), e);
        } catch (RuntimeException e) {
            end(driver, container);
            throw e;
        }
    }

    private static URL driverUrl(String port) {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void end(RemoteWebDriver driver, BrowserContainer container) {
        if (driver != null) {
            LocalChromium.quit(driver);
        }
        container.close();
    }
}
