package org.rtcbench.browser.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Firefox preferences every Firefox peer gets, through user.js (BiDi) or FirefoxOptions
 * (geckodriver): fake media without prompts, loopback ICE candidates with real addresses, and no
 * telemetry, updates or other background network. Measured on Firefox ESR 153 (see FIELD-NOTES).
 */
public final class FirefoxPrefs {
    public static final Map<String, Object> DEFAULTS;
    private static final String MOCK_AUDIO = "media.cubeb.force_mock_context";
    /**
     * {@link #DEFAULTS} for a Firefox given a sound server of its own ({@link PulseAudio}): its audio
     * runs on that device's real-time clock instead of the mock one.
     */
    public static final Map<String, Object> WITH_SOUND_SERVER;

    static {
        Map<String, Object> p = new LinkedHashMap<>();
        // Fake media without prompts (FIELD-NOTES)
        p.put("media.navigator.streams.fake", true);
        p.put("media.navigator.permission.disabled", true);
        p.put("media.autoplay.default", 0);
        // Headless has no audio device: without a mock cubeb context AudioContext.resume() never resolves.
        // The mock's clock falls behind real time on a busy host: WITH_SOUND_SERVER replaces it.
        p.put(MOCK_AUDIO, true);
        // ICE: real IPs instead of mDNS names, and 127.0.0.1 candidates
        p.put("media.peerconnection.ice.obfuscate_host_addresses", false);
        p.put("media.peerconnection.ice.loopback", true);
        // Without capture permission (or a live, non-fake gUM capture) Firefox gathers only the
        // default-route address, so loopback never appears. A default "allow" fixes that for every page,
        // including receive-only ones.
        p.put("permissions.default.camera", 1);
        p.put("permissions.default.microphone", 1);
        // Telemetry, data reporting, updates, Normandy/Shield, other background network
        p.put("toolkit.telemetry.enabled", false);
        p.put("toolkit.telemetry.unified", false);
        p.put("toolkit.telemetry.archive.enabled", false);
        p.put("toolkit.telemetry.server", "");
        p.put("datareporting.healthreport.uploadEnabled", false);
        p.put("datareporting.policy.dataSubmissionEnabled", false);
        p.put("datareporting.policy.dataSubmissionPolicyBypassNotification", true);
        p.put("datareporting.usage.uploadEnabled", false);
        p.put("app.update.disabledForTesting", true);
        p.put("app.update.auto", false);
        p.put("app.normandy.enabled", false);
        p.put("app.normandy.api_url", "");
        p.put("app.shield.optoutstudies.enabled", false);
        p.put("browser.shell.checkDefaultBrowser", false);
        p.put("browser.startup.homepage_override.mstone", "ignore");
        p.put("browser.startup.page", 0);
        p.put("startup.homepage_welcome_url", "about:blank");
        p.put("browser.aboutwelcome.enabled", false);
        p.put("browser.safebrowsing.malware.enabled", false);
        p.put("browser.safebrowsing.phishing.enabled", false);
        p.put("browser.safebrowsing.downloads.enabled", false);
        p.put("browser.safebrowsing.blockedURIs.enabled", false);
        p.put("browser.safebrowsing.update.enabled", false);
        p.put("browser.newtabpage.enabled", false);
        p.put("browser.newtabpage.activity-stream.feeds.system.topstories", false);
        p.put("browser.newtabpage.activity-stream.feeds.snippets", false);
        p.put("browser.ping-centre.telemetry", false);
        p.put("browser.sessionstore.resume_from_crash", false);
        p.put("extensions.update.enabled", false);
        p.put("extensions.getAddons.cache.enabled", false);
        p.put("media.gmp-manager.updateEnabled", false);
        p.put("network.captive-portal-service.enabled", false);
        p.put("network.connectivity-service.enabled", false);
        p.put("network.dns.disablePrefetch", true);
        p.put("network.prefetch-next", false);
        p.put("services.settings.server", "");
        p.put("messaging-system.rsexperimentloader.enabled", false);
        p.put("toolkit.startup.max_resumed_crashes", -1);
        p.put("dom.ipc.reportProcessHangs", false);
        p.put("remote.prefs.recommended", true);
        // No spare pre-launched content processes: 3 fewer processes, ~20 MB PSS, ~220 MB summed RSS
        p.put("dom.ipc.processPrelaunch.enabled", false);
        DEFAULTS = Collections.unmodifiableMap(p);
        Map<String, Object> sound = new LinkedHashMap<>(p);
        sound.remove(MOCK_AUDIO);
        sound.put("media.cubeb.backend", "pulse");
        WITH_SOUND_SERVER = Collections.unmodifiableMap(sound);
    }

    private FirefoxPrefs() {
    }

    /** Headless Firefox with {@link #DEFAULTS} and {@code args}, for a geckodriver (local, or a Grid node's). */
    public static org.openqa.selenium.firefox.FirefoxOptions options(java.util.List<String> args) {
        return options(args, DEFAULTS);
    }

    /** Headless Firefox with {@code prefs} and {@code args}, for a geckodriver. */
    public static org.openqa.selenium.firefox.FirefoxOptions options(java.util.List<String> args, Map<String, Object> prefs) {
        org.openqa.selenium.firefox.FirefoxOptions options = new org.openqa.selenium.firefox.FirefoxOptions();
        options.addArguments("-headless");
        options.addArguments(args);
        prefs.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                options.addPreference(k, b);
            } else if (v instanceof Integer i) {
                options.addPreference(k, i);
            } else {
                options.addPreference(k, String.valueOf(v));
            }
        });
        return options;
    }

    /** The prefs as user.js lines. */
    public static String userJs(Map<String, Object> prefs) {
        StringBuilder sb = new StringBuilder("// written by rtcbench for one peer; deleted with the profile\n");
        prefs.forEach((k, v) -> sb.append("user_pref(\"").append(k).append("\", ")
                .append(v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : String.valueOf(v))
                .append(");\n"));
        return sb.toString();
    }
}
