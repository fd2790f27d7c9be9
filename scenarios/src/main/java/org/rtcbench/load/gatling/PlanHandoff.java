package org.rtcbench.load.gatling;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hands the plan of a run (users, durations, target, ...) to the simulation instance that Gatling
 * creates from its class with the no-argument constructor.
 *
 * <p>{@link GatlingRun#withPlan} puts the plan here for the duration of the run, and the
 * simulation takes it while it is being constructed, typically in a field initialiser:
 * <pre>{@code
 * public final class JoinSimulation extends Simulation {
 *     private final JoinPlan plan = PlanHandoff.receive(JoinPlan.class);
 *     { setUp(...built from plan...); }
 * }
 * }</pre>
 * The plan is held per thread: Gatling builds the simulation on the thread that called
 * {@link GatlingRun#runIn}, so runs started from different threads each see their own plan and
 * nothing global is left behind afterwards. Read it in the constructor and keep it in a field:
 * scenario code runs later on Gatling's event loops, where no plan is offered.
 */
public final class PlanHandoff {
    private static final ThreadLocal<Object> OFFERED = new ThreadLocal<>();

    private PlanHandoff() {
    }

    /**
     * The plan offered to the simulation being built on this thread.
     *
     * @throws IllegalStateException when no plan, or a plan of another type, is offered: the
     *     simulation was started by some other launcher, or with the wrong plan
     */
    public static <T> T receive(Class<T> type) {
        Object plan = OFFERED.get();
        if (plan == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " was offered to this simulation: "
                    + "run it with GatlingRun.of(simulation).withPlan(plan), and read the plan in its constructor");
        }
        if (!type.isInstance(plan)) {
            throw new IllegalStateException("this simulation expects a " + type.getSimpleName()
                    + " but was offered a " + plan.getClass().getSimpleName());
        }
        return type.cast(plan);
    }

    /** Offers {@code plan} to simulations built on this thread while {@code run} runs. */
    static <R> R offering(Object plan, Supplier<R> run) {
        Object before = OFFERED.get();
        OFFERED.set(Objects.requireNonNull(plan, "plan"));
        try {
            return run.get();
        } finally {
            if (before == null) {
                OFFERED.remove();
            } else {
                OFFERED.set(before);
            }
        }
    }
}
