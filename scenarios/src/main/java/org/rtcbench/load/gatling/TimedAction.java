package org.rtcbench.load.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import java.util.Objects;

/**
 * A Gatling request whose response time is the duration of blocking Java work, so join, ICE and
 * first-frame times show up in Gatling's statistics and HTML report like HTTP requests do.
 *
 * <p>Use it wherever the Java DSL takes an action: {@code exec(timed("join", session -> ...))}.
 * The work runs on its own threads, never on Gatling's event loop, so hundreds of users can block
 * at once without stalling the others. A successful run is logged OK; an exception is logged KO
 * with its message and marks the virtual user failed, so {@code exitHereIfFailed()},
 * {@code exitBlockOnFail} and {@code tryMax} behave as they do after a failed HTTP request.
 */
public final class TimedAction implements ActionBuilder {
    private final String requestName;
    private final SteppedWork work;
    private final boolean timesWhole;

    private TimedAction(String requestName, SteppedWork work, boolean timesWhole) {
        this.requestName = requestName;
        this.work = work;
        this.timesWhole = timesWhole;
    }

    /** A request named {@code requestName} (as it appears in the report) that times {@code work}. */
    public static TimedAction timed(String requestName, TimedWork work) {
        Objects.requireNonNull(requestName, "requestName");
        Objects.requireNonNull(work, "work");
        if (requestName.isBlank()) {
            throw new IllegalArgumentException("a timed request needs a name, e.g. \"join\"");
        }
        return new TimedAction(requestName, (session, recorder) -> work.run(session), true);
    }

    /**
     * An action named {@code name} whose blocking work records its own requests, any number of
     * them, through a {@link org.rtcbench.load.Recorder}. When the work fails without having
     * recorded a failure itself, a KO request named {@code name} carries the reason.
     */
    public static TimedAction stepped(String name, SteppedWork work) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        return new TimedAction(name, work, false);
    }

    /** The name this request has in simulation.log and the report. */
    public String requestName() {
        return requestName;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return new io.gatling.core.action.builder.ActionBuilder() {
            @Override
            public Action build(ScenarioContext ctx, Action next) {
                return TimedWorkAction.start(requestName, work, timesWhole, ctx.coreComponents(), next);
            }
        };
    }
}
