package org.rtcbench.load.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gatling.commons.util.GatlingVersion$;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.load.gatling.SimulationLog.Request;
import org.slf4j.LoggerFactory;

/**
 * Runs real Gatling simulations in this JVM, one after the other, whose users do blocking work
 * through {@link TimedAction}, and checks what Gatling wrote: simulation.log and the HTML report.
 */
class TimedActionIT {
    private static final Path RESULTS = Path.of("target", "gatling-it");
    private static final Path GATLING_RELEASE_LOOKUP = Path.of(System.getProperty("user.home"),
            ".java", ".userPrefs", "io", "gatling", "latestVersion", "prefs.xml");

    @BeforeAll
    static void cleanResults() throws IOException {
        if (Files.exists(RESULTS)) {
            try (Stream<Path> files = Files.walk(RESULTS)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void twoRunsInOneJvmRecordTimedWorkOkAndKoAndReportIt() throws Exception {
        FileTime releaseLookupBefore = lastModified(GATLING_RELEASE_LOOKUP);
        // Stands for the CLI's run-log appender: Gatling's own main stops logback when it ends.
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> runLog = new ListAppender<>();
        runLog.setContext(logback);
        runLog.start();
        ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(runLog);
        Level rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);

        // First run: 20 users at once, each blocking 300 ms in join: all must block together.
        var crowd = new TimedPeersSimulation.Plan(20, "once", Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(50), false);
        GatlingResult first = GatlingRun.of(TimedPeersSimulation.class).withPlan(crowd)
                .withDescription("crowd").runIn(RESULTS);
        List<Request> firstRequests = checkRun(first, crowd);

        List<Request> joins = named(firstRequests, "join");
        int lastStart = joins.stream().mapToInt(Request::start).max().orElseThrow();
        int firstEnd = joins.stream().mapToInt(Request::end).min().orElseThrow();
        assertThat(lastStart)
                .as("every join started before any ended: 20 users blocked at the same time, not a few pool threads' worth")
                .isLessThan(firstEnd);

        // Second run, same JVM, another plan: 7 users ramped over 1.4 s, which Gatling makes 1 s,
        // and an assertion of no failed request, which the missing first frames break.
        var ramp = new TimedPeersSimulation.Plan(7, "ramp", Duration.ofMillis(1400), Duration.ofMillis(120), Duration.ofMillis(80), true);
        GatlingResult second = GatlingRun.of(TimedPeersSimulation.class).withPlan(ramp).runIn(RESULTS);
        assertThat(second.runDirectory()).isNotEqualTo(first.runDirectory());
        List<Request> secondRequests = checkRun(second, ramp);
        int joinSpread = named(secondRequests, "join").stream().mapToInt(Request::start).max().orElseThrow()
                - named(secondRequests, "join").stream().mapToInt(Request::start).min().orElseThrow();
        assertThat(joinSpread).as("ramped users arrive spread over the 1 s ramp").isBetween(700, 1300);

        // Gatling wrote only under the folder it was given, did not look up its latest release
        // (a search.maven.org query it stores in Java preferences), and left no workers behind.
        assertThat(Path.of("target", "gatling")).doesNotExist();
        assertThat(Path.of("results")).doesNotExist();
        assertThat(lastModified(GATLING_RELEASE_LOOKUP)).isEqualTo(releaseLookupBefore);
        assertThat(GatlingVersion$.MODULE$.LatestRelease().isEmpty()).isTrue();
        // Logging still works after both runs, and Gatling said nothing below WARN.
        LoggerFactory.getLogger(TimedActionIT.class).info("after two Gatling runs");
        root.setLevel(rootLevel);
        root.detachAppender(runLog);
        assertThat(runLog.list).extracting(ILoggingEvent::getFormattedMessage).contains("after two Gatling runs");
        assertThat(runLog.list).filteredOn(e -> e.getLoggerName().startsWith("io.gatling"))
                .allSatisfy(e -> assertThat(e.getLevel().isGreaterOrEqual(Level.WARN)).isTrue());
        assertThat(runLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("Gatling run timedpeerssimulation-"));

        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("rtcbench-timed-") || name.startsWith("gatling-"));
    }

    @Test
    void aSimulationRejectingItsPlanFailsTheRunWithTheSameBadInput() {
        var plan = new TimedPeersSimulation.Plan(3, "burst", Duration.ZERO, Duration.ZERO, Duration.ZERO, false);
        assertThatThrownBy(() -> GatlingRun.of(TimedPeersSimulation.class).withPlan(plan).runIn(RESULTS))
                .isInstanceOf(BadInputException.class)
                .hasMessage("injection 'burst' is not an injection; write one of: once, ramp, rate:<users>/s, rate:<users>/m, closed");
    }

    @Test
    void aSimulationRunWithoutItsPlanSaysHowToGiveIt() {
        assertThatThrownBy(() -> GatlingRun.of(TimedPeersSimulation.class).runIn(RESULTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Gatling could not run TimedPeersSimulation: no Plan was offered to this simulation: "
                        + "run it with GatlingRun.of(simulation).withPlan(plan), and read the plan in its constructor");
    }

    private static List<Request> checkRun(GatlingResult result, TimedPeersSimulation.Plan plan) throws IOException {
        assertThat(result.assertionsFailed()).isEqualTo(plan.assertNoFailures());
        assertThat(result.statusCode()).isEqualTo(plan.assertNoFailures() ? 2 : 0);
        assertThat(result.runDirectory()).isDirectory().startsWith(RESULTS.toAbsolutePath());
        assertThat(result.runDirectory().getFileName().toString()).isEqualTo(result.runId());

        List<Request> requests = SimulationLog.requests(result.simulationLog());
        Map<String, Map<Boolean, Long>> outcomes = requests.stream().collect(Collectors.groupingBy(Request::name,
                Collectors.partitioningBy(Request::ok, Collectors.counting())));
        int users = plan.users();
        int withoutFrame = users / 2;
        assertThat(outcomes.get("join")).containsEntry(true, (long) users).containsEntry(false, 0L);
        assertThat(outcomes.get("ice-connected")).containsEntry(true, (long) users).containsEntry(false, 0L);
        assertThat(outcomes.get("first-frame"))
                .containsEntry(true, (long) (users - withoutFrame)).containsEntry(false, (long) withoutFrame);
        assertThat(outcomes.get("render"))
                .as("exitBlockOnFail took the users whose first frame failed out of the media block")
                .containsEntry(true, (long) (users - withoutFrame)).containsEntry(false, 0L);
        assertThat(requests).filteredOn(r -> r.name().equals("first-frame") || r.name().equals("render"))
                .allSatisfy(r -> assertThat(r.groups()).containsExactly("media"));
        assertThat(outcomes.get("leave"))
                .as("exitHereIfFailed stopped the users whose first frame failed")
                .containsEntry(true, (long) (users - withoutFrame)).containsEntry(false, 0L);

        assertThat(named(requests, "join")).allSatisfy(r -> assertThat(r.millis()).isGreaterThanOrEqualTo((int) plan.joinTime().toMillis()));
        assertThat(named(requests, "ice-connected")).allSatisfy(r -> assertThat(r.millis()).isGreaterThanOrEqualTo((int) plan.iceTime().toMillis()));
        assertThat(requests.stream().filter(r -> !r.ok()))
                .allSatisfy(r -> assertThat(r.message()).startsWith("no frame within 0s from peer "));
        assertThat(requests.stream().filter(Request::ok)).allSatisfy(r -> assertThat(r.message()).isEmpty());

        assertThat(result.reportIndex()).isRegularFile();
        String report = reportText(result.runDirectory());
        assertThat(report).contains("join", "ice-connected", "first-frame", "render", "leave", "no frame within 0s from peer");
        return requests;
    }

    /** index.html and the scripts it loads its statistics from. */
    private static String reportText(Path runDirectory) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(runDirectory.resolve("index.html")));
        Path js = runDirectory.resolve("js");
        if (Files.isDirectory(js)) {
            try (Stream<Path> files = Files.list(js)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("stats")).toList()) {
                    text.append(Files.readString(file));
                }
            }
        }
        return text.toString();
    }

    private static FileTime lastModified(Path file) throws IOException {
        return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    }

    private static List<Request> named(List<Request> requests, String name) {
        return requests.stream().filter(r -> r.name().equals(name)).toList();
    }
}
