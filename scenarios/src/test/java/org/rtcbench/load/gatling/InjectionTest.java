package org.rtcbench.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatling.core.controller.inject.InjectionProfile;
import io.gatling.core.controller.inject.closed.ClosedInjectionProfile;
import io.gatling.core.controller.inject.open.OpenInjectionProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtcbench.core.BadInputException;

class InjectionTest {
    private static final Duration RAMP = Duration.ofSeconds(20);
    private static final Duration HOLD = Duration.ofSeconds(60);

    @ParameterizedTest
    @CsvSource({
            "once, once",
            "ramp, ramp",
            "' Ramp ', ramp",
            "closed, closed",
            "CLOSED, closed",
            "rate:5/s, rate:5/s",
            "rate:2.5/s, rate:2.5/s",
            "rate:30/m, rate:0.5/s",
    })
    void parsesEachFormToItsCanonicalText(String text, String canonical) {
        Injection injection = Injection.parse(text);
        assertThat(injection.text()).isEqualTo(canonical);
        assertThat(Injection.parse(injection.text())).isEqualTo(injection);
    }

    @Test
    void rateIsKeptPerSecond() {
        assertThat(Injection.parse("rate:30/m")).isEqualTo(new Injection.Rate(0.5));
    }

    @Test
    void unknownFormNamesWhereAndListsTheAllowedOnes() {
        assertThatThrownBy(() -> Injection.parse("burst", "--injection"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--injection 'burst' is not an injection; write one of: once, ramp, rate:<users>/s, rate:<users>/m, closed");
    }

    @Test
    void emptyTextIsRejected() {
        assertThatThrownBy(() -> Injection.parse("  "))
                .isInstanceOf(BadInputException.class)
                .hasMessage("injection is empty; write one of: once, ramp, rate:<users>/s, rate:<users>/m, closed");
        assertThatThrownBy(() -> Injection.parse(null)).isInstanceOf(BadInputException.class);
    }

    @ParameterizedTest
    @CsvSource({"rate", "rate:", "rate:5", "rate:five/s", "rate:5/h", "rate:-5/s", "rate:5 /s"})
    void malformedRateShowsTheForm(String text) {
        assertThatThrownBy(() -> Injection.parse(text, "load.injection"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("load.injection '" + text.trim() + "' is not a rate; write rate:<users>/s or rate:<users>/m, e.g. rate:5/s");
    }

    @Test
    void zeroRateIsRejected() {
        assertThatThrownBy(() -> Injection.parse("rate:0/s"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("injection 'rate:0/s' has a rate of 0; users must arrive at more than 0 a second, e.g. rate:5/s");
    }

    @Test
    void onceInjectsAllUsersAtOnce() {
        InjectionProfile profile = profile("once", 100, RAMP, HOLD);
        assertThat(profile).isInstanceOf(OpenInjectionProfile.class);
        assertThat(profile.totalUserCount().get()).isEqualTo(100L);
        assertThat(profile.toString()).contains("AtOnceOpenInjection(100)");
    }

    @Test
    void rampSpreadsUsersOverTheRamp() {
        InjectionProfile profile = profile("ramp", 100, RAMP, HOLD);
        assertThat(profile).isInstanceOf(OpenInjectionProfile.class);
        assertThat(profile.totalUserCount().get()).isEqualTo(100L);
        assertThat(profile.toString()).contains("RampOpenInjection(100,20 seconds)");
    }

    @Test
    void rampOfZeroIsEveryoneAtOnce() {
        InjectionProfile profile = profile("ramp", 7, Duration.ZERO, HOLD);
        assertThat(profile.totalUserCount().get()).isEqualTo(7L);
        assertThat(profile.toString()).contains("AtOnceOpenInjection(7)");
    }

    @ParameterizedTest
    @CsvSource({"100, rate:5/s, 20", "10, rate:3/s, 3", "7, rate:30/m, 14", "1, rate:0.5/s, 2", "250, rate:7/s, 36", "3, rate:5/s, 1"})
    void rateBringsExactlyTheUsersAtThatRateInWholeSeconds(int users, String text, long arrivalSeconds) {
        Injection.Rate rate = (Injection.Rate) Injection.parse(text);
        assertThat(rate.arrivalTime(users)).isEqualTo(Duration.ofSeconds(arrivalSeconds));
        InjectionProfile profile = profile(text, users, RAMP, HOLD);
        assertThat(profile).isInstanceOf(OpenInjectionProfile.class);
        assertThat(profile.totalUserCount().get()).isEqualTo((long) users);
        assertThat(profile.toString()).contains("RampOpenInjection(" + users + ",");
    }

    @Test
    void rampShorterThanHalfASecondIsEveryoneAtOnceBecauseGatlingWouldBringNoOne() {
        InjectionProfile profile = profile("ramp", 5, Duration.ofMillis(400), HOLD);
        assertThat(profile.toString()).contains("AtOnceOpenInjection(5)");
        assertThat(Injection.parse("ramp").describe(5, Duration.ofMillis(400), HOLD)).isEqualTo("5 users arriving at once");
    }

    @Test
    void rampIsRoundedToWholeSeconds() {
        assertThat(profile("ramp", 5, Duration.ofMillis(1600), HOLD).toString()).contains("RampOpenInjection(5,2 seconds)");
        assertThat(profile("ramp", 5, Duration.ofMillis(500), HOLD).toString()).contains("RampOpenInjection(5,1 second)");
    }

    @Test
    void closedRampsConcurrencyThenHoldsIt() {
        InjectionProfile profile = profile("closed", 50, RAMP, HOLD);
        assertThat(profile).isInstanceOf(ClosedInjectionProfile.class);
        assertThat(profile.toString())
                .contains("RampConcurrentUsersInjection(0,50,20 seconds)")
                .contains("ConstantConcurrentUsersInjection(50,60 seconds)");
    }

    @Test
    void closedWithoutRampStartsAtFullConcurrency() {
        InjectionProfile profile = profile("closed", 50, Duration.ZERO, HOLD);
        assertThat(profile.toString())
                .doesNotContain("RampConcurrentUsersInjection")
                .contains("ConstantConcurrentUsersInjection(50,60 seconds)");
    }

    @Test
    void closedNeedsAHold() {
        assertThatThrownBy(() -> profile("closed", 50, RAMP, Duration.ZERO))
                .isInstanceOf(BadInputException.class)
                .hasMessage("closed injection keeps 50 users in for the hold, but the hold is 0s; give a hold of at least 1s, e.g. 60s");
        assertThatThrownBy(() -> profile("closed", 50, RAMP, Duration.ofMillis(400)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("closed injection keeps 50 users in for the hold, but the hold is 400ms; give a hold of at least 1s, e.g. 60s");
    }

    @Test
    void badNumbersAreRejectedWithTheValue() {
        assertThatThrownBy(() -> profile("ramp", 0, RAMP, HOLD))
                .isInstanceOf(BadInputException.class)
                .hasMessage("a load needs at least 1 user, got 0");
        assertThatThrownBy(() -> profile("ramp", 5, Duration.ofSeconds(-5), HOLD))
                .isInstanceOf(BadInputException.class)
                .hasMessage("the ramp must be 0s or more, got -5s");
        assertThatThrownBy(() -> profile("once", 5, RAMP, Duration.ofMillis(-1500)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("the hold must be 0s or more, got -1500ms");
    }

    @Test
    void describesEachModelInASentence() {
        assertThat(Injection.parse("once").describe(1, RAMP, HOLD)).isEqualTo("1 user arriving at once");
        assertThat(Injection.parse("ramp").describe(100, RAMP, HOLD)).isEqualTo("100 users arriving over 20s");
        assertThat(Injection.parse("rate:5/s").describe(100, RAMP, HOLD)).isEqualTo("100 users arriving at 5/s over 20s");
        assertThat(Injection.parse("closed").describe(50, RAMP, HOLD))
                .isEqualTo("rising to 50 users in at a time for 1m after a 20s ramp");
    }

    private static InjectionProfile profile(String text, int users, Duration ramp, Duration hold) {
        return Injection.parse(text).applyTo(scenario("peers"), users, ramp, hold).asScala().injectionProfile();
    }
}
