package org.rtcbench.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import org.rtcbench.load.LoadPlan;
import org.rtcbench.load.LoadUser;
import org.rtcbench.load.Recorder;

/**
 * The Gatling simulation of a load run: each virtual user is one synthetic peer that joins
 * (publishing or subscribing), holds until the plan says the hold is over, and leaves. Join,
 * ICE-connected and first-frame times become Gatling requests, and go to the run's own summary
 * too. A user that arrives after the hold ended (a closed model refilling at the end) does nothing.
 */
public final class LoadSimulation extends Simulation {
    private static final String USER = "rtcbench.user";

    private final LoadPlan plan = PlanHandoff.receive(LoadPlan.class);

    {
        ScenarioBuilder users = scenario("rtcbench load")
                // A run stopped early (a signal, Janus died) stops injecting at once, not after the ramp.
                .exec(stopLoadGeneratorIf(session -> "the run was stopped", session -> plan.stopped()))
                .exec(TimedAction.stepped("join", (session, rec) -> {
                    if (plan.over()) {
                        return session;
                    }
                    LoadUser user = plan.nextUser();
                    Session withUser = session.set(USER, user);
                    user.join(both(rec));
                    return withUser;
                }))
                .exitHereIfFailed()
                .exec(TimedAction.stepped("hold", (session, rec) -> {
                    LoadUser user = session.get(USER);
                    if (user != null) {
                        user.hold(both(rec), plan::over);
                    }
                    return session;
                }))
                .exec(TimedAction.stepped("leave", (session, rec) -> {
                    LoadUser user = session.get(USER);
                    if (user != null) {
                        user.leave(both(rec));
                    }
                    return session;
                }));
        setUp(Injection.parse(plan.spec().injection()).shared(plan.shards()).applyTo(users, plan.users(), plan.spec().ramp(), plan.spec().hold()));
    }

    /** Each timing goes to Gatling and to the run's load summary. */
    private Recorder both(Recorder gatling) {
        return (request, startMs, endMs, failure) -> {
            gatling.record(request, startMs, endMs, failure);
            plan.timings().record(request, startMs, endMs, failure);
        };
    }

    /** Runs the plan's load with Gatling, writing its log and HTML report under {@code resultsDirectory}. */
    public static GatlingResult run(LoadPlan plan, Path resultsDirectory) {
        return GatlingRun.of(LoadSimulation.class).withPlan(plan)
                .withDescription(plan.users() + " synthetic peers, " + plan.spec().injection())
                .runIn(resultsDirectory);
    }
}
