package org.rtcbench.junit5;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Durations;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.assertion.AssertionEvaluator;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.assertion.PeerMeasurements;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.report.TimeSeries;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;

/**
 * One test's call: its peers meet through the test class's target, are sampled for the call's
 * length, and leave; then {@link #assertThat} judges what they measured, as a scenario's
 * assertions would ({@code video.fps.p50 >= 12 for receivers}), with the run directory named in
 * every failure.
 */
public final class RtcRun {
    private final String name;
    private final List<Peer> peers;
    private final RtcTest config;
    private final Consumer<Path> published;
    private RunSummary summary;
    private Path directory;
    private List<PeerMeasurements> measured;

    RtcRun(String name, List<Peer> peers, RtcTest config, Consumer<Path> published) {
        this.name = name;
        this.peers = List.copyOf(peers);
        this.config = config;
        this.published = published;
    }

    /** The peers of this call, in the order the test method takes them. */
    public List<Peer> peers() {
        return peers;
    }

    /** Calls every peer with every other for the class's {@code duration}. */
    public RtcRun call() {
        return call(Durations.parse(config.duration()));
    }

    /**
     * Calls every peer with every other (a full mesh through the built-in room, or all in one room of
     * an SFU) for {@code duration} once connected; returns when all have left.
     *
     * @throws AssertionFailedError when a peer failed (the reason and the run directory in its message)
     * @throws TestAbortedException when this host lacks what a peer needs (a browser, Docker): a skip, with the reason
     */
    public RtcRun call(Duration duration) {
        if (summary != null) {
            throw new IllegalStateException("this test's call has run already; one call a test, one run directory a call");
        }
        List<PeerGroup> groups = new ArrayList<>();
        for (Peer p : peers) {
            groups.add(new PeerGroup(p.type().kind(), p.name(), 1, Role.SENDRECV, null, p.type().provider(), p.type().image(), null, null));
        }
        Scenario scenario = new Scenario(name, "a JUnit test", duration, null, null, TargetSpec.of(config.target()),
                new MediaSpec(video(config.video()), true, true), groups, null, null, List.of(), null, List.of(), null);
        Path root = Path.of(config.results()).toAbsolutePath();
        RunOptions options = RunOptions.defaults().withResultsRoot(root).withOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            options.targets().typeOf(scenario.target());
        } catch (BadInputException e) {
            throw new IllegalArgumentException("@RtcTest(target = \"" + config.target() + "\"): " + e.getMessage(), e);
        }
        try {
            summary = new ScenarioRunner(scenario, options).run();
        } catch (BadInputException e) {
            // what the test asks for is checked above: what is left is this host (a browser, Docker or an image missing)
            throw new TestAbortedException("rtcbench could not run the call here: " + e.getMessage(), e);
        }
        directory = root.resolve(summary.runId());
        published.accept(directory);
        if (summary.status() == RunStatus.ERROR) {
            throw new TestAbortedException("rtcbench could not run the call here: " + summary.reason() + " (run directory: " + directory + ")");
        }
        if (summary.status() != RunStatus.PASSED) {
            throw new AssertionFailedError("the call " + summary.status().id() + ": " + summary.reason() + " (run directory: " + directory + ")");
        }
        try {
            TimeSeries.Series series = TimeSeries.read(directory, summary);
            measured = new ArrayList<>();
            for (PeerSummary p : summary.peers()) {
                Role role = Role.valueOf(p.role().toUpperCase(Locale.ROOT));
                measured.add(new PeerMeasurements(p.name(), PeerKind.of(p.kind()), role.sends(), role.receives(), p.connectMs(),
                        series.byPeer().getOrDefault(p.name(), List.of())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the samples of " + directory, e);
        }
        return this;
    }

    private static VideoSpec video(String text) {
        try {
            return VideoSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@RtcTest(video = \"" + text + "\"): " + e.getMessage(), e);
        }
    }

    /** This call's run directory (report.html, run.json, samples); null before {@link #call}. */
    public Path directory() {
        return directory;
    }

    /** This call's run.json as read back: every peer's metrics summarised; null before {@link #call}. */
    public RunSummary summary() {
        return summary;
    }

    /**
     * A check of one metric aggregate, e.g. {@code assertThat("video.fps.p50").atLeast(12).forReceivers()}:
     * the same words and judgement as a scenario's {@code assertions:}.
     */
    public Check assertThat(String metricAggregate) {
        if (measured == null) {
            throw new IllegalStateException("assertThat(\"" + metricAggregate + "\") before the call: run.call() first");
        }
        return new Check(metricAggregate, null, Double.NaN, null);
    }

    /** A check being written: a metric, then a bound, then whom it is for (which judges it). */
    public final class Check {
        private final String metric;
        private final String op;
        private final double value;
        private final Duration after;

        private Check(String metric, String op, double value, Duration after) {
            this.metric = metric;
            this.op = op;
            this.value = value;
            this.after = after;
        }

        public Check atLeast(double v) {
            return new Check(metric, ">=", v, after);
        }

        public Check atMost(double v) {
            return new Check(metric, "<=", v, after);
        }

        public Check above(double v) {
            return new Check(metric, ">", v, after);
        }

        public Check below(double v) {
            return new Check(metric, "<", v, after);
        }

        /** Only the samples after this long into the call (skips the warm-up). */
        public Check after(Duration warmUp) {
            return new Check(metric, op, value, warmUp);
        }

        public void forReceivers() {
            judge("receivers");
        }

        public void forSenders() {
            judge("senders");
        }

        public void forAll() {
            judge("all");
        }

        public void forPeer(Peer peer) {
            judge(peer.name());
        }

        /** For the peers of one kind: {@code chrome}, {@code firefox} or {@code java}. */
        public void forKind(String kind) {
            judge(PeerKind.of(kind).id());
        }

        private void judge(String who) {
            if (op == null) {
                throw new IllegalStateException("assertThat(\"" + metric + "\") needs a bound before whom it is for, e.g. .atLeast(12)");
            }
            String text = metric + " " + op + " " + Assertion.formatNumber(value) + " for " + who
                    + (after == null ? "" : " after " + Durations.format(after));
            AssertionResult r = AssertionEvaluator.evaluate(Assertion.parse(text), measured);
            if (!r.passed()) {
                throw new AssertionFailedError(text + ": " + r.message() + " (run directory: " + directory + ")",
                        r.expected(), r.measured().toString());
            }
        }
    }
}
