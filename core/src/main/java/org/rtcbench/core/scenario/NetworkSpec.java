package org.rtcbench.core.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rtcbench.core.network.LinkSpec;
import org.rtcbench.core.network.LinkValues;

/**
 * A {@code network:} section: a peer's access link, like a netem on its own interface. Every field
 * is optional; each one given applies to the uplink and the downlink alike, and {@code up:} and
 * {@code down:} override fields for one direction. On a scenario or a peer group it is the whole
 * link (what is not given is perfect); in a {@code timeline:} step it changes only the fields it
 * gives, and {@code blackout:} drops every packet both ways for that long. {@code seed} (scenario
 * level only) makes every link's random choices repeatable.
 *
 * <p>Values are kept as written ({@code 25ms}, {@code 5%}, {@code 500kbps}) and checked here, so a
 * bad one is reported at its place in the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"delay", "jitter", "loss", "burst", "bandwidth", "queue", "reorder", "duplicate", "up", "down", "blackout", "seed"})
public record NetworkSpec(@JsonDeserialize(using = ScalarText.class) String delay,
                          @JsonDeserialize(using = ScalarText.class) String jitter,
                          @JsonDeserialize(using = ScalarText.class) String loss,
                          Double burst,
                          @JsonDeserialize(using = ScalarText.class) String bandwidth,
                          @JsonDeserialize(using = ScalarText.class) String queue,
                          @JsonDeserialize(using = ScalarText.class) String reorder,
                          @JsonDeserialize(using = ScalarText.class) String duplicate,
                          NetworkSpec up, NetworkSpec down,
                          @JsonDeserialize(using = ScalarText.class) String blackout,
                          Long seed) {
    public NetworkSpec {
        if (up != null && (up.up != null || up.down != null || up.blackout != null || up.seed != null)) {
            throw new IllegalArgumentException("up: takes link fields only (delay, jitter, loss, burst, bandwidth, queue, reorder, duplicate)");
        }
        if (down != null && (down.up != null || down.down != null || down.blackout != null || down.seed != null)) {
            throw new IllegalArgumentException("down: takes link fields only (delay, jitter, loss, burst, bandwidth, queue, reorder, duplicate)");
        }
        if (blackout != null && LinkValues.duration("blackout", blackout).isZero()) {
            throw new IllegalArgumentException("blackout must be positive, e.g. 3s");
        }
        // Every value is read once now, so that a bad one fails here with its place in the file.
        Duration d = delay == null ? null : LinkValues.duration("delay", delay);
        Duration j = jitter == null ? null : LinkValues.duration("jitter", jitter);
        if (d != null && j != null && j.compareTo(d) > 0) {
            throw new IllegalArgumentException("jitter (" + jitter + ") must not exceed delay (" + delay + "): a packet cannot leave before it arrived");
        }
        if (loss != null) {
            LinkValues.percent("loss", loss);
        }
        if (burst != null && burst < 1) {
            throw new IllegalArgumentException("burst is the mean number of packets lost in a row: at least 1, got " + burst);
        }
        if (bandwidth != null) {
            LinkValues.bitrate("bandwidth", bandwidth);
        }
        if (queue != null && LinkValues.duration("queue", queue).isZero()) {
            throw new IllegalArgumentException("queue must be positive, e.g. 200ms");
        }
        if (reorder != null) {
            LinkValues.percent("reorder", reorder);
        }
        if (duplicate != null) {
            LinkValues.percent("duplicate", duplicate);
        }
    }

    /** A section with only link fields. */
    public static NetworkSpec link(String delay, String jitter, String loss, String bandwidth) {
        return new NetworkSpec(delay, jitter, loss, null, bandwidth, null, null, null, null, null, null, null);
    }

    /**
     * Reads the command line's form, {@code delay=25ms,jitter=10ms,loss=5%,bandwidth=800kbps}
     * ({@code up.delay=..} and {@code down.loss=..} for one direction, {@code seed=N}).
     */
    public static NetworkSpec parseFlag(String text) {
        Map<String, Map<String, String>> parts = new LinkedHashMap<>();
        parts.put("", new LinkedHashMap<>());
        parts.put("up", new LinkedHashMap<>());
        parts.put("down", new LinkedHashMap<>());
        for (String item : text.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("'" + s + "' is not field=value (e.g. delay=25ms,loss=5%)");
            }
            String key = s.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String dir = "";
            if (key.startsWith("up.") || key.startsWith("down.")) {
                dir = key.substring(0, key.indexOf('.'));
                key = key.substring(key.indexOf('.') + 1);
            }
            if (!java.util.Set.of("delay", "jitter", "loss", "burst", "bandwidth", "queue", "reorder", "duplicate", "seed").contains(key)
                    || (!dir.isEmpty() && key.equals("seed"))) {
                throw new IllegalArgumentException("unknown field '" + s.substring(0, eq).trim()
                        + "' (allowed: delay, jitter, loss, burst, bandwidth, queue, reorder, duplicate, seed; up.X or down.X for one direction)");
            }
            parts.get(dir).put(key, s.substring(eq + 1).trim());
        }
        return of(parts.get(""), of(parts.get("up"), null, null), of(parts.get("down"), null, null));
    }

    private static NetworkSpec of(Map<String, String> f, NetworkSpec up, NetworkSpec down) {
        if (f.isEmpty() && up == null && down == null) {
            return null;
        }
        Double burst = null;
        if (f.containsKey("burst")) {
            try {
                burst = Double.parseDouble(f.get("burst"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("burst is a number of packets such as 3, got '" + f.get("burst") + "'");
            }
        }
        Long seed = null;
        if (f.containsKey("seed")) {
            try {
                seed = Long.parseLong(f.get("seed"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seed is a whole number, got '" + f.get("seed") + "'");
            }
        }
        return new NetworkSpec(f.get("delay"), f.get("jitter"), f.get("loss"), burst, f.get("bandwidth"), f.get("queue"),
                f.get("reorder"), f.get("duplicate"), up, down, null, seed);
    }

    /** The uplink this section gives when it is applied to {@code base}: its own fields, then those of {@code up:}. */
    public LinkSpec uplink(LinkSpec base) {
        return applyTo(applyTo(base, this), up);
    }

    /** The downlink this section gives when it is applied to {@code base}: its own fields, then those of {@code down:}. */
    public LinkSpec downlink(LinkSpec base) {
        return applyTo(applyTo(base, this), down);
    }

    /** Whether it changes a link at all (a blackout or seed alone does not). */
    public boolean changesLink() {
        return delay != null || jitter != null || loss != null || burst != null || bandwidth != null || queue != null
                || reorder != null || duplicate != null || up != null || down != null;
    }

    /** The blackout's length, or null. */
    public Duration blackoutLength() {
        return blackout == null ? null : LinkValues.duration("blackout", blackout);
    }

    private static LinkSpec applyTo(LinkSpec base, NetworkSpec n) {
        if (n == null) {
            return base;
        }
        return new LinkSpec(
                n.delay == null ? base.delay() : LinkValues.duration("delay", n.delay),
                n.jitter == null ? base.jitter() : LinkValues.duration("jitter", n.jitter),
                n.loss == null ? base.loss() : LinkValues.percent("loss", n.loss),
                n.burst == null ? base.burst() : n.burst,
                n.bandwidth == null ? base.bandwidth() : LinkValues.bitrate("bandwidth", n.bandwidth),
                n.queue == null ? base.queue() : LinkValues.duration("queue", n.queue),
                n.reorder == null ? base.reorder() : LinkValues.percent("reorder", n.reorder),
                n.duplicate == null ? base.duplicate() : LinkValues.percent("duplicate", n.duplicate));
    }
}
