package org.rtcbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtcbench.browser.local.LocalChromium;
import org.rtcbench.core.Version;
import org.rtcbench.core.scenario.Browsers;
import picocli.CommandLine;

/** {@code rtcbench --version}: rtcbench's version and the browsers and drivers found at the default paths. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("rtcbench " + Version.get());
        lines.add("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        Map<String, String> chrome = new LocalChromium(Browsers.CHROME_DEFAULTS, null, null).versions();
        lines.add("chromium (" + Browsers.CHROME_DEFAULTS.binary() + "): " + chrome.get("chromium"));
        lines.add("chromedriver (" + Browsers.CHROME_DEFAULTS.driver() + "): " + chrome.get("chromedriver"));
        lines.add("firefox (" + Browsers.FIREFOX_DEFAULTS.binary() + "): " + LocalChromium.commandVersion(Browsers.FIREFOX_DEFAULTS.binary())
                + ", driven over " + new org.rtcbench.browser.local.LocalFirefox(Browsers.FIREFOX_DEFAULTS, null, null).driverDescription());
        lines.add("java peers: libwebrtc via webrtc-java 0.14.0 (linux-x86_64)");
        return lines.toArray(String[]::new);
    }
}
