package org.rtcbench.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.rtcbench.core.process.ProcessCpu;
import org.rtcbench.core.run.LoadSummary.LoadPoint;
import org.rtcbench.peer.java.FramePacing;

/**
 * The load generator watching itself: once a second it takes this JVM's CPU (share of all cores),
 * the CPU of the JVM with every process it started (a local Janus, browsers, their drivers), the
 * whole host's CPU (shown, not judged), heap in use, the worst lateness of a 20 ms timer (scheduling lag) and the share of Java peers'
 * video frames produced late, together with the run's peer counts, and judges whether the generator
 * saturated (see {@link GeneratorSaturation}).
 */
public final class GeneratorMonitor implements AutoCloseable {
    private static final long PROBE_MS = 20;

    /** The run's peer counts at this instant. */
    public interface Counts {
        int joined();

        int connected();

        int failed();
    }

    private final Counts counts;
    private final GeneratorSaturation.Judge judge;
    private final Consumer<LoadPoint> onPoint;
    private final List<LoadPoint> points = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rtcbench-generator-monitor");
        t.setDaemon(true);
        return t;
    });
    private final Thread probe;
    private final AtomicLong worstLagMs = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private volatile boolean closed;
    private long lastCpuNanos = processCpuNanos();
    private double lastRunCpuSeconds = runCpuSeconds();
    private long lastWallNanos = System.nanoTime();
    private FramePacing.Counts lastFrames = FramePacing.now();

    /** Starts watching; {@code onPoint} sees each second's point as it is taken (for the terminal and events). */
    public GeneratorMonitor(Counts counts, GeneratorSaturation saturation, Consumer<LoadPoint> onPoint) {
        this.counts = counts;
        this.judge = saturation.judge();
        this.onPoint = onPoint;
        this.probe = new Thread(this::probe, "rtcbench-lag-probe");
        probe.setDaemon(true);
        probe.start();
        timer.scheduleAtFixedRate(this::second, 1, 1, TimeUnit.SECONDS);
    }

    private void probe() {
        while (!closed) {
            long before = System.nanoTime();
            try {
                Thread.sleep(PROBE_MS);
            } catch (InterruptedException e) {
                return;
            }
            long lateMs = (System.nanoTime() - before) / 1_000_000 - PROBE_MS;
            worstLagMs.accumulateAndGet(Math.max(0, lateMs), Math::max);
        }
    }

    private void second() {
        long wall = System.nanoTime();
        long cpu = processCpuNanos();
        Double cpuPercent = cpu < 0 || lastCpuNanos < 0 ? null
                : 100.0 * (cpu - lastCpuNanos) / ((double) (wall - lastWallNanos) * cores);
        double runCpuSeconds = runCpuSeconds();
        Double runCpuPercent = Double.isNaN(runCpuSeconds) || Double.isNaN(lastRunCpuSeconds) ? null
                : 100.0 * (runCpuSeconds - lastRunCpuSeconds) / ((wall - lastWallNanos) / 1e9 * cores);
        lastRunCpuSeconds = runCpuSeconds;
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        FramePacing.Counts frames = FramePacing.now();
        Double latePercent = frames.latePercentSince(lastFrames);
        lastFrames = frames;
        long lag = worstLagMs.getAndSet(0);
        Double hostCpu = ProcessCpu.hostPercentSinceLastCall();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        long tMs = (wall - startNanos) / 1_000_000;
        LoadPoint point = new LoadPoint(tMs, counts.joined(), counts.connected(), counts.failed(),
                cpuPercent == null ? null : Math.round(cpuPercent * 10) / 10.0, heapMb, lag,
                latePercent == null ? null : Math.round(latePercent * 10) / 10.0,
                hostCpu == null ? null : Math.round(hostCpu * 10) / 10.0,
                runCpuPercent == null || cpuPercent == null ? null : Math.round(Math.max(0, runCpuPercent - cpuPercent) * 10) / 10.0);
        judge.second(tMs, point.generatorCpuPercent(), runCpuPercent, lag, point.lateFramesPercent());
        synchronized (points) {
            points.add(point);
        }
        onPoint.accept(point);
    }

    /** Why the generator saturated, or null when it has not (yet). */
    public String limitedReason() {
        return judge.reason();
    }

    /** Every point so far. */
    public List<LoadPoint> points() {
        synchronized (points) {
            return List.copyOf(points);
        }
    }

    /** CPU seconds so far of this JVM and every live process it started (their children too). */
    private static double runCpuSeconds() {
        double jvm = ProcessCpu.ofThisJvm();
        return jvm + ProcessCpu.secondsOf(ProcessHandle.current().descendants().toList());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Stops watching; no point is taken or handed on once this returns. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        probe.interrupt();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
