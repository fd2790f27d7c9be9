package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacerTest {
    @Test
    void aTaskThatThrowsRunsNoMoreItsFailureIsToldAndTheOtherTasksGoOn() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<RuntimeException> failed = new CompletableFuture<>();
        Pacer.Task bad = Pacer.every(Pacer.TICK_MICROS, 0, () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("no packet");
        }, failed::complete);
        AtomicInteger other = new AtomicInteger();
        CompletableFuture<Void> otherRanOn = new CompletableFuture<>();
        Pacer.Task good = Pacer.every(Pacer.TICK_MICROS, 0, () -> {
            if (other.incrementAndGet() == 10) {
                otherRanOn.complete(null);
            }
        }, e -> { });
        try {
            assertThat(failed.get(5, TimeUnit.SECONDS)).hasMessage("no packet");
            otherRanOn.get(5, TimeUnit.SECONDS);
            assertThat(runs.get()).as("the failed task ran once").isEqualTo(1);
        } finally {
            good.cancel();
            bad.cancel();
        }
    }

    @Test
    void aPeriodShorterThanTheTickIsRefused() {
        assertThatThrownBy(() -> Pacer.every(1_000, 0, () -> { }, e -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5000");
    }
}
