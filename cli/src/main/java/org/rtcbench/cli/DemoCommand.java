package org.rtcbench.cli;

import java.util.concurrent.Callable;
import org.rtcbench.core.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rtcbench demo}: the bundled default scenario, a real call and a real report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bundled demo: two Chromium peers in a P2P call with a fake 640x480 camera, "
                + "a tone and a data channel for 20 s, then write results/<run-id>/.")
final class DemoCommand implements Callable<Integer> {
    /** The demo scenario inside the jar (scenarios/demo.yaml in the source tree). */
    static final String DEMO = "org/rtcbench/scenarios/demo.yaml";

    @Mixin
    RunFlags flags;

    @Override
    public Integer call() {
        return RunExecution.run(flags.apply(ScenarioLoader.loadResource(DEMO)), flags.options());
    }
}
