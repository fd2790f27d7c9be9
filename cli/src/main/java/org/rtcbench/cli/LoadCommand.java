package org.rtcbench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Durations;
import org.rtcbench.core.assertion.Assertion;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.LoadSpec;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.target.TargetType;
import org.rtcbench.target.Targets;
import org.rtcbench.runner.LoadRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rtcbench load}: Gatling ramps synthetic Java peers into Janus VideoRoom rooms; the flags override the scenario's load section. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load-test an SFU: Gatling injects synthetic Java peers (libwebrtc) that join Janus VideoRoom rooms, "
                + "publish 320x240@15 video and audio or subscribe to every publisher of their room, hold, and leave. "
                + "Without --url, rtcbench starts a local Janus (Debian's janus) in a test network namespace and stops it afterwards "
                + "(needs root or CAP_NET_ADMIN).",
                "Prints one line a second (peers joined/connected/failed, receivers' fps and loss, the generator's CPU, timers "
                        + "and frame pacing), flags the run GENERATOR-LIMITED when rtcbench itself saturates, and writes "
                        + "results/<run-id>/ with Gatling's report of join, ICE-connected and first-frame times in gatling/.",
                "Exit codes: 0 passed, 1 failed (an assertion, fewer peers connected than asked, Janus died), 2 bad input or "
                        + "Janus not reachable, 130/143 interrupted."})
final class LoadCommand implements Callable<Integer> {
    /** The default load scenario inside the jar (scenarios/janus-load.yaml in the source tree). */
    static final String DEFAULT = "org/rtcbench/scenarios/janus-load.yaml";

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "A scenario file with a 'load:' section (default: the bundled janus-load.yaml).")
    Path file;

    @Option(names = "--target", paramLabel = "TARGET",
            description = "janus (default: the scenario's, else janus), whip (publishers through WHIP; without --url a local Janus behind "
                    + "simple-whip-server, whose subscribers go through that Janus) or whep (subscribers play a WHEP stream; needs --url).")
    String target;

    @Option(names = "--url", paramLabel = "URL", description = "Janus's HTTP API, e.g. http://10.0.0.5:8088/janus, or its WebSocket API, e.g. ws://10.0.0.5:8188, "
            + "or a WHIP/WHEP endpoint, where {peer} stands for each user's name (default: start a local Janus).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The bearer token a WHIP or WHEP endpoint asks for (never written anywhere).")
    String token;

    @Option(names = "--rooms", paramLabel = "R", description = "Rooms (default: the scenario's, else 1).")
    Integer rooms;

    @Option(names = "--janus-api", paramLabel = "API",
            description = "How rtcbench talks to the local Janus it starts: http (default) or ws (its WebSocket API); with --url, the URL's scheme decides.")
    String janusApi;

    @Option(names = "--room", paramLabel = "ID",
            description = "Use VideoRoom rooms ID, ID+1, ...: existing ones as they are (left on Janus), missing ones created with those ids "
                    + "(default: the scenario's, else new rooms; rooms rtcbench creates are destroyed after the run).")
    Long room;

    @Option(names = "--publishers", paramLabel = "P",
            description = "Publishers per room (default: the scenario's, else 3); 0 with --room: only subscribe to the publishers already there.")
    Integer publishers;

    @Option(names = "--subscribers", paramLabel = "S", description = "Subscribers per room, each subscribing to every publisher (default: the scenario's, else 3).")
    Integer subscribers;

    @Option(names = "--subscribe-to", paramLabel = "WHOM",
            description = "all: subscribers take every publisher of their room, also those this run did not create (the default); own: only this run's.")
    String subscribeTo;

    @Option(names = "--ramp", paramLabel = "DURATION", description = "How long users keep arriving, e.g. 30s.")
    String ramp;

    @Option(names = "--hold", paramLabel = "DURATION", description = "How long all stay after the ramp, e.g. 60s.")
    String hold;

    @Option(names = "--injection", paramLabel = "MODEL",
            description = "How users arrive: ramp (open model, spread over --ramp), rate:N/s (open model, N a second), "
                    + "closed (closed model: concurrency ramps to all users over --ramp, then stays).")
    String injection;

    @Option(names = "--codec", paramLabel = "CODEC", description = "The publishers' only video codec: vp8, vp9 or h264.")
    String codec;

    @Option(names = "--observer", paramLabel = "KIND",
            description = "Add a browser (chrome or firefox) that subscribes to every publisher of a room: the first observer the first room, the second the second, and so on; repeatable.")
    List<String> observerKinds = new ArrayList<>();

    @Option(names = "--browser-publisher", paramLabel = "KIND",
            description = "Add a browser (chrome or firefox) that publishes its fake camera and microphone into a room, which the synthetic "
                    + "subscribers there receive too; these and the observers go round the rooms; repeatable.")
    List<String> publisherKinds = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run only the I-th of N shares of the users (place in arrival order modulo N), to spread a load over N "
                    + "machines: same rooms (--room, created by the first shard there, never destroyed), one SFU (--url), peer names as "
                    + "in the whole run; the scenario's own peers run in shard 1. Merge the shards' run directories with 'rtcbench merge'.")
    String shard;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Start the users at TIME (UTC, e.g. 2026-12-07T05:02:00Z) instead of as soon as this process is ready: give every "
                    + "shard the same TIME and they inject in step however far apart they started. A TIME already past starts at once "
                    + "and the run says how late; more than a day ahead is refused.")
    String startAt;

    @Option(names = "--peer-kind", paramLabel = "KIND",
            description = "What every virtual user is: java (libwebrtc: encodes and decodes; the default) or replay (pre-encoded VP8 "
                    + "and Opus sent, received media parsed, not decoded: many more users a core).")
    String peerKind;

    @Option(names = "--assert", paramLabel = "ASSERTION",
            description = "Replace the scenario's assertions, e.g. --assert 'join.p95 < 2s' --assert 'video.fps.p50 >= 12 for receivers'; repeatable.")
    List<String> assertions = new ArrayList<>();

    @Mixin
    RunFlags flags;

    @Override
    public Integer call() {
        return RunExecution.run(new LoadRunner(scenario(), flags.options(), org.rtcbench.load.GeneratorSaturation.defaults(), shard())
                .startingAt(startAt(startAt, java.time.Instant.now())), summary -> {
        });
    }

    /** {@code --start-at}'s time, or null; a bad one, or one more than a day after {@code now}, is bad input. */
    static java.time.Instant startAt(String text, java.time.Instant now) {
        if (text == null) {
            return null;
        }
        java.time.Instant at;
        try {
            at = java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadInputException("--start-at takes a time with its offset, e.g. 2026-12-07T05:02:00Z, got '" + text + "'");
        }
        if (at.isAfter(now.plus(java.time.Duration.ofDays(1)))) {
            throw new BadInputException("--start-at " + text + " is more than a day away; give the time every shard starts its users, "
                    + "e.g. $(date -u -d '+2 min' +%FT%TZ)");
        }
        return at;
    }

    /** The share of the load this process runs: {@code --shard I/N}, or all of it. */
    org.rtcbench.core.scenario.Shard shard() {
        try {
            return shard == null ? org.rtcbench.core.scenario.Shard.WHOLE : org.rtcbench.core.scenario.Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The scenario with this command's flags applied. */
    Scenario scenario() {
        Scenario s = flags.apply(file == null ? ScenarioLoader.loadResource(DEFAULT) : ScenarioLoader.load(file));
        TargetType type = roomTarget(flags.options().targets(), target != null ? target
                : file != null && !s.target().type().equals(TargetSpec.P2P) ? s.target().type() : "janus");
        LoadSpec l = s.load() == null ? LoadSpec.defaults() : s.load();
        try {
            l = new LoadSpec(rooms != null ? rooms : l.rooms(), publishers != null ? publishers : l.publishers(),
                    subscribers != null ? subscribers : l.subscribers(), injection != null ? injection : l.injection(),
                    ramp != null ? duration("--ramp", ramp) : l.ramp(), hold != null ? duration("--hold", hold) : l.hold(),
                    codec != null ? codec : l.videoCodec(), room != null ? room : l.room(),
                    subscribeTo != null ? subscribeTo : l.subscribeTo(), peerKind != null ? peerKind : l.peerKind());
            boolean sameTarget = type.id().equals(s.target().type());
            String u = url != null ? url : sameTarget ? s.target().url() : null;
            String api = janusApi != null ? janusApi : url != null || !sameTarget ? null : s.target().api();
            String t = token != null ? token : sameTarget ? s.target().token() : null;
            s = s.withLoad(target(type, u, api, t), l);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(flagged(e));
        }
        if (!observerKinds.isEmpty() || !publisherKinds.isEmpty()) {
            List<PeerGroup> extra = new ArrayList<>(s.peers());
            addPeers(extra, "--observer", "observer", observerKinds, Role.RECVONLY);
            addPeers(extra, "--browser-publisher", "camera", publisherKinds, Role.SENDONLY);
            s = s.withPeers(extra);
        }
        if (!assertions.isEmpty()) {
            List<Assertion> parsed = new ArrayList<>();
            for (String a : assertions) {
                try {
                    parsed.add(Assertion.parse(a));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--assert: " + e.getMessage());
                }
            }
            s = s.withAssertions(parsed);
        }
        return s;
    }

    /** The type of {@code targets} that {@code --target} names, if it has rooms or sessions (only those carry a load). */
    static TargetType roomTarget(Targets targets, String id) {
        List<TargetType> withRooms = targets.all().stream().filter(t -> t.hasRooms() || t.hasStreams()).toList();
        return withRooms.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new BadInputException("--target " + id + " is not supported; the targets a load run can use are "
                        + String.join(", ", withRooms.stream().map(TargetType::id).toList())));
    }

    /** A target of {@code type} from --url (null: a local server), --janus-api and --token, a problem named by its flag. */
    static TargetSpec target(TargetType type, String url, String api, String token) {
        try {
            TargetSpec spec = new TargetSpec(type.id(), url, api, token);
            type.validate(spec);
            return spec;
        } catch (IllegalArgumentException e) {
            String flagged = flagged(e);
            throw new BadInputException(flagged.startsWith("--") ? flagged : "--target " + type.id() + ": " + flagged);
        }
    }

    /** A load setting's error message with the field named as its command-line flag. */
    private static String flagged(IllegalArgumentException e) {
        return e.getMessage().replaceFirst("^(rooms|room|publishers|subscribers|injection|videoCodec|url)", "--$1")
                .replaceFirst("^api ", "--janus-api ")
                .replaceFirst("^subscribeTo ", "--subscribe-to ")
                .replaceFirst("^token ", "--token ")
                .replace("--videoCodec", "--codec");
    }

    /** One peer per kind named {@code <prefix>-<kind>-<n>}, e.g. observer-chrome-1 or camera-firefox-2. */
    private static void addPeers(List<PeerGroup> peers, String flag, String prefix, List<String> kinds, Role role) {
        for (String kind : kinds) {
            PeerKind k;
            try {
                k = PeerKind.of(kind);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(flag + " " + e.getMessage());
            }
            peers.add(new PeerGroup(k, prefix + "-" + k.id() + "-" + (peers.size() + 1), 1, role, null));
        }
    }

    private static Duration duration(String flag, String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero()) {
                throw new BadInputException(flag + " must be positive, e.g. 30s");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(flag + " " + e.getMessage());
        }
    }
}
