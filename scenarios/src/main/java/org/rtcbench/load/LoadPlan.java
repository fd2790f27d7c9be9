package org.rtcbench.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.rtcbench.core.scenario.LoadSpec;

/**
 * What a load simulation runs: the load's shape, what the users share, the rooms, where timings
 * go besides Gatling, and when the hold is over (its end, or the run was stopped). Users are
 * handed out in arrival order: round-robin over the rooms, and within a room its publishers
 * first, so subscribers mostly find their publishers already there.
 */
public final class LoadPlan {
    private final LoadSpec spec;
    private final LoadContext context;
    private final List<Long> rooms;
    private final Recorder timings;
    private final BooleanSupplier over;
    private final BooleanSupplier stopped;
    private final AtomicInteger next = new AtomicInteger();
    private final List<LoadUser> users = new CopyOnWriteArrayList<>();

    /**
     * @param over    whether the hold is over: its end came, or the run was stopped
     * @param stopped whether the run was stopped early (a signal, the target died): Gatling then stops injecting too
     */
    public LoadPlan(LoadSpec spec, LoadContext context, List<Long> rooms, Recorder timings, BooleanSupplier over,
                    BooleanSupplier stopped) {
        this.spec = spec;
        this.context = context;
        this.rooms = List.copyOf(rooms);
        this.timings = timings;
        this.over = over;
        this.stopped = stopped;
    }

    public LoadSpec spec() {
        return spec;
    }

    /** Where every timing goes besides Gatling: the run's load summary. */
    public Recorder timings() {
        return timings;
    }

    /** Whether users should stop holding and leave: the hold ended, or the run was stopped. */
    public boolean over() {
        return over.getAsBoolean();
    }

    /** Whether the run was stopped early, so no more users should arrive. */
    public boolean stopped() {
        return stopped.getAsBoolean();
    }

    /** The next arriving user. Beyond the planned users (a closed model replacing those that left), the shape repeats. */
    public LoadUser nextUser() {
        int k = next.getAndIncrement();
        int perRoom = spec.publishers() + spec.subscribers();
        int room = k % rooms.size();
        int ordinal = (k / rooms.size()) % perRoom;
        int round = k / spec.users();
        boolean publisher = ordinal < spec.publishers();
        String name = "r" + (room + 1) + "-" + (publisher ? "pub-" + (ordinal + 1) : "sub-" + (ordinal - spec.publishers() + 1))
                + (round > 0 ? "-" + (round + 1) : "");
        LoadUser user = new LoadUser(context, name, publisher, rooms.get(room));
        users.add(user);
        return user;
    }

    /** Closes every user's peer that is still open, without talking to the target (the run is being torn down). */
    public void abandonAll() {
        users.forEach(LoadUser::abandon);
    }
}
