package org.rtcbench.target.janus.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated Janus configuration: one plugin, one transport on one address, no admin API, a port range, a log file. */
class JanusConfigTest {
    @TempDir
    Path tmp;

    private JanusConfig config(Path libraries) {
        return new JanusConfig(tmp.resolve("janus"), libraries, "10.213.0.2", 8088, 20000, 20999);
    }

    @Test
    void httpListensOnlyOnTheNamespaceAddressWithoutAdminApi() {
        String http = config(tmp).files().get("janus.transport.http.jcfg");
        assertThat(http).contains("ip = \"10.213.0.2\"", "port = 8088", "http = true", "https = false",
                "admin_http = false", "admin_https = false", "base_path = \"/janus\"");
        assertThat(config(tmp).url()).isEqualTo("http://10.213.0.2:8088/janus");
    }

    @Test
    void webSocketsListenOnlyOnTheNamespaceAddressWithoutAdminApiAndOnlyWhereInstalled() throws Exception {
        String ws = config(tmp).files().get("janus.transport.websockets.jcfg");
        assertThat(ws).contains("ws = true", "ws_port = 8188", "ws_ip = \"10.213.0.2\"", "wss = false", "admin_ws = false", "admin_wss = false");
        assertThat(config(tmp).wsUrl()).as("no websockets library in this folder").isNull();
        Path libs = tmp.resolve("libs");
        Files.createDirectories(libs.resolve("transports"));
        Files.writeString(libs.resolve("transports/libjanus_websockets.so"), "");
        assertThat(config(libs).wsUrl()).isEqualTo("ws://10.213.0.2:8188");
    }

    @Test
    void coreConfigHasPortRangeNoMdnsNoIpv6AndLogsToAFile() {
        String main = config(tmp).files().get("janus.jcfg");
        assertThat(main).contains("rtp_port_range = \"20000-20999\"", "ignore_mdns = true", "ipv6 = false",
                "log_to_stdout = false", "log_to_file = \"" + tmp.resolve("janus").resolve("janus.log") + "\"",
                "plugins_folder = \"" + tmp.resolve("janus").resolve("plugins") + "\"",
                "interface = \"10.213.0.2\"", "broadcast = false");
        assertThat(main).doesNotContain("stun_server", "turn_server", "/usr/lib");
        assertThat(config(tmp).files()).containsOnlyKeys("janus.jcfg", "janus.transport.http.jcfg", "janus.transport.websockets.jcfg",
                "janus.plugin.videoroom.jcfg");
    }

    @Test
    void writeLinksOnlyTheVideoRoomPluginAndTheHttpAndWebSocketTransports() throws Exception {
        Path libs = tmp.resolve("libs");
        for (String f : new String[] {"plugins/libjanus_videoroom.so", "plugins/libjanus_echotest.so",
                "transports/libjanus_http.so", "transports/libjanus_websockets.so"}) {
            Files.createDirectories(libs.resolve(f).getParent());
            Files.writeString(libs.resolve(f), "");
        }
        JanusConfig c = config(libs).write();
        assertThat(names(c.dir().resolve("plugins"))).containsExactly("libjanus_videoroom.so");
        assertThat(names(c.dir().resolve("transports"))).containsExactlyInAnyOrder("libjanus_http.so", "libjanus_websockets.so");
        assertThat(Files.readSymbolicLink(c.dir().resolve("plugins").resolve("libjanus_videoroom.so")))
                .isEqualTo(libs.resolve("plugins/libjanus_videoroom.so"));
        assertThat(c.mainFile()).exists();
        c.unlinkLibraries();
        assertThat(names(c.dir().resolve("plugins"))).isEmpty();
        assertThat(names(c.dir().resolve("transports"))).isEmpty();
        assertThat(c.mainFile()).as("the configuration stays for reading").exists();
    }

    private static Stream<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
