package org.rtcbench.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rtcbench.core.process.ProcessCpu;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.runner.RunObserver;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;

/**
 * What 1 Hz getStats() sampling costs: the same call run with sampling off and on, alternating,
 * and the CPU of the browsers and drivers (and of the rtcbench JVM) measured over the call's
 * steady part, after a warm-up.
 */
public final class SamplingCostBench {
    private static final Duration WARM_UP = WarmUp.DURATION;

    /** One measured call: sampling on or off, CPU cores used by browsers+drivers and by the JVM. */
    public record Measurement(boolean sampling, int browsers, double windowSeconds, double browserCores, double jvmCores) {
    }

    private final Scenario scenario;
    private final RunOptions base;
    private final PrintStream out;

    /** @param scenario the call to measure (its duration must exceed the 5 s warm-up) */
    public SamplingCostBench(Scenario scenario, RunOptions base, PrintStream out) {
        if (scenario.duration().compareTo(WARM_UP.plusSeconds(5)) < 0) {
            throw new org.rtcbench.core.BadInputException("bench sampling needs --duration of at least 10s (5 s warm-up + 5 s measured)");
        }
        this.scenario = scenario;
        this.base = base;
        this.out = out;
    }

    /** Runs {@code rounds} pairs of calls (off, on) and returns every measurement. */
    public List<Measurement> run(int rounds) throws IOException {
        List<Measurement> all = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (boolean sampling : new boolean[] {false, true}) {
                Measurement m = measure(sampling);
                out.printf(Locale.ROOT, "round %d sampling %-3s: browsers+drivers %.3f cores (%.3f per browser), rtcbench JVM %.3f cores, over %.1f s%n",
                        i + 1, sampling ? "on" : "off", m.browserCores, m.browserCores / m.browsers, m.jvmCores, m.windowSeconds);
                all.add(m);
            }
        }
        return all;
    }

    private Measurement measure(boolean sampling) throws IOException {
        Path work = Files.createTempDirectory("rtcbench-bench-");
        String marker = work.toString();
        double[] start = new double[3];
        double[] end = new double[3];
        RunObserver observer = new RunObserver() {
            @Override
            public void callStarted() {
                WarmUp.thenRun(() -> {
                    start[0] = System.nanoTime() / 1e9;
                    start[1] = ProcessCpu.secondsOf(marker);
                    start[2] = ProcessCpu.ofThisJvm();
                });
            }

            @Override
            public void callEnding() {
                end[0] = System.nanoTime() / 1e9;
                end[1] = ProcessCpu.secondsOf(marker);
                end[2] = ProcessCpu.ofThisJvm();
            }
        };
        RunOptions options = base.withSampling(sampling).withWorkDir(work).withObserver(observer)
                .withOut(new PrintStream(OutputStream.nullOutputStream()));
        RunSummary run = MeasuredCall.runThenDelete(new ScenarioRunner(scenario, options), work);
        if (run.status() != RunStatus.PASSED && sampling) {
            throw new IllegalStateException("the measured call did not pass (" + run.reason() + "); see " + run.runId());
        }
        long browsers = run.peers().stream().filter(p -> p.connectMs() != null).count();
        if (browsers == 0 || start[0] == 0) {
            throw new IllegalStateException("the measured call never connected: " + run.reason());
        }
        double window = end[0] - start[0];
        return new Measurement(sampling, (int) browsers, window, (end[1] - start[1]) / window, (end[2] - start[2]) / window);
    }
}
