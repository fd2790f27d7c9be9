package org.rtcbench.browser.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.http.ClientConfig;
import org.rtcbench.browser.BrowserPeer;
import org.rtcbench.browser.WebDriverPageScript;
import org.rtcbench.browser.local.FirefoxPrefs;
import org.rtcbench.browser.local.LocalChromium;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.LaunchContext;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerLauncher;

/**
 * {@code chrome@grid} and {@code firefox@grid}: a browser on a Selenium Grid 4, through
 * RemoteWebDriver, with the same flags (Chromium) or preferences (Firefox, through the node's
 * geckodriver) as a local one. The node may be another machine, so no media files are sent: its
 * browser plays its own fake camera and microphone. Before any session is asked for, the Grid's
 * {@code /status} must answer within seconds and list a node for the kind; a Grid would otherwise
 * queue the request for minutes.
 */
public final class GridBrowser implements PeerLauncher {
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);
    /** How long a new session may take on the Grid (a free node starts a browser in seconds). */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerKind kind;
    private final LaunchContext context;

    public GridBrowser(PeerKind kind, LaunchContext context) {
        this.kind = kind;
        this.context = context;
    }

    private String url() {
        String url = context.gridUrl();
        if (url == null || url.isBlank()) {
            throw new BadInputException(kind.id() + "@grid peers need a Selenium Grid: pass --grid-url URL (e.g. http://127.0.0.1:4444), "
                    + "or put url: on the peer");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The browserName a Grid node offers for this kind. */
    private String browserName() {
        return kind == PeerKind.FIREFOX ? "firefox" : "chrome";
    }

    /** The Grid answers {@code /status} as ready and has a node whose slots offer this kind. */
    @Override
    public void check() {
        String url = url();
        JsonNode value = status(url).path("value");
        if (!value.path("ready").asBoolean(false)) {
            throw new BadInputException("the Selenium Grid at " + url + " is not ready: " + value.path("message").asText("no message")
                    + " (start a node, or check --grid-url)");
        }
        Set<String> offered = new TreeSet<>();
        for (JsonNode node : value.path("nodes")) {
            for (JsonNode slot : node.path("slots")) {
                offered.add(slot.path("stereotype").path("browserName").asText(""));
            }
        }
        offered.remove("");
        if (!offered.contains(browserName())) {
            throw new BadInputException("the Selenium Grid at " + url + " has no node for " + browserName() + " (its nodes offer: "
                    + (offered.isEmpty() ? "nothing" : String.join(", ", offered)) + "): add one, or run " + kind.id() + " elsewhere");
        }
    }

    private JsonNode status(String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(STATUS_TIMEOUT).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/status")).timeout(STATUS_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new BadInputException("the Selenium Grid at " + url + " answered /status with HTTP " + r.statusCode()
                        + ": is --grid-url a Selenium Grid 4?");
            }
            return JSON.readTree(r.body());
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("the Selenium Grid at " + url + " does not answer (" + PeerFailure.firstLine(String.valueOf(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())) + "): start it, or check --grid-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while asking the Selenium Grid at " + url + " for its status");
        }
    }

    @Override
    public List<String> versionLines() {
        String url = context.gridUrl();
        return List.of(kind.id() + "@grid: " + (url == null ? "no Grid named (--grid-url)" : "on the Selenium Grid at " + url));
    }

    @Override
    public BrowserPeer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio) {
        String url = url();
        Capabilities options = kind == PeerKind.FIREFOX ? FirefoxPrefs.options(context.browsers().firefox().args()) : LocalChromium.options(null, null, null, null,
                context.browsers().chrome().args());
        RemoteWebDriver driver = null;
        try {
            ClientConfig config = ClientConfig.defaultConfig().baseUrl(new URL(url)).readTimeout(SESSION_TIMEOUT);
            driver = (RemoteWebDriver) RemoteWebDriver.builder().oneOf(options).config(config).build();
            LocalChromium.openHarness(peerName, driver, harness);
            Capabilities caps = driver.getCapabilities();
            PeerInfo info = kind == PeerKind.FIREFOX
                    ? new PeerInfo("firefox", caps.getBrowserVersion(), "geckodriver", String.valueOf(caps.getCapability("moz:geckodriverVersion")))
                    : LocalChromium.info(caps);
            RemoteWebDriver d = driver;
            return new BrowserPeer(peerName, kind, new WebDriverPageScript(driver), info.onGrid(url), () -> LocalChromium.quit(d),
                    BrowserPeer.webAudioInRealTime(kind), false); // a node's clock is its own: measured before media starts
        } catch (MalformedURLException e) {
            throw new BadInputException("--grid-url " + url + " is not a URL: " + e.getMessage());
        } catch (WebDriverException | PeerFailure e) {
            if (driver != null) {
                LocalChromium.quit(driver);
            }
            throw e instanceof PeerFailure f ? f : new PeerFailure(peerName + ": the Selenium Grid at " + url + " gave no " + browserName()
                    + " session: " + PeerFailure.firstLine(String.valueOf(e.getMessage())), e);
        }
    }

}
