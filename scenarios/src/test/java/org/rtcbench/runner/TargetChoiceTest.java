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
    void aCallThroughATargetThatMakesNoCallsIsRefused() {
        assertThatThrownBy(() -> new ScenarioRunner(ScenarioLoader.parse("call.yaml", "target: {type: janus}\npeers: [{kind: java}]\n"),
                RunOptions.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("a janus target needs a 'load:' section (rooms, publishers, subscribers, ramp, hold)");
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
