package org.rtcbench.target.janus.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest Janus configuration rtcbench needs: the VideoRoom plugin, the HTTP transport and,
 * where installed, the WebSocket transport (both bound to one address, admin APIs off), an RTP port
 * range, mDNS candidates ignored, no IPv6, and the log in a file. Only these are loaded: Janus loads
 * every library in its plugin and transport folders, so those folders hold links to just these.
 *
 * @param dir         where the configuration, the library links and the log go
 * @param libraries   Janus's installed library folder, with {@code plugins/} and {@code transports/}
 * @param httpAddress the one address the HTTP API listens on
 */
public record JanusConfig(Path dir, Path libraries, String httpAddress, int httpPort, int rtpPortMin, int rtpPortMax) {
    /** Where Debian's (and a source build's) Janus keeps its plugins and transports. */
    static final List<Path> LIBRARY_FOLDERS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/janus"),
            Path.of("/usr/lib/aarch64-linux-gnu/janus"), Path.of("/usr/local/lib/janus"), Path.of("/opt/janus/lib/janus"));
    static final String VIDEOROOM = "libjanus_videoroom.so";
    static final String HTTP = "libjanus_http.so";
    static final String WEBSOCKETS = "libjanus_websockets.so";
    static final int WS_PORT = 8188;

    /** The configuration for a Janus listening on {@code httpAddress}:8088 with RTP on 20000-20999. */
    public static JanusConfig forAddress(Path dir, String httpAddress) {
        return new JanusConfig(dir, installedLibraries(), httpAddress, 8088, 20000, 20999);
    }

    /** The first of {@link #LIBRARY_FOLDERS} that holds the VideoRoom plugin, or the Debian one when none does. */
    static Path installedLibraries() {
        return LIBRARY_FOLDERS.stream().filter(p -> Files.exists(p.resolve("plugins").resolve(VIDEOROOM)))
                .findFirst().orElse(LIBRARY_FOLDERS.get(0));
    }

    public Path confDir() {
        return dir.resolve("conf");
    }

    public Path mainFile() {
        return confDir().resolve("janus.jcfg");
    }

    public Path logFile() {
        return dir.resolve("janus.log");
    }

    /** The HTTP API's base URL, e.g. {@code http://10.213.0.2:8088/janus}. */
    public String url() {
        return "http://" + httpAddress + ":" + httpPort + "/janus";
    }

    /** Whether Janus's WebSocket transport is installed (Debian's janus has it). */
    public boolean hasWebSockets() {
        return Files.exists(libraries.resolve("transports").resolve(WEBSOCKETS));
    }

    /** The WebSocket API's URL, e.g. {@code ws://10.213.0.2:8188}, or null when that transport is not installed. */
    public String wsUrl() {
        return hasWebSockets() ? "ws://" + httpAddress + ":" + WS_PORT : null;
    }

    /** The configuration files by name, as written to {@link #confDir()}. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("janus.jcfg", """
                general: {
                	configs_folder = "%s"
                	plugins_folder = "%s"
                	transports_folder = "%s"
                	events_folder = "%s"
                	loggers_folder = "%s"
                	log_to_stdout = false
                	log_to_file = "%s"
                	debug_level = 4
                	interface = "%s"
                	session_timeout = 60
                }
                certificates: {
                }
                media: {
                	ipv6 = false
                	rtp_port_range = "%d-%d"
                }
                nat: {
                	nice_debug = false
                	ignore_mdns = true
                }
                plugins: {
                }
                transports: {
                }
                loggers: {
                }
                events: {
                	broadcast = false
                }
                """.formatted(confDir(), dir.resolve("plugins"), dir.resolve("transports"), dir.resolve("empty"),
                dir.resolve("empty"), logFile(), httpAddress, rtpPortMin, rtpPortMax));
        files.put("janus.transport.http.jcfg", """
                general: {
                	json = "plain"
                	base_path = "/janus"
                	http = true
                	port = %d
                	ip = "%s"
                	https = false
                }
                admin: {
                	admin_http = false
                	admin_https = false
                }
                """.formatted(httpPort, httpAddress));
        files.put("janus.transport.websockets.jcfg", """
                general: {
                	json = "plain"
                	ws = true
                	ws_port = %d
                	ws_ip = "%s"
                	wss = false
                }
                admin: {
                	admin_ws = false
                	admin_wss = false
                }
                """.formatted(WS_PORT, httpAddress));
        files.put("janus.plugin.videoroom.jcfg", """
                general: {
                }
                """);
        return files;
    }

    /** Writes the files and links the libraries into their own folders; returns this. */
    public JanusConfig write() {
        try {
            Files.createDirectories(confDir());
            for (Map.Entry<String, String> f : files().entrySet()) {
                Files.writeString(confDir().resolve(f.getKey()), f.getValue());
            }
            // no event handlers and no loggers: their folder exists (else Janus warns) and stays empty
            Files.createDirectories(dir.resolve("empty"));
            link("plugins", VIDEOROOM);
            link("transports", HTTP);
            if (hasWebSockets()) {
                link("transports", WEBSOCKETS);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Janus configuration in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes the library links once Janus has exited; the configuration and the log stay for reading. */
    public void unlinkLibraries() {
        for (Path link : List.of(dir.resolve("plugins").resolve(VIDEOROOM), dir.resolve("transports").resolve(HTTP),
                dir.resolve("transports").resolve(WEBSOCKETS))) {
            try {
                Files.deleteIfExists(link);
            } catch (IOException e) {
                // a link left behind points at an installed library; it harms nothing
            }
        }
    }

    private void link(String folder, String library) throws IOException {
        Path target = libraries.resolve(folder).resolve(library);
        Path link = dir.resolve(folder).resolve(library);
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
