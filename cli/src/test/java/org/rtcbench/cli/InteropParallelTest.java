package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.runner.LinkPlan;

class InteropParallelTest {
    @Test
    void autoLeavesTheWavesToTheRunAllMeansNoWavesAndANumberIsTakenAsIs() {
        assertThat(InteropCommand.cellsAtOnce("auto")).isEqualTo(LinkPlan.AUTO);
        assertThat(InteropCommand.cellsAtOnce("all")).isZero();
        assertThat(InteropCommand.cellsAtOnce("3")).isEqualTo(3);
    }

    @Test
    void anythingElseIsBadInputSayingWhatIsAllowed() {
        assertThatThrownBy(() -> InteropCommand.cellsAtOnce("0"))
                .isInstanceOf(BadInputException.class).hasMessage("--parallel must be a number of cells (1 or more), auto or all, got '0'");
        assertThatThrownBy(() -> InteropCommand.cellsAtOnce("many"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("got 'many'");
    }
}
