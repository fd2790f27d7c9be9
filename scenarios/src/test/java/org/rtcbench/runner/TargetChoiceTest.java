package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.scenario.ScenarioLoader;

/** A run asks its target's type for what it needs, before it starts anything: rooms for a load, pairwise calls for a call. */
class TargetChoiceTest {
    @Test
    void aLoadThroughATargetWithoutRoomsIsRefused() {
        assertThatThrownBy(() -> new LoadRunner(ScenarioLoader.parse("load.yaml", "load: {rooms: 1}\n"), RunOptions.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("a 'load:' section needs a target with rooms to publish into and subscribe from, e.g. "
                        + "'target: {type: janus}'; p2p has none");
    }

    @Test
    void aCallThroughATargetWithNeitherCallsRoomsNorSessionsIsRefusedAndTheMatrixNeedsPairs() {
        org.rtcbench.core.target.TargetType bare = org.rtcbench.core.target.TargetType.of("bare", "a bare server", false, false, spec -> { },
                (spec, context) -> {
                    throw new UnsupportedOperationException();
                });
        RunOptions options = RunOptions.defaults().withTargets(org.rtcbench.target.Targets.builtIn().with(bare));
        assertThatThrownBy(() -> new ScenarioRunner(ScenarioLoader.parse("call.yaml", "target: {type: bare}\npeers: [{kind: java}]\n"), options))
                .isInstanceOf(BadInputException.class)
                .hasMessage("a bare target has neither calls, rooms nor sessions for a call run");
        assertThatThrownBy(() -> new ScenarioRunner(ScenarioLoader.parse("call.yaml", "target: {type: janus}\npeers: [{kind: java, count: 2}]\n"),
                RunOptions.defaults(), new LinkPlan(java.util.List.of(), null))).isInstanceOf(BadInputException.class)
                .hasMessage("the interop matrix needs a target that makes pairwise calls (p2p); janus does not");
        new ScenarioRunner(ScenarioLoader.parse("call.yaml", "target: {type: janus}\npeers: [{kind: java, count: 2}]\n"), RunOptions.defaults());
    }

    @Test
    void theP2pRoomHasNoRoomsForALoadRunAndNoPublishersNeedANamedRoom() {
        assertThatThrownBy(() -> new LoadRunner(ScenarioLoader.parse("load.yaml", "target: {type: p2p}\nload: {}\n"), RunOptions.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("a 'load:' section needs a target with rooms to publish into and subscribe from, e.g. 'target: {type: janus}'; p2p has none");
        assertThatThrownBy(() -> new LoadRunner(ScenarioLoader.parse("load.yaml", "target: {type: janus}\nload: {publishers: 0}\n"),
                RunOptions.defaults()))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("--publishers 0 (load.publishers) subscribes to publishers already in a room");
    }

    @Test
    void anUnknownTargetTypeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> new ScenarioRunner(ScenarioLoader.parse("call.yaml", "target: {type: livekit}\npeers: [{kind: java}]\n"),
                RunOptions.defaults()))
                .isInstanceOf(BadInputException.class).hasMessage("unknown target type 'livekit' (allowed: p2p, janus, whip, whep)");
    }
}
