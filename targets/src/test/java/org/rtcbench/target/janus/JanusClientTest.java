package org.rtcbench.target.janus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;

/** A --url that is neither an HTTP nor a WebSocket URL is bad input that names it, before any connection is tried. */
class JanusClientTest {
    @Test
    void aUrlThatIsNeitherHttpNorWebSocketIsBadInput() {
        assertThatThrownBy(() -> JanusClient.connect("ftp://127.0.0.1/janus")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("cannot reach Janus at ftp://127.0.0.1/janus: not an http:// or ws:// URL");
        assertThatThrownBy(() -> JanusClient.connect("127.0.0.1:8088 janus")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("cannot reach Janus at 127.0.0.1:8088 janus: not an http:// or ws:// URL");
    }
}
