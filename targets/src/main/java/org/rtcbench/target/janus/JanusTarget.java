package org.rtcbench.target.janus;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.target.Rooms;
import org.rtcbench.core.target.Target;
import org.rtcbench.core.target.TargetContext;
import org.rtcbench.core.target.TargetEvents;
import org.rtcbench.core.target.TargetType;
import org.rtcbench.target.janus.local.LocalJanus;
import org.rtcbench.target.sdp.ReachableCandidates;

/**
 * A Janus VideoRoom as a run's target: the user's Janus at {@code url} (its HTTP or WebSocket API),
 * or, without one, a local Janus that this target starts in a test network namespace and stops on
 * close. Its rooms are {@link JanusVideoRoom}'s.
 */
public final class JanusTarget implements Target {
    /** {@code target: {type: janus, url: ..., api: http|ws}}. */
    public static final TargetType TYPE = TargetType.of("janus", "Janus", false, true, JanusTarget::validate, JanusTarget::open);

    private final LocalJanus local;
    private final JanusClient client;
    private final JanusVideoRoom room;
    private final String url;
    private final String version;
    private final String peerAddress;
    private final TargetEvents events;
    private final AtomicBoolean closing = new AtomicBoolean();

    private JanusTarget(LocalJanus local, JanusClient client, JanusVideoRoom room, String url, String version, String peerAddress,
                        TargetEvents events) {
        this.local = local;
        this.client = client;
        this.room = room;
        this.url = url;
        this.version = version;
        this.peerAddress = peerAddress;
        this.events = events;
    }

    /** Checks a janus spec: a url is Janus's HTTP or WebSocket API; api picks the local Janus's, and only that. */
    private static void validate(TargetSpec spec) {
        if (spec.token() != null) {
            throw new IllegalArgumentException("token is for WHIP and WHEP endpoints; rtcbench talks to Janus without one");
        }
        if (spec.api() != null && !spec.api().equals("http") && !spec.api().equals("ws")) {
            throw new IllegalArgumentException("api must be http or ws (the local Janus's HTTP or WebSocket API), got '" + spec.api() + "'");
        }
        if (spec.api() != null && spec.url() != null) {
            throw new IllegalArgumentException("api is for the local Janus that rtcbench starts; with a url, its scheme (http:// or ws://) picks the API");
        }
        if (spec.url() != null && !spec.url().matches("(https?|wss?)://[^\\s/]+(/\\S*)?")) {
            throw new IllegalArgumentException("url must be Janus's HTTP API, e.g. http://127.0.0.1:8088/janus, or its WebSocket API, "
                    + "e.g. ws://127.0.0.1:8188, got '" + spec.url() + "'");
        }
    }

    /** Whether rtcbench talks to Janus over its WebSocket API. */
    public static boolean webSocket(TargetSpec spec) {
        return "ws".equals(spec.api()) || (spec.url() != null && spec.url().matches("wss?://.*"));
    }

    private static Target open(TargetSpec spec, TargetContext context) {
        LocalJanus local = null;
        JanusClient client = null;
        try {
            String url;
            String peerAddress;
            ReachableCandidates reachable;
            String version = null;
            if (spec.url() == null) {
                local = LocalJanus.start(context.workDir().resolve("janus"));
                url = webSocket(spec) ? local.wsUrl() : local.url();
                if (url == null) {
                    throw new BadInputException("the local Janus has no WebSocket transport (libjanus_websockets.so is not installed); "
                            + "use --janus-api http (target.api: http)");
                }
                peerAddress = local.peerAddress();
                reachable = ReachableCandidates.only(peerAddress);
                version = local.version();
                context.events().event("janus-started", Map.of("url", url, "pid", local.pid(), "version", version));
            } else {
                url = spec.url();
                peerAddress = org.rtcbench.target.RouteAddress.towards(url, "Janus");
                reachable = ReachableCandidates.all();
            }
            client = JanusClient.connect(url);
            if (version == null) {
                version = client.version();
            }
            JanusVideoRoom room = new JanusVideoRoom(client, reachable, context.connectTimeout(), context.events(), context.path(),
                    peerAddress);
            return new JanusTarget(local, client, room, url, version, peerAddress, context.events());
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            if (local != null) {
                local.close();
            }
            throw e;
        }
    }

    @Override
    public String type() {
        return "janus";
    }

    @Override
    public List<String> description() {
        List<String> lines = new ArrayList<>();
        if (local != null) {
            lines.add(String.format("local Janus %s at %s (pid %d, test network namespace; peers use %s)", version, url, local.pid(),
                    peerAddress));
        } else {
            lines.add("Java peers advertise " + peerAddress + ", this host's address on the route to Janus");
            lines.add("Janus " + version + " at " + url);
        }
        return lines;
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("janus", version);
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public Rooms rooms() {
        return room;
    }

    /** A local Janus that exits before {@link #close()} stops the run: {@code stopped} hears why, once. */
    @Override
    public void onFailure(Consumer<String> stopped) {
        if (local == null) {
            return;
        }
        ProcessHandle.of(local.pid()).ifPresent(p -> p.onExit().thenRun(() -> {
            if (!closing.get()) {
                events.event("janus-exited", Map.of("pid", local.pid()));
                stopped.accept("Janus (pid " + local.pid() + ") exited mid-run");
            }
        }));
    }

    /** Leaves and destroys this run's rooms, ends the sessions, and stops the local Janus, in that order. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            room.close();
        } finally {
            try {
                client.close();
            } finally {
                if (local != null) {
                    local.close();
                    events.event("janus-stopped", Map.of());
                }
            }
        }
    }
}
