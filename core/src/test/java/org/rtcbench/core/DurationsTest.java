package org.rtcbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"500ms, 500", "20s, 20000", "1m30s, 90000", "1.5s, 1500", "2m, 120000", "1h, 3600000"})
    void readsTheDurationsPeopleWrite(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "20", "5 parsecs", "1m30", "s", "20s5"})
    void refusesTextThatIsNotADurationAndSaysWhatToWrite(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration")
                .hasMessageContaining("20s");
    }

    @ParameterizedTest(name = "''{0}'' is refused as negative")
    @ValueSource(strings = {"-5s", "-1ms"})
    void refusesNegativeDurations(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @ParameterizedTest(name = "{0} ms prints as {1}")
    @CsvSource({"500, 500ms", "1500, 1500ms", "20000, 20s", "90000, 1m30s", "120000, 2m", "3600000, 1h",
            "7200000, 2h", "3660000, 1h1m", "5430000, 1h30m30s", "0, 0s"})
    void printsDurationsTheWayTheyAreWritten(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} ms survives format then parse")
    @ValueSource(longs = {1, 999, 1000, 59_000, 60_000, 61_000, 3_599_000, 3_600_000, 3_601_000, 3_660_000,
            5_430_000, 86_400_000})
    void formatThenParseGivesTheSameDuration(long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
