package org.rtcbench.target;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.target.Target;
import org.rtcbench.core.target.TargetContext;
import org.rtcbench.core.target.TargetType;
import org.rtcbench.target.janus.JanusTarget;
import org.rtcbench.target.p2p.P2pRoom;
import org.rtcbench.target.whip.WhipTarget;

/**
 * The one registry of target types: which {@code target.type} values exist and what opens each.
 * A new target is a package under {@code targets/} plus one line in {@link #builtIn()}; a test adds
 * its own with {@link #with}.
 */
public final class Targets {
    private final List<TargetType> types;

    private Targets(List<TargetType> types) {
        this.types = List.copyOf(types);
    }

    /** The targets rtcbench ships: the built-in P2P room, Janus VideoRoom, and WHIP and WHEP endpoints. */
    public static Targets builtIn() {
        return new Targets(List.of(P2pRoom.TYPE, JanusTarget.TYPE, WhipTarget.WHIP, WhipTarget.WHEP));
    }

    /** These types and {@code extra} (replacing one with the same id). */
    public Targets with(TargetType extra) {
        List<TargetType> out = new ArrayList<>(types);
        out.removeIf(t -> t.id().equals(extra.id()));
        out.add(extra);
        return new Targets(out);
    }

    /**
     * The type a spec names, its fields checked.
     *
     * @throws BadInputException when no type has that id, or its fields are wrong for it
     */
    public TargetType typeOf(TargetSpec spec) {
        TargetType type = types.stream().filter(t -> t.id().equals(spec.type())).findFirst()
                .orElseThrow(() -> new BadInputException("unknown target type '" + spec.type() + "' (allowed: "
                        + types.stream().map(TargetType::id).collect(Collectors.joining(", ")) + ")"));
        try {
            type.validate(spec);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("target " + spec.type() + ": " + e.getMessage());
        }
        return type;
    }

    /** Opens the target a spec names for one run. */
    public Target open(TargetSpec spec, TargetContext context) {
        return typeOf(spec).open(spec, context);
    }

    /** Every type, in registration order. */
    public List<TargetType> all() {
        return types;
    }
}
