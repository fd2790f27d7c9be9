package org.rtcbench.core.target;

import org.rtcbench.core.scenario.TargetSpec;

/**
 * One kind of target ({@code p2p}, {@code janus}, ...): checks a scenario's {@code target:} of its
 * type and opens it for a run. Registered in one place (the targets module's {@code Targets}).
 */
public interface TargetType {

    /** As {@code target.type} writes it. */
    String id();

    /** How the terminal names it, e.g. "Janus" in "through a local Janus". */
    default String label() {
        return id();
    }

    /** Whether its targets make pairwise calls (a call scenario, the interop matrix). */
    boolean makesCalls();

    /** Whether its targets have rooms to publish into and subscribe from (a load run). */
    boolean hasRooms();

    /** Whether its targets give each peer a session of its own (WHIP, WHEP): a call run's peers each start one. */
    default boolean hasStreams() {
        return false;
    }

    /**
     * Checks the fields of a spec of this type (e.g. that a url is Janus's API) before anything starts.
     *
     * @throws IllegalArgumentException with what is wrong
     */
    void validate(TargetSpec spec);

    /**
     * Opens a target for one run: connects to it, or starts its local server.
     *
     * @throws org.rtcbench.core.BadInputException when it cannot be reached or started
     */
    Target open(TargetSpec spec, TargetContext context);

    /**
     * A type from its parts: its id and label, what its targets offer, how it checks a spec's fields
     * (throwing IllegalArgumentException), and how it opens a target.
     */
    static TargetType of(String id, String label, boolean makesCalls, boolean hasRooms, java.util.function.Consumer<TargetSpec> validate,
                         java.util.function.BiFunction<TargetSpec, TargetContext, Target> open) {
        return new TargetType() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public boolean makesCalls() {
                return makesCalls;
            }

            @Override
            public boolean hasRooms() {
                return hasRooms;
            }

            @Override
            public void validate(TargetSpec spec) {
                validate.accept(spec);
            }

            @Override
            public Target open(TargetSpec spec, TargetContext context) {
                return open.apply(spec, context);
            }

            @Override
            public String toString() {
                return id;
            }
        };
    }
}
