package org.rtcbench.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.rtcbench.junit5.samples.BadKind;
import org.rtcbench.junit5.samples.JavaMatrix;
import org.rtcbench.junit5.samples.JanusPair;
import org.rtcbench.junit5.samples.JavaPair;
import org.rtcbench.junit5.samples.MissingImage;

/** The extension as a user's build runs it: sample test classes through the JUnit Platform, real peers. */
class RtcExtensionIT {
    /** What the platform said of each test: its outcome, its failure or skip message, its report entries. */
    private record Outcome(TestExecutionResult.Status status, String message, List<String> runDirectories) {
    }

    private static Map<String, Outcome> run(Class<?> testClass) {
        Map<String, Outcome> out = new ConcurrentHashMap<>();
        Map<String, List<String>> entries = new ConcurrentHashMap<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                entry.getKeyValuePairs().forEach((k, v) -> {
                    if (k.equals("rtcbench.run")) {
                        entries.computeIfAbsent(id.getDisplayName(), x -> new ArrayList<>()).add(v);
                    }
                });
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                out.put(id.getDisplayName(), new Outcome(TestExecutionResult.Status.ABORTED, reason, List.of()));
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    out.put(id.getDisplayName(), new Outcome(result.getStatus(),
                            result.getThrowable().map(Throwable::getMessage).orElse(null), entries.getOrDefault(id.getDisplayName(), List.of())));
                }
            }
        });
        return out;
    }

    @Test
    void aJavaPairCallsMeasuresAndPassesAndAFailedCheckSaysMeasuredAgainstExpected() {
        Map<String, Outcome> outcomes = run(JavaPair.class);

        Outcome passed = outcomes.get("javaCallsJava(Peer, Peer, RtcRun)");
        assertThat(passed.status()).as(String.valueOf(passed.message())).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(passed.runDirectories()).singleElement().satisfies(d -> {
            assertThat(Path.of(d).resolve("run.json")).exists();
            assertThat(Path.of(d).resolve("report.html")).exists();
            assertThat(Path.of(d).getFileName().toString()).endsWith("JavaPair-javaCallsJava");
        });

        Outcome failed = outcomes.get("aCheckThatCannotHold(Peer, Peer, RtcRun)");
        assertThat(failed.status()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(failed.message()).startsWith("video.fps.p50 >= 1000 for receivers: ")
                .contains("alice").contains("bob").contains("expected >= 1000")
                .endsWith("(run directory: " + failed.runDirectories().get(0) + ")");
        assertThat(failed.message()).as("the numbers measured are in it").containsPattern("alice[^;]*1[0-9](\\.[0-9]+)?");
    }

    @Test
    void aTestClassWhoseTargetIsJanusMeetsInARoomOfALocalJanus() throws Exception {
        Outcome o = run(JanusPair.class).get("javaMeetsJavaThroughJanus(Peer, Peer, RtcRun)");
        assertThat(o.status()).as(String.valueOf(o.message())).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(o.runDirectories()).singleElement().satisfies(d ->
                assertThat(Files.readString(Path.of(d).resolve("events.jsonl"))).contains("\"janus-started\"").contains("\"room-ready\""));
    }

    @Test
    void aPeerThisHostCannotStartSkipsTheTestWithTheReasonNeverFailsIt() {
        Outcome skipped = run(MissingImage.class).get("aPeerThisHostCannotStart(Peer, Peer, RtcRun)");

        assertThat(skipped.status()).as(String.valueOf(skipped.message())).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(skipped.message()).startsWith("rtcbench could not run the call here: ").contains("rtcbench/no-such-image:0");
    }

    @Test
    void anAnnotationValueRtcbenchDoesNotKnowFailsTheTestWithOneLine() {
        Map<String, Outcome> outcomes = run(BadKind.class);

        Outcome kind = outcomes.get("aKindThatDoesNotExist(Peer, RtcRun)");
        assertThat(kind.status()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(kind.message()).isEqualTo("@RtcPeer(kind = \"safari\") on aKindThatDoesNotExist: unknown peer kind 'safari' (allowed: chrome, firefox, java, replay)");
        Outcome target = outcomes.get("aTargetThatDoesNotExist(Peer, RtcRun)");
        assertThat(target.status()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(target.message()).isEqualTo("@RtcTest(target = \"nosuch\"): unknown target type 'nosuch' (allowed: p2p, janus, whip, whep)");
    }

    @Test
    void aMatrixIsOneTestPerCellEachWithItsOwnRun() {
        Map<String, Outcome> cells = run(JavaMatrix.class);

        assertThat(cells.keySet()).containsExactlyInAnyOrder("java → java", "java → java@in-process", "java@in-process → java",
                "java@in-process → java@in-process");
        cells.forEach((cell, o) -> {
            assertThat(o.status()).as(cell + ": " + o.message()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            assertThat(o.runDirectories()).as(cell).singleElement().satisfies(d -> assertThat(Files.isDirectory(Path.of(d))).isTrue());
        });
    }
}
