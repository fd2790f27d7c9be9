package org.rtcbench.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Durations;

/**
 * How virtual users arrive, as written in a scenario or on the command line: {@code once},
 * {@code ramp}, {@code rate:5/s} (open models: users arrive whatever the system's state) or
 * {@code closed} (a closed model: a fixed number of users are in at any time).
 *
 * <p>The user count and the ramp and hold durations are given when the injection is applied,
 * so one scenario's text can be reused for different sizes:
 * <ul>
 * <li>{@code once}: all users arrive at once ({@code atOnceUsers(users)}).
 * <li>{@code ramp}: users arrive evenly over the ramp ({@code rampUsers(users).during(ramp)}).
 * <li>{@code rate:R/s} or {@code rate:R/m}: users arrive at a constant rate R until all have
 *     arrived, which takes {@code users / R}; the ramp is not used.
 * <li>{@code closed}: the number of users in the system rises to {@code users} over the ramp,
 *     then stays there for the hold, a new user starting whenever one finishes
 *     ({@code rampConcurrentUsers(0).to(users).during(ramp)}, then
 *     {@code constantConcurrentUsers(users).during(hold)}).
 * </ul>
 * In the open models how long each user stays (the hold of a peer in a room) is the scenario's
 * business; only the closed model uses the hold, as the time it keeps the count up.
 *
 * <p>Gatling schedules arrivals per whole second and drops the rest of a duration: a ramp of
 * 500 ms would bring no user at all. So durations are rounded to whole seconds here, and the
 * {@link #describe description} says what Gatling will actually do.
 */
public sealed interface Injection {
    /** What {@link #parse} accepts, for messages and {@code --help}. */
    String FORMS = "once, ramp, rate:<users>/s, rate:<users>/m, closed";

    /** Parses an injection such as {@code ramp} or {@code rate:5/s}; see {@link #parse(String, String)}. */
    static Injection parse(String text) {
        return parse(text, "injection");
    }

    /**
     * Parses an injection, naming {@code where} (a flag such as {@code --injection}, or a scenario
     * field) in the message of the exception when the text is not one.
     *
     * @throws BadInputException with a one-line message saying what is wrong and what is allowed
     */
    static Injection parse(String text, String where) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new BadInputException(where + " is empty; write one of: " + FORMS);
        }
        switch (s) {
            case "once":
                return new Once();
            case "ramp":
                return new Ramp();
            case "closed":
                return new Closed();
            default:
                break;
        }
        if (s.startsWith("rate")) {
            return Rate.parse(s, where + " '" + text.trim() + "'");
        }
        throw new BadInputException(where + " '" + text.trim() + "' is not an injection; write one of: " + FORMS);
    }

    /**
     * The population of {@code scenario}: {@code users} virtual users arriving the way this
     * injection says.
     *
     * @throws BadInputException when the numbers do not make a load (no users, negative times,
     *     or a closed model with nothing to hold)
     */
    PopulationBuilder applyTo(ScenarioBuilder scenario, int users, Duration ramp, Duration hold);

    /** This injection as one of {@code shards} processes runs it: the same shape, a rate split between them. */
    default Injection shared(int shards) {
        return this;
    }

    /** A sentence for the console and the report, e.g. {@code 100 users arriving over 20s}. */
    String describe(int users, Duration ramp, Duration hold);

    /** The canonical text of this injection, which {@link #parse} reads back. */
    String text();

    /** All users at once. */
    record Once() implements Injection {
        @Override
        public PopulationBuilder applyTo(ScenarioBuilder scenario, int users, Duration ramp, Duration hold) {
            checkLoad(users, ramp, hold);
            return scenario.injectOpen(atOnceUsers(users));
        }

        @Override
        public String describe(int users, Duration ramp, Duration hold) {
            return users(users) + " arriving at once";
        }

        @Override
        public String text() {
            return "once";
        }
    }

    /** Users arriving evenly over the ramp. */
    record Ramp() implements Injection {
        @Override
        public PopulationBuilder applyTo(ScenarioBuilder scenario, int users, Duration ramp, Duration hold) {
            checkLoad(users, ramp, hold);
            Duration seconds = wholeSeconds(ramp);
            // A ramp that rounds to nothing is everyone at once (Gatling would bring no one).
            return seconds.isZero()
                    ? scenario.injectOpen(atOnceUsers(users))
                    : scenario.injectOpen(rampUsers(users).during(seconds));
        }

        @Override
        public String describe(int users, Duration ramp, Duration hold) {
            Duration seconds = wholeSeconds(ramp);
            return seconds.isZero()
                    ? users(users) + " arriving at once"
                    : users(users) + " arriving over " + Durations.format(seconds);
        }

        @Override
        public String text() {
            return "ramp";
        }
    }

    /**
     * Users arriving at a constant rate until all have arrived.
     *
     * @param perSecond arrivals per second, more than 0
     */
    record Rate(double perSecond) implements Injection {
        private static final Pattern FORM = Pattern.compile("rate:(\\d+(?:\\.\\d+)?)/(s|m)");

        /** A rate of {@code perSecond} users a second. */
        public Rate {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new BadInputException("an arrival rate must be more than 0 users a second, got " + perSecond);
            }
        }

        @Override
        public Injection shared(int shards) {
            return new Rate(perSecond / shards);
        }

        static Rate parse(String s, String where) {
            Matcher m = FORM.matcher(s);
            if (!m.matches()) {
                throw new BadInputException(where + " is not a rate; write rate:<users>/s or rate:<users>/m, e.g. rate:5/s");
            }
            double value = Double.parseDouble(m.group(1));
            if (value <= 0) {
                throw new BadInputException(where + " has a rate of 0; users must arrive at more than 0 a second, e.g. rate:5/s");
            }
            return new Rate(m.group(2).equals("m") ? value / 60 : value);
        }

        /**
         * How long arrivals last: the time {@code users} take to arrive at this rate, in whole
         * seconds and at least one.
         */
        public Duration arrivalTime(int users) {
            return Duration.ofSeconds(Math.max(1, Math.round(users / perSecond)));
        }

        @Override
        public PopulationBuilder applyTo(ScenarioBuilder scenario, int users, Duration ramp, Duration hold) {
            checkLoad(users, ramp, hold);
            // rampUsers spaces its users evenly, at this rate, and brings exactly `users`;
            // constantUsersPerSec multiplies by whole seconds (7/s over 35.7s gives 245, not 250).
            return scenario.injectOpen(rampUsers(users).during(arrivalTime(users)));
        }

        @Override
        public String describe(int users, Duration ramp, Duration hold) {
            return users(users) + " arriving at " + number(perSecond) + "/s over "
                    + Durations.format(arrivalTime(users));
        }

        @Override
        public String text() {
            return "rate:" + number(perSecond) + "/s";
        }

        private static String number(double value) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    /** A fixed number of users in the system: ramped up to, then held. */
    record Closed() implements Injection {
        @Override
        public PopulationBuilder applyTo(ScenarioBuilder scenario, int users, Duration ramp, Duration hold) {
            checkLoad(users, ramp, hold);
            Duration rampSeconds = wholeSeconds(ramp);
            Duration holdSeconds = wholeSeconds(hold);
            if (holdSeconds.isZero()) {
                throw new BadInputException("closed injection keeps " + users(users) + " in for the hold, but the hold is "
                        + Durations.format(hold) + "; give a hold of at least 1s, e.g. 60s");
            }
            return rampSeconds.isZero()
                    ? scenario.injectClosed(constantConcurrentUsers(users).during(holdSeconds))
                    : scenario.injectClosed(rampConcurrentUsers(0).to(users).during(rampSeconds),
                            constantConcurrentUsers(users).during(holdSeconds));
        }

        @Override
        public String describe(int users, Duration ramp, Duration hold) {
            Duration rampSeconds = wholeSeconds(ramp);
            String held = users(users) + " in at a time for " + Durations.format(wholeSeconds(hold));
            return rampSeconds.isZero() ? held : "rising to " + held + " after a " + Durations.format(rampSeconds) + " ramp";
        }

        @Override
        public String text() {
            return "closed";
        }
    }

    /** The checks every injection makes on the numbers it is applied with. */
    private static void checkLoad(int users, Duration ramp, Duration hold) {
        Objects.requireNonNull(ramp, "ramp");
        Objects.requireNonNull(hold, "hold");
        if (users < 1) {
            throw new BadInputException("a load needs at least 1 user, got " + users);
        }
        if (ramp.isNegative()) {
            throw new BadInputException("the ramp must be 0s or more, got " + Durations.format(ramp));
        }
        if (hold.isNegative()) {
            throw new BadInputException("the hold must be 0s or more, got " + Durations.format(hold));
        }
    }

    /** The duration Gatling will use: rounded to the nearest whole second. */
    private static Duration wholeSeconds(Duration d) {
        return Duration.ofSeconds(Math.round(d.toMillis() / 1000.0));
    }

    private static String users(int users) {
        return users == 1 ? "1 user" : users + " users";
    }
}
