package org.rtcbench.cli;

import java.util.concurrent.atomic.AtomicReference;
import org.rtcbench.core.ExitCode;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.runner.LinkPlan;
import org.rtcbench.runner.Run;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;
import sun.misc.Signal;

/**
 * Runs a scenario in the foreground with SIGINT and SIGTERM turned into a clean stop: the runner
 * closes every browser and driver it started, writes run.json with status {@code interrupted},
 * and the process exits 130 or 143.
 */
final class RunExecution {
    private RunExecution() {
    }

    /** Runs a scenario file: a call, or a load run when it has a 'load:' section. */
    static int run(Scenario scenario, RunOptions options) {
        if (scenario.load() != null) {
            return run(new org.rtcbench.runner.LoadRunner(scenario, options), summary -> {
            });
        }
        return run(scenario, null, options, summary -> {
        });
    }

    /** Runs with an optional link plan (the interop matrix) and hands the summary to {@code done}. */
    static int run(Scenario scenario, LinkPlan plan, RunOptions options, java.util.function.Consumer<RunSummary> done) {
        return run(new ScenarioRunner(scenario, options, plan), done);
    }

    /** Runs a call or a load run in the foreground and hands the summary to {@code done}. */
    static int run(Run runner, java.util.function.Consumer<RunSummary> done) {
        AtomicReference<String> signal = new AtomicReference<>();
        Signal.handle(new Signal("TERM"), s -> stop(runner, signal, "SIGTERM"));
        Signal.handle(new Signal("INT"), s -> stop(runner, signal, "SIGINT"));
        // Anything else that ends the JVM (e.g. SIGHUP) still stops the browsers before exit.
        Thread hook = new Thread(() -> {
            runner.interrupt("the JVM is shutting down");
            try {
                runner.awaitFinished(30_000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "rtcbench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RunSummary summary = runner.run();
        done.accept(summary);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        if (summary.status() == RunStatus.INTERRUPTED) {
            return "SIGINT".equals(signal.get()) ? ExitCode.INTERRUPTED_SIGINT : ExitCode.INTERRUPTED_SIGTERM;
        }
        return summary.status().exitCode();
    }

    private static void stop(Run runner, AtomicReference<String> signal, String name) {
        if (signal.compareAndSet(null, name)) {
            System.out.println("  " + name + " received: stopping peers and writing results");
            runner.interrupt("interrupted by " + name);
        }
    }
}
