package org.rtcbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.rtcbench.core.network.LinkShaper;
import org.rtcbench.core.network.LinkSpec;
import org.rtcbench.core.network.UdpRelay;

/**
 * What the userspace impairment path costs: UDP packets of a media-like size sent at a fixed rate
 * through a {@link UdpRelay} port whose links add a known delay, on loopback. Per rate: the relay's
 * threads' CPU (cores, and per 1,000 packets/s), the delay it adds beyond the configured one (p50,
 * p99) and the packets it lost. The highest rate with p99 added delay under a bound and nothing
 * lost is what it carries before it adds delay of its own.
 */
public final class NetworkBench {
    /** One rate measured. */
    public record Step(int packetsPerSecond, double cores, double coresPer1000, double addedP50Ms, double addedP99Ms, double lostPercent) {
        boolean clean(double maxAddedMs) {
            return addedP99Ms < maxAddedMs && lostPercent == 0;
        }
    }

    private final PrintStream out;
    private final Duration delay;
    private final Duration window;
    private final int packetBytes;

    public NetworkBench(PrintStream out, Duration delay, Duration window, int packetBytes) {
        this.out = out;
        this.delay = delay;
        this.window = window;
        this.packetBytes = packetBytes;
    }

    public List<Step> run(List<Integer> rates) throws IOException, InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (int rate : rates) {
            Step s = measure(rate);
            out.printf(Locale.ROOT, "%7d packets/s: relay threads %.3f cores (%.4f per 1,000 packets/s), added delay p50 %.2f ms, p99 %.2f ms, lost %.2f %%%n",
                    s.packetsPerSecond(), s.cores(), s.coresPer1000(), s.addedP50Ms(), s.addedP99Ms(), s.lostPercent());
            steps.add(s);
        }
        return steps;
    }

    private Step measure(int rate) throws IOException, InterruptedException {
        LinkSpec link = new LinkSpec(delay, null, 0, 1, 0, null, 0, 0);
        try (DatagramChannel a = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel b = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             UdpRelay pipe = new UdpRelay("bench")) {
            UdpRelay.Port port = pipe.open("127.0.0.1", (InetSocketAddress) b.getLocalAddress(),
                    new UdpRelay.Side(new LinkShaper(LinkSpec.NONE, 2), new LinkShaper(LinkSpec.NONE, 3)),
                    new UdpRelay.Side(new LinkShaper(link, 1), new LinkShaper(LinkSpec.NONE, 4)));
            int total = (int) (rate * window.toMillis() / 1000);
            long[] added = new long[total];
            int[] received = {0};
            Thread receiver = new Thread(() -> {
                ByteBuffer in = ByteBuffer.allocate(2048);
                try {
                    while (received[0] < total) {
                        in.clear();
                        b.receive(in);
                        long now = System.nanoTime();
                        added[received[0]++] = now - in.getLong(0) - delay.toNanos();
                    }
                } catch (IOException closed) {
                    // the window ended with packets lost
                }
            }, "bench-network-receiver");
            receiver.setDaemon(true);
            receiver.start();
            InetSocketAddress to = port.address();
            ByteBuffer packet = ByteBuffer.allocate(packetBytes);
            long cpu0 = pipe.cpuNanos();
            long t0 = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < total; i++) {
                long due = t0 + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 50_000) {
                    LockSupport.parkNanos(wait);
                }
                packet.clear();
                packet.putLong(0, System.nanoTime());
                a.send(packet, to);
            }
            receiver.join(delay.toMillis() + 2000);
            long elapsed = System.nanoTime() - t0;
            double cores = (pipe.cpuNanos() - cpu0) / (double) elapsed;
            b.close();
            int got = received[0];
            long[] sorted = Arrays.copyOf(added, got);
            Arrays.sort(sorted);
            double p50 = got == 0 ? Double.NaN : sorted[got / 2] / 1e6;
            double p99 = got == 0 ? Double.NaN : sorted[Math.min(got - 1, (int) (got * 0.99))] / 1e6;
            return new Step(rate, cores, cores / (rate / 1000.0), p50, p99, 100.0 * (total - got) / total);
        }
    }

    /** The highest rate up to which every rate lost nothing and added under {@code maxAddedMs} at p99, or 0. */
    public static int cleanCeiling(List<Step> steps, double maxAddedMs) {
        int ceiling = 0;
        for (Step s : steps) {
            if (!s.clean(maxAddedMs)) {
                break;
            }
            ceiling = s.packetsPerSecond();
        }
        return ceiling;
    }
}
