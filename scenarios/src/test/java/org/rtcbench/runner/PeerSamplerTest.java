package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;

/** One slow stats call delays nobody else's samples: the sampler never waits for a peer. */
class PeerSamplerTest {
    @Test
    void aPeerWhoseStatsCallIsSlowSkipsTurnsWhileTheOthersAreSampledOnTime() throws Exception {
        PeerSlot slow = new PeerSlot("slow", PeerKind.JAVA, null, Role.SENDRECV, MediaSpec.defaults());
        PeerSlot quick = new PeerSlot("quick", PeerKind.CHROME, null, Role.SENDRECV, MediaSpec.defaults());
        Map<String, List<Long>> taken = new ConcurrentHashMap<>(Map.of("slow", new CopyOnWriteArrayList<>(),
                "quick", new CopyOnWriteArrayList<>()));
        List<Long> ticks = new CopyOnWriteArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (PeerSampler sampler = new PeerSampler("test-sampler", System.nanoTime(), 0, 100, workers, List.of(slow, quick),
                s -> true, (s, atMs) -> {
                    taken.get(s.name).add(atMs);
                    if (s == slow) {
                        sleep(1500);
                    }
                }, ticks::add)) {
            Thread.sleep(1050);
        } finally {
            workers.shutdownNow();
        }

        assertThat(ticks).as("ticks (every 100 ms) while the slow call ran").hasSizeGreaterThanOrEqualTo(3);
        assertThat(taken.get("quick")).as("the quick peer, every tick").hasSameSizeAs(ticks);
        assertThat(taken.get("slow")).as("the slow peer, only when its last call came back").hasSize(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
