package org.rtcbench.core.peer;

/**
 * What a peer runs on: exact browser (or library) and driver names and versions, as read from
 * the running browser; null where there is none.
 *
 * @param image   the container image a container peer runs in (its name as given), else null
 * @param imageId that image's id ({@code sha256:...}), else null
 * @param grid    the Selenium Grid a grid peer runs on, else null
 */
public record PeerInfo(String browser, String browserVersion, String driver, String driverVersion,
                       String image, String imageId, String grid) {

    /** A peer on this host (a local browser, an in-process Java peer). */
    public PeerInfo(String browser, String browserVersion, String driver, String driverVersion) {
        this(browser, browserVersion, driver, driverVersion, null, null, null);
    }

    /** This peer, run in a container of {@code image} (id {@code imageId}). */
    public PeerInfo inImage(String image, String imageId) {
        return new PeerInfo(browser, browserVersion, driver, driverVersion, image, imageId, grid);
    }

    /** This peer, run on the Selenium Grid at {@code grid}. */
    public PeerInfo onGrid(String grid) {
        return new PeerInfo(browser, browserVersion, driver, driverVersion, image, imageId, grid);
    }
}
