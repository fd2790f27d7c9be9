package org.rtcbench.load.gatling;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.gatling.app.RunResult;
import io.gatling.app.RunResultProcessor;
import io.gatling.app.Runner$;
import io.gatling.app.cli.StatusCode;
import io.gatling.core.actor.ActorSystem;
import io.gatling.core.cli.GatlingArgs;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.config.GatlingConfiguration$;
import io.gatling.javaapi.core.Simulation;
import io.gatling.netty.util.Transports;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.rtcbench.core.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Console$;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs one Gatling simulation inside this JVM and returns where its log and HTML report are,
 * without {@code System.exit}, without the network, and writing only under the results folder.
 *
 * <pre>{@code
 * GatlingResult result = GatlingRun.of(JoinSimulation.class).withPlan(plan).runIn(runDir.resolve("gatling"));
 * }</pre>
 *
 * <p>It does what {@code io.gatling.app.Gatling.main} does, minus three things that do not fit
 * inside rtcbench: Gatling's main stops logback when it finishes (which would silence the CLI's
 * own log file for the rest of the process), Gatling asks search.maven.org for a newer release
 * (see {@link ReleaseCheck}), and it prints progress to stdout (here it goes to the log). The
 * configuration is fixed here rather than read from a {@code gatling.conf} on the class path,
 * so every run behaves the same; {@code -Dgatling.*} system properties still override it, as
 * they do for Gatling.
 *
 * <p>Runs in one JVM take turns: Gatling keeps its configuration in a static field while a
 * simulation is built, so a second run waits until the first has finished.
 */
public final class GatlingRun {
    private static final Logger LOG = LoggerFactory.getLogger(GatlingRun.class);
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

    /**
     * Settings that keep Gatling offline, on the given folder, and quiet. Native transports and
     * OpenSSL stay off because loading them unpacks shared libraries into the temp folder, and
     * the jar leaves Gatling's OpenSSL natives out (with OpenSSL on, Gatling refuses to start);
     * rtcbench's load is WebRTC, not Gatling HTTP, so the JDK's NIO and TLS are enough.
     */
    private static final Map<String, Object> SETTINGS = Map.of(
            "gatling.data.enableAnalytics", false,
            "gatling.data.writers", List.of("file"),
            "gatling.http.warmUpUrl", "",
            "gatling.netty.useNativeTransport", false,
            "gatling.ssl.useOpenSsl", false);

    private final Class<? extends Simulation> simulation;
    private final Object plan;
    private final String description;

    private GatlingRun(Class<? extends Simulation> simulation, Object plan, String description) {
        this.simulation = simulation;
        this.plan = plan;
        this.description = description;
    }

    /** A run of {@code simulation}, a Java DSL simulation with a public no-argument constructor. */
    public static GatlingRun of(Class<? extends Simulation> simulation) {
        return new GatlingRun(Objects.requireNonNull(simulation, "simulation"), null, null);
    }

    /** Offers {@code plan} to the simulation while it is built: see {@link PlanHandoff#receive}. */
    public GatlingRun withPlan(Object plan) {
        return new GatlingRun(simulation, Objects.requireNonNull(plan, "plan"), description);
    }

    /** The run description shown at the top of Gatling's report. */
    public GatlingRun withDescription(String description) {
        return new GatlingRun(simulation, plan, Objects.requireNonNull(description, "description"));
    }

    /**
     * Runs the simulation to its end and generates its report in a new folder under
     * {@code resultsDirectory} (created if missing).
     *
     * @throws BadInputException when the JVM lacks the option Gatling needs, or the simulation
     *     rejected its plan with a BadInputException
     * @throws IllegalStateException when Gatling could not build or run the simulation
     */
    public GatlingResult runIn(Path resultsDirectory) {
        requireOpenJavaLang();
        Path results = resultsDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(results);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Gatling results folder " + results, e);
        }
        ONE_AT_A_TIME.lock();
        try {
            quietGatlingLogs();
            ReleaseCheck.skip();
            GatlingArgs args = new GatlingArgs(Option.apply(simulation.getName()), Option.apply(description), false,
                    Option.empty(), Option.apply(results), Option.apply("rtcbench"), Option.empty());
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
                // Gatling prints its report progress with Scala's println; the CLI's stdout belongs
                // to rtcbench, so that text goes to the log instead.
                return Console$.MODULE$.withOut(out, () -> plan == null
                        ? run(args, results)
                        : PlanHandoff.offering(plan, () -> run(args, results)));
            } finally {
                String printed = console.toString(StandardCharsets.UTF_8).strip();
                if (!printed.isEmpty()) {
                    LOG.info("Gatling printed:\n{}", printed);
                }
            }
        } finally {
            ONE_AT_A_TIME.unlock();
        }
    }

    private GatlingResult run(GatlingArgs args, Path results) {
        GatlingConfiguration configuration = configuration();
        RunResult runResult;
        ActorSystem actors = new ActorSystem();
        EventLoopGroup eventLoops = Transports.newEventLoopGroup(configuration.netty().useNativeTransport(),
                configuration.netty().useIoUring(), 0, "gatling");
        try {
            runResult = Runner$.MODULE$.apply(actors, eventLoops, args, configuration).run();
        } catch (Exception e) {
            // Also checked ones: Scala code throws, e.g., the InvocationTargetException of a
            // simulation constructor that failed.
            throw failure(e);
        } finally {
            try {
                actors.close();
            } catch (RuntimeException e) {
                LOG.debug("Gatling's actor system did not close cleanly", e);
            }
            eventLoops.shutdownGracefully(0, configuration.core().shutdownTimeout(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly();
        }
        int status;
        try {
            status = new RunResultProcessor(args, configuration).processRunResult(runResult).code();
        } catch (Exception e) {
            throw failure(e);
        }
        Path runDirectory = results.resolve(runResult.runId());
        LOG.info("Gatling run {} of {} finished with status {}; report {}", runResult.runId(),
                simulation.getSimpleName(), status, runDirectory.resolve("index.html"));
        return new GatlingResult(runResult.runId(), status, status == StatusCode.AssertionsFailed$.MODULE$.code(),
                runDirectory, runDirectory.resolve("simulation.log"), runDirectory.resolve("index.html"));
    }

    private static GatlingConfiguration configuration() {
        List<Tuple2<String, ?>> settings = SETTINGS.entrySet().stream()
                .<Tuple2<String, ?>>map(e -> Tuple2.apply(e.getKey(), e.getValue()))
                .toList();
        // loadForTest layers these over gatling-defaults.conf (under -D system properties) and,
        // unlike load(), ignores any gatling.conf a dependency might put on the class path.
        return GatlingConfiguration$.MODULE$.loadForTest(CollectionConverters.asScala(settings).toList());
    }

    /** Keeps a BadInputException (a simulation rejecting its plan) as it is, so the CLI exits 2. */
    private RuntimeException failure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException bad) {
                return bad;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new IllegalStateException("Gatling could not run " + simulation.getSimpleName() + ": "
                + TimedWorkAction.messageOf(root), e);
    }

    /**
     * Gatling writes simulation.log by reading String internals, which Java 17 only allows with
     * {@code --add-opens java.base/java.lang=ALL-UNNAMED}; say so before Gatling fails obscurely.
     */
    private static void requireOpenJavaLang() {
        boolean open;
        try {
            open = String.class.getDeclaredField("value").trySetAccessible();
        } catch (NoSuchFieldException e) {
            open = false;
        }
        if (!open) {
            throw new BadInputException("Gatling needs the JVM option --add-opens java.base/java.lang=ALL-UNNAMED: "
                    + "start rtcbench with ./rtcbench or java -jar rtcbench.jar (both add it), or add it to your java command");
        }
    }

    /**
     * Gatling logs at INFO from many places; WARN is what a user of rtcbench wants from it. Only
     * set when nobody configured the {@code io.gatling} logger, so a logback.xml still decides.
     */
    private static void quietGatlingLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            ch.qos.logback.classic.Logger gatling = logback.getLogger("io.gatling");
            if (gatling.getLevel() == null) {
                gatling.setLevel(Level.WARN);
            }
        }
    }
}
