package org.rtcbench.browser.container;

import java.util.List;
import org.rtcbench.browser.PageScript;
import org.rtcbench.core.peer.LaunchContext;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerLauncher;

/**
 * What container peers of one kind share: which image (the peer's own, else rtcbench's for the
 * kind), the checks (Docker reachable, the image here and suited), and what {@code --version} says.
 */
abstract class ContainerBrowser implements PeerLauncher {
    protected final PeerKind kind;
    protected final LaunchContext context;
    protected final String imageName;

    ContainerBrowser(PeerKind kind, LaunchContext context) {
        this.kind = kind;
        this.context = context;
        this.imageName = context.image() != null ? context.image() : BrowserImage.defaultName(kind);
    }

    /** The image, found on this Docker host and suited to the kind. */
    protected BrowserImage image() {
        return BrowserImage.find(DockerAccess.client(), imageName, kind);
    }

    @Override
    public void check() {
        image();
    }

    @Override
    public List<String> versionLines() {
        String why = problem();
        if (why != null) {
            return List.of(kind.id() + "@container (" + imageName + "): not usable: " + why);
        }
        BrowserImage image = image();
        String browser = image.label(BrowserImage.BROWSER, "a browser") + " " + image.label(BrowserImage.BROWSER_VERSION, "(version read at launch)");
        String driver = image.label(BrowserImage.DRIVER, null);
        return List.of(kind.id() + "@container (" + imageName + ", " + image.shortId() + "): " + browser
                + (driver == null ? "" : ", " + driver + " " + image.label(BrowserImage.DRIVER_VERSION, "")).stripTrailing());
    }

    /** A page script that, when its browser stops answering because its container is gone, says so. */
    static PageScript watched(PageScript page, BrowserContainer container) {
        return (method, args) -> {
            try {
                return page.call(method, args);
            } catch (RuntimeException e) {
                String gone = container.goneReason();
                if (gone.isEmpty()) {
                    throw e;
                }
                throw new IllegalStateException(String.valueOf(e.getMessage()).lines().findFirst().orElse("no answer") + gone, e);
            }
        };
    }
}
