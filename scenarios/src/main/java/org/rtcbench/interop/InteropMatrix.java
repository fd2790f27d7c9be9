package org.rtcbench.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtcbench.core.BadInputException;
import org.rtcbench.provider.PeerProviders;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.MetricPoint;
import org.rtcbench.core.metric.SampleMetrics;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.peer.PeerType;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.scenario.Browsers;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.PeerGroup;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.TargetSpec;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.runner.LinkPlan;
import org.rtcbench.core.target.PairCalls;

/**
 * The interop matrix: every ordered pair of peer types (a kind on a provider, e.g. {@code chrome} or
 * {@code chrome@container}; caller offers, callee answers), per video codec asked for, is one
 * cell. One browser (or peer) per type and side is launched once and
 * reused by all its cells, which run concurrently as separate peer connections. A cell passes when
 * the call connected in time and audio, video and data channel echoes flowed both ways.
 */
public final class InteropMatrix {
    /** What a cell must see in both directions. */
    public record Thresholds(double minFps, Duration warmUp) {
    }

    private final List<PeerType> kinds;
    private final List<String> codecs;
    private final Duration duration;
    private final VideoSpec video;
    private final Browsers browsers;
    private final Thresholds thresholds;
    private final Map<PeerType, String> skipped = new LinkedHashMap<>();

    /**
     * @param codecs video codecs, one cell per pair and codec; empty for each peer's default
     */
    public InteropMatrix(List<PeerType> kinds, List<String> codecs, Duration duration, VideoSpec video,
                         Browsers browsers, Thresholds thresholds, PeerProviders providers) {
        this(kinds, codecs, duration, video, browsers, thresholds, providers, null);
    }

    /** @param gridUrl the Selenium Grid of grid peer types ({@code --grid-url}), or null */
    public InteropMatrix(List<PeerType> kinds, List<String> codecs, Duration duration, VideoSpec video,
                         Browsers browsers, Thresholds thresholds, PeerProviders providers, String gridUrl) {
        if (kinds.isEmpty()) {
            throw new BadInputException("--peers names no peer kind; e.g. --peers chrome,firefox,java");
        }
        this.kinds = List.copyOf(kinds);
        this.codecs = List.copyOf(codecs);
        this.duration = duration;
        this.video = video;
        this.browsers = browsers;
        this.thresholds = thresholds;
        for (PeerType t : this.kinds) {
            String why = providers.problem(t, org.rtcbench.core.peer.LaunchContext.forChecks(browsers).forPeer(t.image(), gridUrl));
            if (why != null) {
                skipped.put(t, why);
            }
        }
    }

    /** Peer types that cannot take part here, with why. */
    public Map<PeerType, String> skipped() {
        return skipped;
    }

    /** The peer types that run. */
    public List<PeerType> available() {
        return kinds.stream().filter(k -> !skipped.containsKey(k)).toList();
    }

    /** The call every cell shares: two peers per available kind (a caller and a callee), small media. */
    public Scenario scenario() {
        List<PeerGroup> peers = new ArrayList<>();
        for (PeerType t : available()) {
            peers.add(new PeerGroup(t.kind(), caller(t), 1, null, null, t.provider(), t.image(), null));
            peers.add(new PeerGroup(t.kind(), callee(t), 1, null, null, t.provider(), t.image(), null));
        }
        if (peers.isEmpty()) {
            throw new BadInputException("no peer kind of --peers " + kinds.stream().map(PeerType::id).toList()
                    + " can run here: " + String.join("; ", skipped.values()));
        }
        return new Scenario("interop", "interop matrix " + kinds.stream().map(PeerType::id).toList(), duration,
                Duration.ofSeconds(1), Duration.ofSeconds(15), TargetSpec.p2p(), new MediaSpec(video, true, true),
                peers, browsers, List.of());
    }

    /** One link per cell of available kinds. */
    public LinkPlan plan() {
        List<LinkPlan.PlannedLink> links = new ArrayList<>();
        for (PeerType a : available()) {
            for (PeerType b : available()) {
                for (String codec : codecsOrDefault()) {
                    links.add(new LinkPlan.PlannedLink(caller(a), callee(b), cellId(a, b, codec), codec));
                }
            }
        }
        return new LinkPlan(links, this::judge);
    }

    private List<String> codecsOrDefault() {
        List<String> out = new ArrayList<>(codecs);
        if (out.isEmpty()) {
            out.add(null);
        }
        return out;
    }

    static String caller(PeerType t) {
        return t.nameStem() + "-caller";
    }

    static String callee(PeerType t) {
        return t.nameStem() + "-callee";
    }

    static String cellId(PeerType a, PeerType b, String codec) {
        return a.id() + ">" + b.id() + (codec == null ? "" : ":" + codec);
    }

    /** Every cell in matrix order, skipped ones included. */
    List<InteropCell> judge(Map<String, PairCalls.LinkOutcome> links, LinkPlan.Measurements measured) {
        List<InteropCell> cells = new ArrayList<>();
        for (PeerType a : kinds) {
            for (PeerType b : kinds) {
                for (String codec : codecsOrDefault()) {
                    String skip = skipped.containsKey(a) ? skipped.get(a) : skipped.get(b);
                    if (skip != null) {
                        cells.add(new InteropCell(a.id(), b.id(), codec, "skipped", skip, null, Map.of(), Map.of()));
                        continue;
                    }
                    cells.add(judge(a, b, codec, links.get(cellId(a, b, codec)), measured));
                }
            }
        }
        return cells;
    }

    private InteropCell judge(PeerType a, PeerType b, String codec, PairCalls.LinkOutcome link, LinkPlan.Measurements m) {
        String id = cellId(a, b, codec);
        if (link == null || !link.connected()) {
            return new InteropCell(a.id(), b.id(), codec, "failed", link == null ? "not attempted" : link.failure(),
                    null, Map.of(), Map.of());
        }
        Map<String, Double> measured = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        // a replay peer opens no data channel: with one in the cell, there is no channel to measure on either side
        boolean channel = a.kind().hasDataChannel() && b.kind().hasDataChannel();
        for (String side : List.of("caller", "callee")) {
            String peer = side.equals("caller") ? caller(a) : callee(b);
            // this cell's samples: from when its link came up (its wave), judged after the warm-up
            long judgedFrom = m.upAtMs(id) + thresholds.warmUp().toMillis();
            List<MetricPoint> points = m.points(peer, id).stream().filter(p -> p.atMs() >= m.upAtMs(id)).toList();
            Summary fps = summary(points, Metric.VIDEO_FPS, judgedFrom);
            Summary audio = summary(points, Metric.AUDIO_PACKETS_RECEIVED, judgedFrom);
            Summary echoes = summary(points, Metric.DATACHANNEL_ECHOES, judgedFrom);
            put(measured, side + ".video.fps.p50", fps == null ? null : fps.p50());
            put(measured, side + ".audio.packets.received", audio == null ? null : audio.last());
            put(measured, side + ".datachannel.echoes", echoes == null || !channel ? null : echoes.last());
            String who = side + " " + peer;
            long afterWarmUp = points.stream().filter(p -> p.atMs() >= judgedFrom).count();
            if (afterWarmUp == 0) {
                // nothing to judge is not "nothing received": say which, so a starved sampler is not taken for a dead call
                problems.add(String.format(Locale.ROOT, "%s has no stats sample of this connection after the %d s warm-up "
                                + "(%d before it): its getStats() calls did not come back in time", who,
                        thresholds.warmUp().toSeconds(), points.size()));
                continue;
            }
            if (fps == null) {
                problems.add(who + " received no video");
            } else if (fps.p50() < thresholds.minFps()) {
                problems.add(String.format(Locale.ROOT, "%s received video at %.1f fps (p50; expected >= %s)", who, fps.p50(),
                        org.rtcbench.core.assertion.Assertion.formatNumber(thresholds.minFps())));
            }
            if (audio == null || audio.last() <= 0) {
                problems.add(who + " received no audio packets");
            }
            if (channel && (echoes == null || echoes.last() <= 0)) {
                problems.add(who + " got no data channel echo");
            }
        }
        JsonNode last = m.lastSample(caller(a));
        Map<String, String> negotiated = last == null ? Map.of() : SampleMetrics.codecs(last, id);
        if (codec != null && negotiated.containsKey("video.sent") && !negotiated.get("video.sent").equalsIgnoreCase(codec)) {
            problems.add("asked for " + codec.toUpperCase(Locale.ROOT) + " but the caller sends " + negotiated.get("video.sent"));
        }
        measured.put("connectMs", link.connectedAfterMs().doubleValue());
        return new InteropCell(a.id(), b.id(), codec, problems.isEmpty() ? "passed" : "failed",
                problems.isEmpty() ? null : String.join("; ", problems), link.connectedAfterMs(), measured, negotiated);
    }

    private static Summary summary(List<MetricPoint> points, Metric metric, long fromMs) {
        List<Double> values = new ArrayList<>();
        for (MetricPoint p : points) {
            Double v = p.values().get(metric);
            if (v != null && p.atMs() >= fromMs) {
                values.add(v);
            }
        }
        return Summary.of(values);
    }

    private static void put(Map<String, Double> m, String key, Double v) {
        if (v != null) {
            m.put(key, v);
        }
    }
}
