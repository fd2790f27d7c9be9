package org.rtcbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.run.LoadSummary.LoadPoint;

/**
 * The generator's monitor judges the run's own processes, not the host: other work keeping every
 * core busy does not make a light generator "limited", while processes the generator started that
 * fill the cores do (a local Janus or browsers starving its receivers).
 */
class GeneratorMonitorIT {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private final List<Long> spinners = new ArrayList<>();

    @AfterEach
    void stopSpinners() {
        for (long pid : spinners) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM: timeout passes it on to its sha256sum
        }
    }

    private static final GeneratorMonitor.Counts NONE = new GeneratorMonitor.Counts() {
        @Override
        public int joined() {
            return 0;
        }

        @Override
        public int connected() {
            return 0;
        }

        @Override
        public int failed() {
            return 0;
        }
    };

    /** A CPU spinner per core that is not this JVM's descendant: its shell exits, so init adopts it. */
    private void spinOutsideTheRun() throws Exception {
        for (int i = 0; i < CORES; i++) {
            Process sh = new ProcessBuilder("sh", "-c", "timeout 60 sha256sum /dev/zero >/dev/null 2>&1 & echo $!").start();
            spinners.add(Long.parseLong(new String(sh.getInputStream().readAllBytes()).trim()));
            sh.waitFor();
        }
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid).toList()).doesNotContainAnyElementsOf(spinners);
    }

    /** A CPU spinner per core that this JVM started and waits for, like a local Janus. */
    private void spinInsideTheRun() throws Exception {
        for (int i = 0; i < CORES; i++) {
            Process p = new ProcessBuilder("timeout", "60", "sha256sum", "/dev/zero").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            spinners.add(p.pid());
        }
    }

    /** Watches for {@code seconds}; {@code points} holds every point taken, and no more arrive after it returns. */
    private static String watch(int seconds, List<LoadPoint> points) throws InterruptedException {
        // Only the run's-processes rule can trip: its limit is 40 % of all cores, which this JVM's own
        // spinners reach even when other work holds a core (they get 2 of 3 runnable threads' share),
        // and which spinners outside the run never count towards, however busy they keep the host.
        GeneratorSaturation runCpuOnly = new GeneratorSaturation(101, 40, Long.MAX_VALUE, 101, 5);
        GeneratorMonitor monitor = new GeneratorMonitor(NONE, runCpuOnly, p -> { });
        try (monitor) {
            Thread.sleep(seconds * 1000L);
        }
        points.addAll(monitor.points());
        return monitor.limitedReason();
    }

    @Test
    void otherWorkFillingEveryCoreDoesNotMakeALightGeneratorLimited() throws Exception {
        spinOutsideTheRun();
        List<LoadPoint> points = new ArrayList<>();

        String reason = watch(8, points);

        assertThat(reason).as("points " + points).isNull();
        assertThat(points.subList(2, points.size())).as("the host was busy all along")
                .allSatisfy(p -> assertThat(p.hostCpuPercent()).isGreaterThan(80.0))
                .allSatisfy(p -> assertThat(p.startedCpuPercent()).as("processes the generator started: none").isLessThan(10.0));
    }

    @Test
    void processesTheGeneratorStartedFillingEveryCoreMakeItLimited() throws Exception {
        spinInsideTheRun();
        List<LoadPoint> points = new ArrayList<>();

        String reason = watch(8, points);

        assertThat(reason).as("points " + points).startsWith("the CPU of the run's processes (the generator, its local Janus "
                + "and browsers) stayed at or above 40 %");
        // what must hold, not how much they get: with one core spinning outside the run they had 27-53 % a second
        List<LoadPoint> watched = points.subList(2, points.size());
        assertThat(watched).as("every second measures the processes it started").allSatisfy(p -> assertThat(p.startedCpuPercent()).isNotNull());
        double started = watched.stream().mapToDouble(LoadPoint::startedCpuPercent).average().orElseThrow();
        double generator = watched.stream().mapToDouble(LoadPoint::generatorCpuPercent).average().orElseThrow();
        assertThat(started).as("the spinners it started, on average over %s", watched).isGreaterThan(Math.max(20.0, 2 * generator));
    }
}
