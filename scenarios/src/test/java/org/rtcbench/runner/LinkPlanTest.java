package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkPlanTest {
    private static LinkPlan plan(int links) {
        List<LinkPlan.PlannedLink> out = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            out.add(new LinkPlan.PlannedLink("a", "b", "l" + i, null));
        }
        return new LinkPlan(out, (outcomes, measured) -> List.of());
    }

    @Test
    void withoutALimitAllLinksAreOneWave() {
        assertThat(plan(5).waves()).hasSize(1);
        assertThat(plan(5).waves().get(0)).hasSize(5);
    }

    @Test
    void aLimitCutsTheLinksIntoWavesInPlanOrder() {
        List<List<LinkPlan.PlannedLink>> waves = plan(5).withParallel(2).waves();
        assertThat(waves).extracting(w -> w.stream().map(LinkPlan.PlannedLink::id).toList())
                .containsExactly(List.of("l0", "l1"), List.of("l2", "l3"), List.of("l4"));
    }

    @Test
    void aLimitAtOrAboveTheLinkCountIsOneWave() {
        assertThat(plan(3).withParallel(3).waves()).hasSize(1);
        assertThat(plan(3).withParallel(10).waves()).hasSize(1);
    }
}
