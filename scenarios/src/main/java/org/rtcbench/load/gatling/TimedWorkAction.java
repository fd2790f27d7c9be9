package org.rtcbench.load.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.commons.util.Clock;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.action.BlockExit;
import io.gatling.core.action.BlockExit$;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * The Gatling action behind {@link TimedAction}: hands the work to its own threads, times it with
 * Gatling's clock, records it with the stats engine and continues on the user's event loop.
 *
 * <p>This implements Gatling's internal Scala {@code Action} trait (there is no public Java API
 * for custom request timings), so it is tied to the Gatling version pinned in the parent pom;
 * {@code TimedActionIT} runs it for real to catch any change.
 */
final class TimedWorkAction implements Action {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TimedWorkAction.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final String requestName;
    private final SteppedWork work;
    private final boolean timesWhole;
    private final StatsEngine statsEngine;
    private final Clock clock;
    private final Action next;
    private final ExecutorService workers;
    private Logger scalaLogger = Logger.apply(LOG);

    private TimedWorkAction(String requestName, SteppedWork work, boolean timesWhole, CoreComponents core, Action next,
                            ExecutorService workers) {
        this.requestName = requestName;
        this.work = work;
        this.timesWhole = timesWhole;
        this.statsEngine = core.statsEngine();
        this.clock = core.clock();
        this.next = next;
        this.workers = workers;
    }

    /** Builds the action for one run and ties its worker threads to the run's lifetime. */
    static TimedWorkAction start(String requestName, SteppedWork work, boolean timesWhole, CoreComponents core, Action next) {
        // Unbounded and thread-per-blocked-user on purpose: hundreds of peers may wait for ICE at
        // the same time, and a bounded pool would queue them and add its queueing to their times.
        // Idle threads die after 10 s, so a finished ramp does not keep hundreds of them.
        ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads(requestName));
        // Gatling shuts its event loops down when a run ends (also on a crash): that is the one
        // signal every launcher gives, so the workers stop with it. Work still blocking then
        // belongs to users Gatling has already stopped, hence the interrupt.
        core.eventLoopGroup().terminationFuture().addListener(done -> workers.shutdownNow());
        return new TimedWorkAction(requestName, work, timesWhole, core, next, workers);
    }

    private static ThreadFactory threads(String requestName) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "rtcbench-timed-" + pool + "-" + requestName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String name() {
        return requestName;
    }

    @Override
    public void execute(Session session) {
        // What Gatling's ExitableAction does first: inside exitBlockOnFail or tryMax, a user
        // that already failed leaves the block here instead of doing more work.
        Option<BlockExit> exit = BlockExit$.MODULE$.mustExit(session);
        if (exit.isDefined()) {
            exit.get().exitBlock(statsEngine, clock.nowMillis());
            return;
        }
        try {
            workers.execute(() -> runWork(session));
        } catch (RejectedExecutionException e) {
            // The run is over (workers shut down with the event loops): nothing left to time.
            LOG.debug("'{}' not started for user {}: the run has ended", requestName, session.userId());
        }
    }

    private void runWork(Session session) {
        // Timed here, on the worker, so the figure is the work's own duration and not the
        // generator's scheduling.
        long start = clock.nowMillis();
        Session after;
        Status status;
        String message;
        java.util.concurrent.atomic.AtomicBoolean recordedFailure = new java.util.concurrent.atomic.AtomicBoolean();
        org.rtcbench.load.Recorder recorder = (request, startMs, endMs, failure) -> {
            if (failure != null) {
                recordedFailure.set(true);
            }
            log(session, request, startMs, endMs, failure);
        };
        try {
            io.gatling.javaapi.core.Session result = work.run(new io.gatling.javaapi.core.Session(session), recorder);
            if (result == null) {
                throw new IllegalStateException("the timed work returned no session");
            }
            after = result.asScala();
            status = OK$.MODULE$;
            message = null;
        } catch (Throwable failure) {
            // Every failure, even an Error, must end in a KO and a continued user: a user that
            // never reaches `next` keeps the whole simulation from finishing.
            after = session.markAsFailed();
            status = KO$.MODULE$;
            message = messageOf(failure);
            LOG.debug("'{}' failed for user {}", requestName, session.userId(), failure);
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        long end = clock.nowMillis();
        Session timed = timesWhole ? after.logGroupRequestTimings(start, end) : after;
        boolean logWhole = timesWhole || (status == KO$.MODULE$ && !recordedFailure.get());
        Status outcome = status;
        String reason = message;
        try {
            // Back on the user's own event loop, as Gatling's own actions record and continue.
            session.eventLoop().execute(() -> {
                if (logWhole) {
                    statsEngine.logResponse(session.scenario(), session.groups(), requestName, start, end,
                            outcome, Option.empty(), Option.apply(reason));
                }
                next.$bang(timed);
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("'{}' finished for user {} after the run ended; not recorded", requestName, session.userId());
        }
    }

    /** Records one request that stepped work timed itself, on the user's event loop like Gatling's own actions. */
    private void log(Session session, String request, long startMs, long endMs, String failure) {
        Status status = failure == null ? OK$.MODULE$ : KO$.MODULE$;
        try {
            session.eventLoop().execute(() -> statsEngine.logResponse(session.scenario(), session.groups(), request,
                    startMs, endMs, status, Option.empty(), Option.apply(failure)));
        } catch (RejectedExecutionException e) {
            LOG.debug("'{}' finished for user {} after the run ended; not recorded", request, session.userId());
        }
    }

    static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message;
    }

    @Override
    public Logger logger() {
        return scalaLogger;
    }

    // Scala's StrictLogging trait sets its logger through this setter; Scala classes call it from
    // their constructor, Java ones do not, so the field above is initialised directly.
    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
        this.scalaLogger = logger;
    }
}
