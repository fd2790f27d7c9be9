package org.rtcbench.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void theSharesOfAllShardsAreEveryUserOnce() {
        for (int total : new int[] {0, 1, 5, 12, 13}) {
            for (int n = 1; n <= 4; n++) {
                List<Integer> seen = new ArrayList<>();
                int sum = 0;
                for (int i = 1; i <= n; i++) {
                    Shard s = new Shard(i, n);
                    sum += s.users(total);
                    for (int local = 0; local < s.users(total); local++) {
                        seen.add(s.globalIndex(local));
                    }
                }
                assertThat(sum).as(total + " users in " + n + " shards").isEqualTo(total);
                assertThat(seen).as(total + " users in " + n + " shards").containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, total).boxed().toList());
            }
        }
        assertThat(new Shard(2, 3).users(7)).isEqualTo(2); // users 1 and 4
        assertThat(new Shard(2, 3).globalIndex(1)).isEqualTo(4);
    }

    @Test
    void readsIOverNAndRefusesTheRest() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1 / 1 ").whole()).isTrue();
        assertThat(Shard.parse("3/4").toString()).isEqualTo("3/4");
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessage("a shard is I/N with 1 <= I <= N, got 5/4");
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessage("a shard is I/N with 1 <= I <= N, got 0/4");
        assertThatThrownBy(() -> Shard.parse("half")).hasMessage("--shard takes I/N, e.g. 2/4 (the second of four shares), got 'half'");
    }
}
