package org.rtcbench.browser.container;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rtcbench.browser.BrowserPeer;
import org.rtcbench.browser.bidi.BiDiSession;
import org.rtcbench.browser.local.FirefoxPrefs;
import org.rtcbench.browser.local.LocalFirefox;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.LaunchContext;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerKind;

/**
 * {@code firefox@container}: Firefox in a container of the peer's image, driven from this JVM over
 * WebDriver BiDi on the host's loopback (no geckodriver is needed), with the same preferences as a
 * local Firefox, put into the container's fresh profile before it starts.
 */
public final class ContainerFirefox extends ContainerBrowser {
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final String PROFILE = "/tmp/rtcbench-profile";
    /** An image without labels: the first Firefox on its PATH. */
    private static final String ANY_FIREFOX = "for b in firefox-esr firefox; do command -v $b >/dev/null && exec $b \"$@\"; done; "
            + "echo 'no firefox-esr or firefox on the PATH of this image' >&2; exit 127";

    public ContainerFirefox(LaunchContext context) {
        super(PeerKind.FIREFOX, context);
    }

    @Override
    public BrowserPeer launch(String peerName, URI harness, Path fakeVideo, Path fakeAudio) {
        BrowserImage image = image();
        List<String> command = new ArrayList<>();
        String binary = image.label(BrowserImage.BROWSER_BINARY, null);
        if (binary == null) {
            command.addAll(List.of("/bin/sh", "-c", ANY_FIREFOX, "firefox"));
        } else {
            command.add(binary);
        }
        command.addAll(List.of("--headless", "--no-remote", "--remote-debugging-port", "0", "--profile", PROFILE));
        command.addAll(context.browsers().firefox().args());
        command.add("about:blank");
        BrowserContainer container = BrowserContainer.start(peerName, image, command, LISTENING, List.of(),
                Map.of(PROFILE + "/user.js", FirefoxPrefs.userJs(FirefoxPrefs.DEFAULTS)),
                Map.of("MOZ_CRASHREPORTER_DISABLE", "1"), context.logs());
        try {
            LocalFirefox.BiDiHarness opened = LocalFirefox.openHarness(peerName, container.readyMatch(), container.ended(), harness);
            BiDiSession session = opened.session();
            PeerInfo info = new PeerInfo("firefox", opened.version(), "webdriver-bidi", null).inImage(image.name(), image.id());
            return new BrowserPeer(peerName, PeerKind.FIREFOX, watched(opened.page(), container), info, () -> {
                try {
                    session.endSession(Duration.ofSeconds(5));
                } catch (RuntimeException ignored) {
                    // Firefox may be gone already; its container is removed below
                }
                session.close();
                container.close();
            });
        } catch (BadInputException | PeerFailure e) {
            container.close();
            throw e;
        } catch (RuntimeException e) {
            container.close();
            throw new PeerFailure(peerName + ": Firefox in image " + image.name() + " did not start: "
                    + PeerFailure.firstLine(String.valueOf(e.getMessage())) + container.goneReason(), e);
        }
    }
}
