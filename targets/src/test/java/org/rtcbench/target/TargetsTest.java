package org.rtcbench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.target.TargetType;
import org.rtcbench.target.janus.JanusTarget;

/** The target registry: which types exist, and each type's own check of a scenario's target: fields. */
class TargetsTest {
    private static TargetSpec target(String yaml) {
        return ScenarioLoader.parse("load.yaml", "target: " + yaml + "\nload: {}\n").target();
    }

    @Test
    void theBuiltInTypesAreTheP2pRoomJanusWhipAndWhepAndAnUnknownOneNamesThem() {
        assertThat(Targets.builtIn().all()).extracting(TargetType::id).containsExactly("p2p", "janus", "whip", "whep");
        assertThat(Targets.builtIn().typeOf(TargetSpec.p2p()).makesCalls()).isTrue();
        assertThat(Targets.builtIn().typeOf(TargetSpec.of("janus")).hasRooms()).isTrue();
        assertThat(Targets.builtIn().typeOf(TargetSpec.of("whip")).hasStreams()).isTrue();
        assertThat(Targets.builtIn().typeOf(TargetSpec.of("whip")).hasRooms()).as("its embedded default's room").isTrue();
        assertThatThrownBy(() -> Targets.builtIn().typeOf(target("{type: mediasoup}")))
                .isInstanceOf(BadInputException.class).hasMessage("unknown target type 'mediasoup' (allowed: p2p, janus, whip, whep)");
    }

    @Test
    void whipAndWhepTakeAnHttpEndpointAndATokenOnlyThey() {
        assertThatThrownBy(() -> Targets.builtIn().typeOf(target("{type: whep}")))
                .hasMessage("target whep: needs url: the WHEP endpoint, e.g. https://sfu.example/whep/endpoint/{peer} ({peer} stands for each peer's name)");
        assertThatThrownBy(() -> Targets.builtIn().typeOf(target("{type: whip, url: 'ws://x:8188'}")))
                .hasMessage("target whip: url must be an http:// or https:// WHIP endpoint, got 'ws://x:8188'");
        assertThatThrownBy(() -> Targets.builtIn().typeOf(target("{type: whip, token: abc}")))
                .hasMessage("target whip: token is for your own WHIP endpoint (url); the local one makes its own");
        assertThatThrownBy(() -> Targets.builtIn().typeOf(target("{type: janus, token: abc}")))
                .hasMessage("target janus: token is for WHIP and WHEP endpoints; rtcbench talks to Janus without one");
        assertThatThrownBy(() -> target("{type: whip, url: 'http://x/whip', token: 'two words'}"))
                .hasMessageContaining("token must be one word with no spaces");
        TargetSpec spec = target("{type: whep, url: 'https://x/whep/{peer}', token: s3cret}");
        assertThat(Targets.builtIn().typeOf(spec).id()).isEqualTo("whep");
        assertThat(spec.toString()).doesNotContain("s3cret").contains("token=(hidden)");
    }

    @Test
    void aJanusUrlMustBeHttpOrWebSocket() {
        assertThatThrownBy(() -> Targets.builtIn().typeOf(target("{type: janus, url: 'tcp://x:8188'}")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("target janus: url must be Janus's HTTP API, e.g. http://127.0.0.1:8088/janus, or its WebSocket API");
        assertThat(JanusTarget.webSocket(target("{type: janus, url: 'ws://x:8188'}"))).isTrue();
        assertThat(JanusTarget.webSocket(target("{type: janus, url: 'http://x:8088/janus'}"))).isFalse();
    }

    @Test
    void apiPicksTheLocalJanussApiAndOnlyThat() {
        assertThat(JanusTarget.webSocket(target("{type: janus, api: ws}"))).isTrue();
        assertThat(JanusTarget.webSocket(target("{type: janus}"))).isFalse();
        assertThatThrownBy(() -> Targets.builtIn().typeOf(target("{type: janus, api: grpc}")))
                .hasMessageContaining("api must be http or ws");
        assertThatThrownBy(() -> Targets.builtIn().typeOf(target("{type: janus, api: ws, url: 'http://x:8088/janus'}")))
                .hasMessageContaining("with a url, its scheme (http:// or ws://) picks the API");
    }

    @Test
    void theP2pRoomNeedsNoServer() {
        assertThatThrownBy(() -> Targets.builtIn().typeOf(new TargetSpec("p2p", "http://127.0.0.1:8088/janus", null)))
                .hasMessage("target p2p: url, api and token are not for the p2p room: it needs no server");
    }

    @Test
    void aTypeAddedWithTheSameIdReplacesTheBuiltInOne() {
        TargetType mine = TargetType.of("janus", "my Janus", true, false, spec -> { }, (spec, context) -> {
            throw new UnsupportedOperationException();
        });
        Targets t = Targets.builtIn().with(mine);
        assertThat(t.all()).extracting(TargetType::id).containsExactly("p2p", "whip", "whep", "janus");
        assertThat(t.typeOf(TargetSpec.of("janus"))).isSameAs(mine);
    }
}
