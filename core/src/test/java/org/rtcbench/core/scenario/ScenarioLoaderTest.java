package org.rtcbench.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.peer.PeerKind;

class ScenarioLoaderTest {
    private static final String ORIGIN = "scenarios/test.yaml";

    private static final String TWO_CHROMES = """
            name: two-chromes
            description: Two Chrome peers in the built-in room
            target:
              type: p2p
            peers:
              - kind: chrome
                count: 2
            assertions:
              - connected within 10s
              - video.fps.p50 >= 25 for receivers after 5s
            """;

    private static final String EVERY_FIELD = """
            name: interop
            description: "Chrome meets Firefox: audio, video & data"
            duration: 1m30s
            sampling: 500ms
            connectTimeout: 10s
            target:
              type: p2p
            media:
              video: {width: 1280, height: 720, fps: 24}
              audio: true
              datachannel: false
            peers:
              - kind: chrome
                name: caller
                role: sendonly
              - kind: firefox
                count: 3
                role: recvonly
                media:
                  video: {width: 320, height: 240, fps: 15}
              - kind: java
                provider: in-process
            browsers:
              chrome:
                binary: /opt/chrome
                args: [--disable-gpu]
            assertions:
              - connected within 10s for caller
              - video.fps.p50 >= 25 for receivers after 5s
              - rtt.p95 < 200
              - packetloss.max <= 0.5 for java
            """;

    @Test
    void aValidScenarioParsesWithDefaultsFilledIn() {
        Scenario s = ScenarioLoader.parse(ORIGIN, TWO_CHROMES);

        assertThat(s.name()).isEqualTo("two-chromes");
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.sampling()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.target().type()).isEqualTo("p2p");
        assertThat(s.media().video()).isEqualTo(new VideoSpec(640, 480, 30));
        assertThat(s.media().audio()).isTrue();
        assertThat(s.media().datachannel()).isTrue();
        assertThat(s.peers()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(PeerKind.CHROME);
            assertThat(g.role()).isEqualTo(Role.SENDRECV);
        });
        assertThat(s.peerNames()).containsExactly("chrome-1", "chrome-2");
        assertThat(s.browsers().chrome().binary()).isEqualTo("/usr/bin/chromium");
        assertThat(s.assertions()).hasSize(2);
        assertThat(s.assertions().get(1)).isInstanceOf(Assertion.MetricThreshold.class);
    }

    @Test
    void everyFieldIsReadAndAGroupsOwnMediaWinsOverTheScenarios() {
        Scenario s = ScenarioLoader.parse(ORIGIN, EVERY_FIELD);

        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.sampling()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.peerNames()).containsExactly("caller", "firefox-1", "firefox-2", "firefox-3", "java");
        assertThat(s.mediaOf(s.peers().get(0)).video()).isEqualTo(new VideoSpec(1280, 720, 24));
        assertThat(s.mediaOf(s.peers().get(0)).datachannel()).isFalse();
        assertThat(s.mediaOf(s.peers().get(1)).video()).isEqualTo(new VideoSpec(320, 240, 15));
        assertThat(s.browsers().chrome().binary()).isEqualTo("/opt/chrome");
        assertThat(s.browsers().chrome().driver()).isEqualTo("/usr/bin/chromedriver");
        assertThat(s.browsers().chrome().args()).containsExactly("--disable-gpu");
    }

    @Test
    void resolvedYamlParsesBackToAnEqualScenario() {
        for (String yaml : new String[] {TWO_CHROMES, EVERY_FIELD}) {
            Scenario first = ScenarioLoader.parse(ORIGIN, yaml);
            Scenario again = ScenarioLoader.parse("scenario.yaml", ScenarioLoader.toYaml(first));
            assertThat(again).isEqualTo(first);
        }
    }

    @Test
    void unknownFieldNamesOriginLineColumnFieldAndAllowedFields() {
        String yaml = """
                name: x
                peers:
                  - kind: chrome
                    colour: red
                """;
        assertRejected(yaml)
                .hasMessageStartingWith(ORIGIN + ":4:5: unknown field 'colour' in peers[0]")
                .hasMessageContaining("(allowed: count, image, kind, media, name, network, provider, role, url)");
    }

    @Test
    void aPeerGroupNamesItsProviderOrLeavesItToTheKindsDefault() {
        Scenario s = ScenarioLoader.parse(ORIGIN, EVERY_FIELD);

        assertThat(s.peers().get(2).provider()).isEqualTo("in-process");
        assertThat(s.peers().get(0).provider()).as("not given: the kind's default, chosen by the run's providers").isNull();
        assertThat(ScenarioLoader.toYaml(s)).contains("provider: in-process").containsOnlyOnce("provider:");
        assertRejected("peers:\n  - kind: chrome\n    provider: My Grid\n")
                .hasMessageContaining("provider 'My Grid' must be a name such as local, in-process, container or grid");
    }

    @Test
    void unknownTopLevelFieldListsTheScenarioFields() {
        assertRejected("name: x\nspeed: 3\npeers:\n  - kind: chrome\n")
                .hasMessageStartingWith(ORIGIN + ":2:1: unknown field 'speed' in scenario")
                .hasMessageContaining("allowed: assertions, browsers, connectTimeout, description, duration, ice, load, media, "
                        + "name, network, peers, sampling, target, timeline");
    }

    @Test
    void wordWhereACountBelongsNamesTheFieldPathAndLine() {
        assertRejected("peers:\n  - kind: chrome\n    count: many\n")
                .hasMessage(ORIGIN + ":3:12: peers[0].count: expected a whole number, got something else");
    }

    @Test
    void fractionalCountIsRejectedNotRoundedDown() {
        assertRejected("peers:\n  - kind: chrome\n    count: 1.5\n")
                .hasMessage(ORIGIN + ":3:12: peers[0].count: expected a whole number, got '1.5'");
    }

    @Test
    void durationWithoutUnitIsRejectedNamingTheField() {
        assertRejected("duration: 20\npeers:\n  - kind: chrome\n")
                .hasMessageStartingWith(ORIGIN + ":1:11: duration: ")
                .hasMessageContaining("e.g. 20s");
    }

    @Test
    void singlePeerInsteadOfAListIsRejectedNamingTheField() {
        assertRejected("peers: chrome\n")
                .hasMessage(ORIGIN + ":1:8: peers: expected a list, got something else");
    }

    @Test
    void negativeDurationIsRejectedNamingTheField() {
        assertRejected("duration: -5s\npeers:\n  - kind: chrome\n")
                .hasMessage(ORIGIN + ":1:11: duration: '-5s' is negative; a duration must be positive, e.g. 20s");
    }

    @Test
    void zeroDurationIsRejectedNamingTheField() {
        assertRejected("peers:\n  - kind: chrome\nduration: 0s\n")
                .hasMessage(ORIGIN + ":3:11: duration: '0s' is zero; a duration must be positive, e.g. 20s");
    }

    @Test
    void unknownPeerKindListsTheAllowedKinds() {
        assertRejected("peers:\n  - kind: safari\n")
                .hasMessageStartingWith(ORIGIN + ":2:")
                .hasMessageContaining("peers[0].kind: unknown peer kind 'safari' (allowed: chrome, firefox, java, replay)");
    }

    @Test
    void peerWithoutKindIsRejectedAtItsLine() {
        assertRejected("peers:\n  - name: x\n")
                .hasMessage(ORIGIN + ":2:5: peers[0]: every peer needs a kind (allowed: chrome, firefox, java, replay)");
    }

    @Test
    void malformedAssertionIsRejectedWithItsLineAndTheGrammar() {
        assertRejected("peers:\n  - kind: chrome\nassertions:\n  - video.fps.p50 at least 25\n")
                .hasMessageStartingWith(ORIGIN + ":4:5: assertions[0]: cannot read assertion 'video.fps.p50 at least 25'")
                .hasMessageContaining("connected within <duration>");
    }

    @Test
    void assertionOnAnUnknownMetricListsTheKnownMetrics() {
        assertRejected("peers:\n  - kind: chrome\nassertions:\n  - video.fsp.p50 >= 25\n")
                .hasMessageStartingWith(ORIGIN + ":4:5: assertions[0]: unknown metric 'video.fsp'")
                .hasMessageContaining("video.fps, ");
    }

    @Test
    void assertionNamingAPeerThatIsNotInTheScenarioIsRejected() {
        assertRejected("peers:\n  - kind: chrome\n    count: 2\nassertions:\n  - rtt.p95 < 200 for chrome-3\n")
                .hasMessageStartingWith(ORIGIN + ": ")
                .hasMessageContaining("names peer 'chrome-3', which is not in this scenario (peers: chrome-1, chrome-2;");
    }

    @Test
    void twoPeersWithTheSameNameAreRejected() {
        assertRejected("peers:\n  - kind: chrome\n  - kind: chrome\n")
                .hasMessage(ORIGIN + ": two peers are named 'chrome'; give each peers entry its own name");
    }

    @Test
    void aKeyWrittenTwiceIsRejectedRatherThanSilentlyDropped() {
        assertRejected("peers:\n  - kind: chrome\npeers:\n  - kind: firefox\n")
                .hasMessageStartingWith(ORIGIN + ":3:")
                .hasMessageContaining("Duplicate field 'peers'");
    }

    @Test
    void emptyFileSaysTheScenarioIsEmpty() {
        assertRejected("").hasMessage(ORIGIN + ": the scenario is empty; it needs at least 'peers:'");
        assertRejected("# only a comment\n").hasMessage(ORIGIN + ": the scenario is empty; it needs at least 'peers:'");
    }

    @Test
    void scenarioWithoutPeersSaysHowToAddOne() {
        assertRejected("name: lonely\n").hasMessageContaining("needs 'peers:' with at least one entry");
    }

    @Test
    void invalidYamlGivesOneLineWithTheProblemAndItsPlace() {
        assertRejected("peers: [\n  - kind: chrome\n")
                .hasMessage(ORIGIN + ":2:3: not valid YAML: expected the node content, but found '-' "
                        + "(while parsing a flow node)");
        assertRejected("peers:\n  - kind: chrome\n   count: 2\n")
                .hasMessageStartingWith(ORIGIN + ":3:4: not valid YAML: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void loadReadsAFileAndNamesItInMessages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "peers:\n  - kind: chrome\n    colour: red\n");

        assertThatThrownBy(() -> ScenarioLoader.load(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ":3:5: unknown field 'colour'");
    }

    @Test
    void loadOfAMissingFileSaysScenarioFileNotFound(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ScenarioLoader.load(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("scenario file not found: " + file);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String yaml) {
        return assertThatThrownBy(() -> ScenarioLoader.parse(ORIGIN, yaml))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aLoadScenarioNeedsNoPeersAndFillsTheLoadDefaults() {
        Scenario s = ScenarioLoader.parse("load.yaml", """
                target: {type: janus}
                load: {rooms: 2, publishers: 4, ramp: 5s}
                """);
        assertThat(s.target().type()).isEqualTo("janus");
        assertThat(s.target().url()).isNull();
        assertThat(s.peers()).isEmpty();
        assertThat(s.load().users()).isEqualTo(2 * (4 + 3));
        assertThat(s.load().duration()).isEqualTo(java.time.Duration.ofSeconds(35));
        assertThat(s.load().roomId(1)).as("Janus picks the ids").isNull();
    }

    @Test
    void roomNamesTheFirstOfConsecutiveRoomIds() {
        Scenario s = ScenarioLoader.parse("load.yaml", "target: {type: janus}\nload: {rooms: 3, room: 1234}\n");
        assertThat(java.util.List.of(s.load().roomId(0), s.load().roomId(1), s.load().roomId(2))).containsExactly(1234L, 1235L, 1236L);
        assertThatThrownBy(() -> ScenarioLoader.parse("load.yaml", "target: {type: janus}\nload:\n  room: 0\n"))
                .hasMessageContaining("load.yaml:3:3").hasMessageContaining("room must be a positive VideoRoom id, got 0");
    }

    @Test
    void aBadInjectionNamesWhatIsAllowed() {
        assertThatThrownBy(() -> ScenarioLoader.parse("load.yaml", "target: {type: janus}\nload:\n  injection: fast\n"))
                .hasMessageContaining("load.yaml:3:3").hasMessageContaining("load: injection must be once, ramp, closed, rate:<users>/s");
    }

    @Test
    void theTargetsFieldsAreCheckedForFormHereAndForMeaningByTheirType() {
        // whether a url is Janus's API, or a type exists, is the target type's to say (Targets, in the targets module)
        assertThat(ScenarioLoader.parse("load.yaml", "target: {type: whip, url: 'https://sfu.example/whip'}\npeers: [{kind: java}]\n")
                .target().type()).isEqualTo("whip");
        assertThatThrownBy(() -> ScenarioLoader.parse("load.yaml", "target: {type: janus, url: 'not a url'}\nload: {}\n"))
                .hasMessageContaining("load.yaml:1").hasMessageContaining("url must be a URL such as http://127.0.0.1:8088/janus");
        assertThatThrownBy(() -> ScenarioLoader.parse("load.yaml", "target: {type: 'Janus VideoRoom'}\nload: {}\n"))
                .hasMessageContaining("target type 'Janus VideoRoom' must be a name such as p2p or janus");
    }

    @Test
    void aContainerPeerTakesAnImageAndAGridPeerAUrlAndNoOtherPeerTakesEither() {
        Scenario s = ScenarioLoader.parse(ORIGIN, "peers:\n  - kind: chrome\n    provider: container\n    image: rtcbench/chromium:156\n"
                + "  - kind: firefox\n    provider: grid\n    url: http://127.0.0.1:4444\n");
        assertThat(s.peers().get(0).image()).isEqualTo("rtcbench/chromium:156");
        assertThat(s.peers().get(1).url()).isEqualTo("http://127.0.0.1:4444");
        assertThat(ScenarioLoader.parse(ORIGIN, ScenarioLoader.toYaml(s))).isEqualTo(s);
        assertThatThrownBy(() -> ScenarioLoader.parse(ORIGIN, "peers:\n  - kind: chrome\n    image: rtcbench/chromium:156\n"))
                .hasMessageContaining(ORIGIN).hasMessageContaining("image: is for container peers: add 'provider: container' to peer 'chrome'");
        assertThatThrownBy(() -> ScenarioLoader.parse(ORIGIN, "peers:\n  - kind: chrome\n    provider: container\n    url: http://x\n"))
                .hasMessageContaining("url: is for Selenium Grid peers");
    }

    @Test
    void aTargetsTokenIsReadButWrittenAsHidden() {
        Scenario s = ScenarioLoader.parse("whip.yaml", "target: {type: whip, url: 'http://127.0.0.1:7080/whip/endpoint/{peer}', token: s3cret-42}\n"
                + "peers: [{kind: java, role: sendonly}]\n");
        assertThat(s.target().token()).isEqualTo("s3cret-42");
        String written = ScenarioLoader.toYaml(s);
        assertThat(written).doesNotContain("s3cret-42").contains("token: (hidden)");
        assertThat(s.toString()).doesNotContain("s3cret-42");
        assertThat(ScenarioLoader.toYaml(ScenarioLoader.parse("p.yaml", "peers: [{kind: java}]\n"))).doesNotContain("token");
    }
}
