package org.rtcbench.core.scenario;

/** The {@code browsers:} section: local paths and extra arguments per browser kind. */
public record Browsers(BrowserConfig chrome, BrowserConfig firefox) {
    /** Debian's paths, which {@code ci/setup} installs. */
    public static final BrowserConfig CHROME_DEFAULTS = new BrowserConfig("/usr/bin/chromium", "/usr/bin/chromedriver", null);
    public static final BrowserConfig FIREFOX_DEFAULTS = new BrowserConfig("/usr/bin/firefox-esr", null, null);

    public Browsers {
        chrome = CHROME_DEFAULTS.overriddenBy(chrome);
        firefox = FIREFOX_DEFAULTS.overriddenBy(firefox);
    }

    public static Browsers defaults() {
        return new Browsers(null, null);
    }

    /** These settings with the non-null fields of {@code other} on top (command-line flags over the file). */
    public Browsers overriddenBy(BrowserConfig chromeOverride, BrowserConfig firefoxOverride) {
        return new Browsers(chrome.overriddenBy(chromeOverride), firefox.overriddenBy(firefoxOverride));
    }
}
