package org.rtcbench.core.scenario;

import java.util.List;

/**
 * Where one browser kind lives on this host. {@code binary} and {@code driver} are paths;
 * {@code driver: selenium-manager} lets Selenium Manager find or fetch a driver instead.
 */
public record BrowserConfig(String binary, String driver, List<String> args) {
    /** The driver value that hands the lookup to Selenium Manager. */
    public static final String SELENIUM_MANAGER = "selenium-manager";

    public BrowserConfig {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** This config with the non-null fields of {@code other} on top. */
    public BrowserConfig overriddenBy(BrowserConfig other) {
        if (other == null) {
            return this;
        }
        List<String> mergedArgs = new java.util.ArrayList<>(args);
        mergedArgs.addAll(other.args);
        return new BrowserConfig(other.binary != null ? other.binary : binary,
                other.driver != null ? other.driver : driver, mergedArgs);
    }
}
