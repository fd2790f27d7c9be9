package org.rtcbench.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.rtcbench.load.gatling.TimedAction.timed;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the WebRTC load simulation: each user "joins" and "connects" by sleeping, then
 * waits for a "first frame" and "renders" it in a group; every second user's first frame never
 * comes, which ends its media block and then the user, so only users that got one "leave".
 */
public final class TimedPeersSimulation extends Simulation {
    /** What {@link TimedActionIT} asks of one run. */
    public record Plan(int users, String injection, Duration ramp, Duration joinTime, Duration iceTime,
                       boolean assertNoFailures) {
    }

    private final Plan plan = PlanHandoff.receive(Plan.class);
    private final AtomicInteger firstFrames = new AtomicInteger();

    {
        ScenarioBuilder peers = scenario("peers")
                .exec(timed("join", session -> {
                    Thread.sleep(plan.joinTime().toMillis());
                    return session.set("joined", true);
                }))
                .exec(timed("ice-connected", session -> {
                    if (!session.getBoolean("joined")) {
                        throw new IllegalStateException("the join's session was lost");
                    }
                    Thread.sleep(plan.iceTime().toMillis());
                    return session;
                }))
                .group("media").on(exitBlockOnFail().on(
                        timed("first-frame", session -> {
                            if (firstFrames.incrementAndGet() % 2 == 0) {
                                throw new IllegalStateException("no frame within 0s from peer " + session.userId());
                            }
                            return session;
                        }),
                        // Users without a first frame leave the block before this one.
                        timed("render", session -> session)))
                .exitHereIfFailed()
                .exec(timed("leave", session -> session));
        SetUp setUp = setUp(Injection.parse(plan.injection()).applyTo(peers, plan.users(), plan.ramp(), Duration.ZERO));
        if (plan.assertNoFailures()) {
            setUp.assertions(global().failedRequests().count().is(0L));
        }
    }
}
