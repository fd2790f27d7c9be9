package org.rtcbench.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.network.LinkSpec;

/** The network: and timeline: sections of a scenario, and --network's form. */
class NetworkScenarioTest {
    private static final String ORIGIN = "scenarios/net.yaml";

    private static final String IMPAIRED = """
            name: impaired
            network:
              delay: 25ms
              jitter: 5ms
              loss: 5%
              bandwidth: 800kbps
              up: {bandwidth: 300kbps}
              seed: 42
            peers:
              - kind: java
                name: a
              - kind: java
                name: b
                network: {delay: 0ms, loss: 0}
            timeline:
              - {at: 10s, network: {loss: 20%}}
              - {at: 20s, peer: a, network: {bandwidth: none}}
              - {at: 30s, network: {blackout: 3s}}
            """;

    @Test
    void aScenarioLinkAppliesToEveryPeerAGroupsOwnReplacesItAndUpOverridesOneDirection() {
        Scenario s = ScenarioLoader.parse(ORIGIN, IMPAIRED);
        NetworkSpec a = s.networkOf(s.peers().get(0));
        LinkSpec up = a.uplink(LinkSpec.NONE);
        LinkSpec down = a.downlink(LinkSpec.NONE);
        assertThat(up.delay()).isEqualTo(Duration.ofMillis(25));
        assertThat(up.loss()).isEqualTo(0.05);
        assertThat(up.bandwidth()).isEqualTo(300_000);
        assertThat(down.bandwidth()).isEqualTo(800_000);
        assertThat(s.networkOf(s.peers().get(1)).uplink(LinkSpec.NONE).perfect()).isTrue();
        assertThat(s.network().seed()).isEqualTo(42);
        assertThat(s.timeline()).hasSize(3);
        assertThat(s.timeline().get(2).network().blackoutLength()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.impaired()).isTrue();
        assertThat(ScenarioLoader.parse(ORIGIN, ScenarioLoader.toYaml(s))).as("scenario.yaml reads back").isEqualTo(s);
    }

    @Test
    void aTimelineStepChangesOnlyTheFieldsItGives() {
        Scenario s = ScenarioLoader.parse(ORIGIN, IMPAIRED);
        LinkSpec before = s.network().downlink(LinkSpec.NONE);
        LinkSpec after = s.timeline().get(0).network().downlink(before);
        assertThat(after.loss()).isEqualTo(0.2);
        assertThat(after.delay()).isEqualTo(before.delay());
        assertThat(after.bandwidth()).isEqualTo(before.bandwidth());
        assertThat(s.timeline().get(1).network().uplink(after).bandwidth()).as("none lifts the cap").isZero();
    }

    @Test
    void badValuesAreRejectedAtTheirPlaceInTheFile() {
        assertRejected("network:\n  loss: 120%\npeers:\n  - kind: java\n")
                .hasMessage(ORIGIN + ":2:3: network: loss must be between 0% and 100%, got 120%");
        assertRejected("network:\n  delay: -5ms\npeers:\n  - kind: java\n")
                .hasMessage(ORIGIN + ":2:3: network: delay must not be negative, got -5ms");
        assertRejected("network:\n  latency: 5ms\npeers:\n  - kind: java\n")
                .hasMessageStartingWith(ORIGIN + ":2:3: unknown field 'latency' in network")
                .hasMessageContaining("allowed: bandwidth, blackout, burst, delay, down, duplicate, jitter, loss, queue, reorder, seed, up");
        assertRejected("peers:\n  - kind: java\n    network:\n      bandwidth: fast\n")
                .hasMessageStartingWith(ORIGIN + ":4:7: peers[0].network: bandwidth is a bit rate such as 500kbps");
        assertRejected("network:\n  loss: 5\npeers:\n  - kind: java\n")
                .hasMessageContaining("loss is a percentage such as 5%, got '5'");
        assertRejected("peers:\n  - kind: java\ntimeline:\n  - {at: 5s, network: {jitter: 10ms}}\n")
                .hasMessageContaining("timeline step at 5s: jitter (10ms) must not exceed delay (0ms)");
        assertRejected("network:\n  blackout: 3s\npeers:\n  - kind: java\n")
                .hasMessageContaining("blackout is a timeline step");
        assertRejected("peers:\n  - kind: java\ntimeline:\n  - {at: 5s, peer: carol, network: {loss: 1%}}\n")
                .hasMessageContaining("names peer 'carol', which is not in this scenario");
    }

    @Test
    void theFlagsFormReadsTheSameFields() {
        NetworkSpec n = NetworkSpec.parseFlag("delay=25ms,jitter=10ms,loss=5%,bandwidth=800kbps,down.loss=1%,seed=3");
        assertThat(n.uplink(LinkSpec.NONE).loss()).isEqualTo(0.05);
        assertThat(n.downlink(LinkSpec.NONE).loss()).isEqualTo(0.01);
        assertThat(n.downlink(LinkSpec.NONE).jitter()).isEqualTo(Duration.ofMillis(10));
        assertThat(n.seed()).isEqualTo(3);
        assertThatThrownBy(() -> NetworkSpec.parseFlag("delay=25ms,lost=5%")).hasMessageStartingWith("unknown field 'lost'");
        assertThatThrownBy(() -> NetworkSpec.parseFlag("loss=120%")).hasMessage("loss must be between 0% and 100%, got 120%");
        Scenario s = ScenarioLoader.parse(ORIGIN, IMPAIRED).withNetwork(NetworkSpec.parseFlag("delay=50ms"));
        assertThat(s.networkOf(s.peers().get(1)).uplink(LinkSpec.NONE).delay()).as("--network replaces every link")
                .isEqualTo(Duration.ofMillis(50));
        assertThat(s.network().seed()).as("the scenario's seed stays").isEqualTo(42);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String yaml) {
        return assertThatThrownBy(() -> ScenarioLoader.parse(ORIGIN, yaml)).isInstanceOf(BadInputException.class);
    }
}
