package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.scenario.VideoSpec;

class InteropParallelTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void autoRunsNineCellsPerCoreAtTheSmallVideoAndFewerInProportionToThePixelRate() {
        assertThat(InteropCommand.cellsAtOnce("auto", new VideoSpec(320, 240, 15))).isEqualTo(9 * CORES);
        assertThat(InteropCommand.cellsAtOnce("auto", new VideoSpec(640, 480, 30))).isEqualTo(Math.max(1, 9 * CORES / 8));
        assertThat(InteropCommand.cellsAtOnce("auto", new VideoSpec(1920, 1080, 30))).isEqualTo(Math.max(1, (int) (9 * CORES / 54.0)));
    }

    @Test
    void allMeansNoWavesAndANumberIsTakenAsIs() {
        assertThat(InteropCommand.cellsAtOnce("all", new VideoSpec(640, 480, 30))).isZero();
        assertThat(InteropCommand.cellsAtOnce("3", new VideoSpec(640, 480, 30))).isEqualTo(3);
    }

    @Test
    void anythingElseIsBadInputSayingWhatIsAllowed() {
        assertThatThrownBy(() -> InteropCommand.cellsAtOnce("0", new VideoSpec(320, 240, 15)))
                .isInstanceOf(BadInputException.class).hasMessage("--parallel must be a number of cells (1 or more), auto or all, got '0'");
        assertThatThrownBy(() -> InteropCommand.cellsAtOnce("many", new VideoSpec(320, 240, 15)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("got 'many'");
    }
}
