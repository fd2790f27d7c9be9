package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.scenario.Scenario;
import picocli.CommandLine;

/** How 'rtcbench load' flags and a scenario file's own target make the run's target. */
class LoadCommandTest {
    @TempDir
    Path tmp;

    private static Scenario scenario(String... args) {
        LoadCommand cmd = new LoadCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.scenario();
    }

    @Test
    void aWhepEndpointWithATokenAndNoPublishers() {
        Scenario s = scenario("--target", "whep", "--url", "http://127.0.0.1:8889/whep/live", "--token", "t0k", "--publishers", "0",
                "--subscribers", "5");
        assertThat(s.target().type()).isEqualTo("whep");
        assertThat(s.target().url()).isEqualTo("http://127.0.0.1:8889/whep/live");
        assertThat(s.target().token()).isEqualTo("t0k");
        assertThat(s.load().publishers()).isZero();
        assertThat(s.load().subscribers()).isEqualTo(5);
    }

    @Test
    void peerKindMakesEveryVirtualUserAReplayPeerAndABadOneIsOneLine() {
        assertThat(scenario("--peer-kind", "replay").load().userKind()).isEqualTo(org.rtcbench.core.peer.PeerKind.REPLAY);
        assertThat(scenario().load().peerKind()).isEqualTo("java");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scenario("--peer-kind", "firefox"))
                .isInstanceOf(org.rtcbench.core.BadInputException.class).hasMessageContaining("peerKind must be java (libwebrtc) or replay");
    }

    @Test
    void aScenarioFilesOwnTargetStaysUnlessTheFlagsNameAnother() throws Exception {
        Path f = tmp.resolve("whip-load.yaml");
        Files.writeString(f, "name: w\ntarget: {type: whip, url: 'http://10.0.0.9:7080/whip/endpoint/{peer}', token: abc}\n"
                + "load: {publishers: 4, subscribers: 0}\n");
        Scenario own = scenario(f.toString());
        assertThat(own.target().type()).isEqualTo("whip");
        assertThat(own.target().url()).isEqualTo("http://10.0.0.9:7080/whip/endpoint/{peer}");
        assertThat(own.target().token()).isEqualTo("abc");

        Scenario janus = scenario(f.toString(), "--target", "janus");
        assertThat(janus.target().type()).isEqualTo("janus");
        assertThat(janus.target().url()).as("the file's WHIP url is not Janus's").isNull();
        assertThat(janus.target().token()).isNull();
        assertThat(scenario().target().type()).as("the bundled janus-load.yaml").isEqualTo("janus");
    }

    @Test
    void aTargetWithNeitherRoomsNorSessionsIsRefusedNamingTheOnesThereAre() {
        assertThatThrownBy(() -> scenario("--target", "p2p")).isInstanceOf(BadInputException.class)
                .hasMessage("--target p2p is not supported; the targets a load run can use are janus, whip, whep");
        assertThatThrownBy(() -> scenario("--target", "whep")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--target whep: needs url");
    }

    @Test
    void startAtIsAnInstantWithItsOffsetAndNotMoreThanADayAway() {
        java.time.Instant now = java.time.Instant.parse("2026-12-07T05:00:00Z");
        assertThat(LoadCommand.startAt(null, now)).isNull();
        assertThat(LoadCommand.startAt("2026-12-07T05:02:00Z", now)).isEqualTo(java.time.Instant.parse("2026-12-07T05:02:00Z"));
        assertThat(LoadCommand.startAt("2026-12-07T06:02:00+01:00", now)).as("an offset other than Z").isEqualTo(java.time.Instant.parse("2026-12-07T05:02:00Z"));
        assertThat(LoadCommand.startAt("2026-12-07T04:00:00Z", now)).as("past: started at once by the run, not refused").isBefore(now);
        assertThatThrownBy(() -> LoadCommand.startAt("05:02", now)).isInstanceOf(BadInputException.class)
                .hasMessage("--start-at takes a time with its offset, e.g. 2026-12-07T05:02:00Z, got '05:02'");
        assertThatThrownBy(() -> LoadCommand.startAt("2026-12-08T05:00:01Z", now)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--start-at 2026-12-08T05:00:01Z is more than a day away");
    }
}
