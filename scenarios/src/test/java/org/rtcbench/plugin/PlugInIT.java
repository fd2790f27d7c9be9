package org.rtcbench.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerLauncher;
import org.rtcbench.core.peer.PeerProvider;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.target.PairCalls;
import org.rtcbench.core.target.Target;
import org.rtcbench.core.target.TargetContext;
import org.rtcbench.core.target.TargetType;
import org.rtcbench.provider.PeerProviders;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;
import org.rtcbench.target.Targets;

/**
 * The proof that targets and providers are plug-ins: a target and a provider written here, in test
 * code, added through the registries, carry a real call of two synthetic Java peers through the
 * unchanged runner, which samples, judges and closes them like its own.
 */
class PlugInIT {
    @TempDir
    Path tmp;

    /** A provider of its own: in-process Java peers, each launch noted. */
    private final List<String> launched = new CopyOnWriteArrayList<>();
    private final PeerProvider noted = PeerProvider.of(PeerKind.JAVA, "noted", c -> {
        PeerLauncher java = PeerProviders.builtIn().launcher(PeerKind.JAVA, null, c);
        return new PeerLauncher() {
            @Override
            public void check() {
                java.check();
            }

            @Override
            public List<String> versionLines() {
                return List.of("noted java peers");
            }

            @Override
            public Peer launch(String peerName, java.net.URI harness, Path fakeVideo, Path fakeAudio) {
                launched.add(peerName + " at " + c.candidateAddress());
                return java.launch(peerName, harness, fakeVideo, fakeAudio);
            }
        };
    });

    /** A target of its own: relays each offer and answer as they are, and polls until both sides are connected. */
    private final List<String> relayed = new CopyOnWriteArrayList<>();
    private final AtomicBoolean relayClosed = new AtomicBoolean();
    private final TargetType relay = TargetType.of("relay", "the test's relay", true, false, spec -> { }, (spec, context) -> new Relay(context));

    private final class Relay implements Target, PairCalls {
        private final TargetContext context;

        Relay(TargetContext context) {
            this.context = context;
        }

        @Override
        public String type() {
            return "relay";
        }

        @Override
        public List<String> description() {
            return List.of("the test's relay target");
        }

        @Override
        public String peerAddress() {
            return "127.0.0.1";
        }

        @Override
        public PairCalls calls() {
            return this;
        }

        @Override
        public Map<String, LinkOutcome> connectLinks(List<Link> links) {
            long start = System.nanoTime();
            Map<String, LinkOutcome> out = new LinkedHashMap<>();
            for (Link l : links) {
                String answer = l.answerer().acceptOffer(l.id(), l.offerer().createOffer(l.id(), l.videoCodec()));
                l.offerer().acceptAnswer(l.id(), answer);
                long deadline = System.nanoTime() + context.connectTimeout().toNanos();
                while (!("connected".equals(l.offerer().connectionState(l.id())) && "connected".equals(l.answerer().connectionState(l.id())))
                        && System.nanoTime() < deadline) {
                    sleep();
                }
                boolean up = "connected".equals(l.offerer().connectionState(l.id())) && "connected".equals(l.answerer().connectionState(l.id()));
                relayed.add(l.id());
                context.events().event("relayed", Map.of("connection", l.id(), "connected", up));
                out.put(l.id(), up ? new LinkOutcome(l.id(), (System.nanoTime() - start) / 1_000_000, null, null)
                        : new LinkOutcome(l.id(), null, "not connected in time", null));
            }
            return out;
        }

        @Override
        public void close() {
            relayClosed.set(true);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aTargetAndAProviderAddedThroughTheRegistriesCarryARealCall() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve("results")).withWorkDir(tmp.resolve("work"))
                .withMediaCache(tmp.resolve("media")).withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withProviders(PeerProviders.builtIn().with(noted)).withTargets(Targets.builtIn().with(relay));

        RunSummary run = new ScenarioRunner(ScenarioLoader.parse("plug-in.yaml", """
                name: plug-in
                duration: 5s
                target: {type: relay}
                media: {video: {width: 320, height: 240, fps: 15}}
                peers:
                  - {kind: java, provider: noted, count: 2}
                assertions:
                  - connected within 10s
                  - video.fps.p50 >= 5 for receivers after 2s
                """), options).run();

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        assertThat(launched).as("launched in parallel, through the test's provider").containsExactlyInAnyOrder("java-1 at 127.0.0.1", "java-2 at 127.0.0.1");
        assertThat(relayed).as("the mesh of two peers is one link, made by the test's target").containsExactly("java-1~java-2");
        assertThat(relayClosed).as("the run closed the target").isTrue();
        assertThat(out).contains("the test's relay target");
        for (PeerSummary p : run.peers()) {
            assertThat(p.metrics().get("video.fps").p50()).as(p.name() + " received video").isGreaterThanOrEqualTo(5);
        }
        assertThat(java.nio.file.Files.readString(tmp.resolve("results").resolve(run.runId()).resolve("events.jsonl")))
                .contains("\"type\":\"relayed\"");
    }

    @Test
    void aProviderAddedThroughTheRegistryIsARowAndColumnOfItsOwnInTheMatrix() {
        PeerProviders providers = PeerProviders.builtIn().with(noted);
        org.rtcbench.interop.InteropMatrix matrix = new org.rtcbench.interop.InteropMatrix(
                List.of(org.rtcbench.core.peer.PeerType.parse("java"), org.rtcbench.core.peer.PeerType.parse("java@noted")), List.of("vp8"),
                java.time.Duration.ofSeconds(5), new org.rtcbench.core.scenario.VideoSpec(320, 240, 15),
                org.rtcbench.core.scenario.Browsers.defaults(), new org.rtcbench.interop.InteropMatrix.Thresholds(5, java.time.Duration.ofSeconds(3)),
                providers);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve("results")).withWorkDir(tmp.resolve("work"))
                .withMediaCache(tmp.resolve("media")).withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withProviders(providers);

        RunSummary run = new ScenarioRunner(matrix.scenario(), options, matrix.plan()).run();

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        assertThat(run.matrix()).extracting(c -> c.caller() + " -> " + c.callee() + " " + c.outcome())
                .containsExactly("java -> java passed", "java -> java@noted passed", "java@noted -> java passed",
                        "java@noted -> java@noted passed");
        assertThat(launched).as("the noted provider launched its row's and column's peers")
                .containsExactlyInAnyOrder("java-noted-caller at 127.0.0.1", "java-noted-callee at 127.0.0.1");
    }
}
