package org.rtcbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.scenario.LoadSpec;

class LoadPlanTest {
    @Test
    void usersGoRoundRobinOverRoomsWithEachRoomsPublishersFirst() {
        LoadPlan plan = new LoadPlan(new LoadSpec(2, 2, 1, null, null, null, null, null, null, null), null, List.of(11L, 22L),
                (r, s, e, f) -> { }, () -> false, () -> false);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LoadUser u = plan.nextUser();
            names.add(u.name() + (u.publisher() ? " publishes" : " subscribes"));
        }
        assertThat(names).containsExactly("r1-pub-1 publishes", "r2-pub-1 publishes", "r1-pub-2 publishes",
                "r2-pub-2 publishes", "r1-sub-1 subscribes", "r2-sub-1 subscribes",
                "r1-pub-1-2 publishes"); // the 7th of 6 planned users: a closed model's replacement
    }

    @Test
    void shardsTakeEveryNthUserNamedAsInTheWholeRunAndTogetherTakeThemAll() {
        LoadSpec spec = new LoadSpec(2, 2, 1, "rate:6/s", null, null, null, 100L, null, null);
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            LoadPlan shard = new LoadPlan(spec, new org.rtcbench.core.scenario.Shard(i, 4), null, List.of(11L, 22L),
                    (r, s, e, f) -> { }, () -> false, () -> false);
            assertThat(shard.shards()).isEqualTo(4);
            for (int u = 0; u < shard.users(); u++) {
                all.add(shard.nextUser().name());
            }
        }
        assertThat(all).containsExactlyInAnyOrder("r1-pub-1", "r2-pub-1", "r1-pub-2", "r2-pub-2", "r1-sub-1", "r2-sub-1");
        LoadPlan second = new LoadPlan(spec, new org.rtcbench.core.scenario.Shard(2, 4), null, List.of(11L, 22L),
                (r, s, e, f) -> { }, () -> false, () -> false);
        assertThat(second.users()).isEqualTo(2);
        assertThat(second.nextUser().name()).isEqualTo("r2-pub-1");
        assertThat(second.nextUser().name()).isEqualTo("r2-sub-1");
        // a rate is split between the shards, so together they arrive at the rate asked for
        assertThat(org.rtcbench.load.gatling.Injection.parse("rate:6/s").shared(4).text()).isEqualTo(
                org.rtcbench.load.gatling.Injection.parse("rate:1.5/s").text());
    }
}
