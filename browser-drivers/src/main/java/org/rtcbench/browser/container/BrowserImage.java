package org.rtcbench.browser.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Map;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerKind;

/**
 * A browser image on this Docker host. rtcbench's own images ({@code rtcbench images build}) say
 * in labels what they hold; any other image is accepted when its PATH has what the kind needs
 * ({@code chromedriver} and a Chromium or Chrome it finds; {@code firefox-esr} or {@code firefox})
 * and it has {@code /bin/sh}: rtcbench replaces its entrypoint either way, and reads the versions
 * from the running browser.
 *
 * @param name    as the user named it (or the default)
 * @param id      the image id, {@code sha256:...}
 * @param labels  its labels (empty when it has none)
 */
public record BrowserImage(String name, String id, Map<String, String> labels) {
    /** What the image holds: {@code chromium} or {@code firefox}. */
    public static final String BROWSER = "org.rtcbench.browser";
    public static final String BROWSER_VERSION = "org.rtcbench.browser.version";
    public static final String BROWSER_BINARY = "org.rtcbench.browser.binary";
    public static final String DRIVER = "org.rtcbench.driver";
    public static final String DRIVER_VERSION = "org.rtcbench.driver.version";
    public static final String DRIVER_BINARY = "org.rtcbench.driver.binary";

    /** The image a container peer of {@code kind} runs when its scenario names none. */
    public static String defaultName(PeerKind kind) {
        return "rtcbench/" + browserOf(kind) + ":latest";
    }

    /** The browser an image for {@code kind} holds, as the {@value #BROWSER} label writes it. */
    static String browserOf(PeerKind kind) {
        return switch (kind) {
            case CHROME -> "chromium";
            case FIREFOX -> "firefox";
            default -> throw new BadInputException(kind.id() + " peers do not run in containers: only chrome and firefox do");
        };
    }

    /**
     * The image {@code name} on this Docker host, checked to suit {@code kind}.
     *
     * @throws BadInputException when it is not there, or its labels say it holds another browser
     */
    public static BrowserImage find(DockerClient docker, String name, PeerKind kind) {
        InspectImageResponse inspected;
        try {
            inspected = docker.inspectImageCmd(name).exec();
        } catch (NotFoundException e) {
            throw new BadInputException("image " + name + " is not on this Docker host: build rtcbench's images with './rtcbench images build'"
                    + " (no registry is needed), or load or pull " + name + " yourself");
        }
        Map<String, String> labels = inspected.getConfig() == null || inspected.getConfig().getLabels() == null
                ? Map.of() : Map.copyOf(inspected.getConfig().getLabels());
        BrowserImage image = new BrowserImage(name, inspected.getId(), labels);
        String holds = image.label(BROWSER, null);
        if (holds != null && !holds.equals(browserOf(kind))) {
            throw new BadInputException("image " + name + " holds " + holds + ", not " + browserOf(kind) + ": name a "
                    + browserOf(kind) + " image for " + kind.id() + " peers (e.g. " + defaultName(kind) + ")");
        }
        return image;
    }

    /** Whether rtcbench built it (its labels say what it holds). */
    public boolean rtcbenchImage() {
        return label(BROWSER, null) != null;
    }

    /** A label, or {@code fallback} when the image has none. */
    public String label(String key, String fallback) {
        String v = labels.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The first 12 hex digits of the id, as {@code docker images} shows it. */
    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
