package org.rtcbench.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.rtcbench.core.scenario.LoadSpec;
import org.rtcbench.core.scenario.Shard;

/**
 * What a load simulation runs: the load's shape, what the users share, the rooms, where timings
 * go besides Gatling, and when the hold is over (its end, or the run was stopped). Users are
 * handed out in arrival order: round-robin over the rooms, and within a room its publishers
 * first, so subscribers mostly find their publishers already there.
 */
public final class LoadPlan {
    private final LoadSpec spec;
    private final Shard shard;
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
        this(spec, Shard.WHOLE, context, rooms, timings, over, stopped);
    }

    /** One shard's plan: its users are those of the whole run whose place is the shard's, named as in the whole run. */
    public LoadPlan(LoadSpec spec, Shard shard, LoadContext context, List<Long> rooms, Recorder timings, BooleanSupplier over,
                    BooleanSupplier stopped) {
        this.spec = spec;
        this.shard = shard;
        this.context = context;
        this.rooms = List.copyOf(rooms);
        this.timings = timings;
        this.over = over;
        this.stopped = stopped;
    }

    public LoadSpec spec() {
        return spec;
    }

    /** How many processes share the run: 1, or N of {@code --shard I/N}. */
    public int shards() {
        return shard.count();
    }

    /** The users this process injects: the whole run's, or its shard's share. */
    public int users() {
        return shard.users(spec.users());
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
        int k = shard.globalIndex(next.getAndIncrement());
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
