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
}
