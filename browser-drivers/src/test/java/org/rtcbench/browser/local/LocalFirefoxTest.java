package org.rtcbench.browser.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.scenario.BrowserConfig;

/** How a Firefox peer is driven: geckodriver where there is one, WebDriver BiDi where there is none. */
class LocalFirefoxTest {
    @TempDir
    Path tmp;

    private Path fakeGeckodriver(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path gecko = dir.resolve("geckodriver");
        Files.writeString(gecko, "#!/bin/sh\n");
        Files.setPosixFilePermissions(gecko, PosixFilePermissions.fromString("rwxr-xr-x"));
        return gecko;
    }

    @Test
    void withoutGeckodriverAnywhereFirefoxIsDrivenOverBiDi() {
        assertThat(LocalFirefox.geckodriver(null, tmp + ":/nonexistent")).isNull();
        assertThat(LocalFirefox.geckodriver(null, null)).isNull();
    }

    @Test
    void aGeckodriverOnPathIsUsed() throws Exception {
        Path gecko = fakeGeckodriver(tmp.resolve("bin"));
        assertThat(LocalFirefox.geckodriver(null, "/nonexistent:" + tmp.resolve("bin"))).isEqualTo(gecko.toString());
    }

    @Test
    void aNonExecutableGeckodriverOnPathIsIgnored() throws Exception {
        Path gecko = fakeGeckodriver(tmp.resolve("bin"));
        Files.setPosixFilePermissions(gecko, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(LocalFirefox.geckodriver(null, tmp.resolve("bin").toString())).isNull();
    }

    @Test
    void aConfiguredGeckodriverWinsAndBidiForcesBidi() throws Exception {
        fakeGeckodriver(tmp.resolve("bin"));
        assertThat(LocalFirefox.geckodriver("/opt/geckodriver", tmp.resolve("bin").toString())).isEqualTo("/opt/geckodriver");
        assertThat(LocalFirefox.geckodriver(LocalFirefox.BIDI, tmp.resolve("bin").toString())).isNull();
    }

    @Test
    void aConfiguredGeckodriverThatIsMissingIsBadInput() throws Exception {
        Path firefox = fakeGeckodriver(tmp.resolve("ff")).resolveSibling("geckodriver");
        LocalFirefox ff = new LocalFirefox(new BrowserConfig(firefox.toString(), "/nonexistent/geckodriver", null), tmp, tmp);
        assertThatThrownBy(ff::check).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("geckodriver not found at /nonexistent/geckodriver");
    }

    @Test
    void aMissingFirefoxSaysWhichPathAndWhichPackage() {
        LocalFirefox ff = new LocalFirefox(new BrowserConfig("/nonexistent/firefox", LocalFirefox.BIDI, null), tmp, tmp);
        assertThatThrownBy(ff::check).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Firefox not found at /nonexistent/firefox").hasMessageContaining("firefox-esr");
    }

    @Test
    void firefoxOlderThanEsr115IsRefusedClearly() {
        LocalFirefox.requireSupported("153.7.0");
        LocalFirefox.requireSupported("115.0");
        assertThatThrownBy(() -> LocalFirefox.requireSupported("102.15.1")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Firefox 102.15.1 is too old").hasMessageContaining("115 or newer");
        assertThatThrownBy(() -> LocalFirefox.requireSupported(null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no usable version");
    }

    @Test
    void userJsHoldsTheLoopbackAndFakeMediaPrefs() {
        String js = FirefoxPrefs.userJs(FirefoxPrefs.DEFAULTS);
        assertThat(js).contains("user_pref(\"media.navigator.streams.fake\", true);")
                .contains("user_pref(\"media.peerconnection.ice.loopback\", true);")
                .contains("user_pref(\"permissions.default.camera\", 1);")
                .contains("user_pref(\"media.peerconnection.ice.obfuscate_host_addresses\", false);")
                .contains("user_pref(\"toolkit.telemetry.server\", \"\");");
    }
}
