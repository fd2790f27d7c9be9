package org.rtcbench.browser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;

/**
 * A browser under test as a remote-controlled RTCPeerConnection: every {@link Peer} call is one
 * script call into the harness page's {@code window.rtcbench} API, over WebDriver or WebDriver BiDi.
 */
public final class BrowserPeer implements Peer {
    private final String name;
    private final PeerKind kind;
    private final PageScript page;
    private final PeerInfo info;
    private final AutoCloseable process;
    private final boolean realTimeAudio;
    private final boolean sharesClock;
    private volatile boolean closed;
    /** What this browser's receivers saw, by connection and track, from the markers its page read. */
    private final Map<String, Map<String, org.rtcbench.media.ReceivedVideo>> received = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Map<String, org.rtcbench.media.ReceivedAudio>> heard = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param process what ends the browser and its driver; closed by {@link #close()}
     */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    private volatile String origin; // the harness server's, as the page sees it

    public BrowserPeer(String name, PeerKind kind, PageScript page, PeerInfo info, AutoCloseable process) {
        this(name, kind, page, info, process, webAudioInRealTime(kind));
    }

    /** Whether a page of this kind's Web Audio keeps real time unless told otherwise: Chromium's does, a Firefox's needs a sound device. */
    public static boolean webAudioInRealTime(PeerKind kind) {
        return kind != PeerKind.FIREFOX;
    }

    /**
     * @param realTimeAudio whether the page's Web Audio runs in real time (see {@link #webAudioKeepsTime()}):
     *                      Chromium's always does; a Firefox's only with a sound device, e.g. its own
     *                      sound server (LocalFirefox)
     */
    public BrowserPeer(String name, PeerKind kind, PageScript page, PeerInfo info, AutoCloseable process, boolean realTimeAudio) {
        this(name, kind, page, info, process, realTimeAudio, true);
    }

    /**
     * @param sharesClock whether the browser runs on this machine's wall clock (a local browser, or one in
     *                    a container: containers share the kernel's clock), so its page's {@code Date.now()}
     *                    is this JVM's clock and no offset is measured (measuring could only add an error of up
     *                    to half a script round trip: 20-30 ms seen on a busy host); false for a Grid node's
     */
    public BrowserPeer(String name, PeerKind kind, PageScript page, PeerInfo info, AutoCloseable process, boolean realTimeAudio,
            boolean sharesClock) {
        this.name = name;
        this.kind = kind;
        this.page = page;
        this.info = info;
        this.process = process;
        this.realTimeAudio = realTimeAudio;
        this.sharesClock = sharesClock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PeerKind kind() {
        return kind;
    }

    @Override
    public PeerInfo info() {
        return info;
    }

    @Override
    public void useIce(org.rtcbench.core.peer.IceConfig ice) {
        if (ice.servers().isEmpty() && !ice.relayOnly()) {
            return;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        List<Map<String, Object>> servers = new ArrayList<>();
        for (org.rtcbench.core.peer.IceConfig.Server s : ice.servers()) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("urls", s.urls());
            server.put("username", s.username());
            server.put("credential", s.credential());
            servers.add(server);
        }
        config.put("iceServers", servers);
        config.put("iceTransportPolicy", ice.transportPolicy());
        // Handed over through the harness server (a one-time token), never as a WebDriver argument: drivers log those.
        String origin = origin();
        String token;
        try {
            java.net.http.HttpResponse<String> r = HTTP.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin + "/ice"))
                            .timeout(java.time.Duration.ofSeconds(5))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new PeerFailure(name + ": the harness server refused the ICE configuration (HTTP " + r.statusCode() + ")");
            }
            token = r.body();
        } catch (java.io.IOException e) {
            throw new PeerFailure(name + ": cannot hand the ICE configuration to its page at " + origin + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure(name + ": interrupted while handing over the ICE configuration");
        }
        call("setIce", token);
    }

    private String origin() {
        if (origin == null) {
            origin = String.valueOf(((Map<?, ?>) call("origin")).get("origin"));
        }
        return origin;
    }

    /** The luma the page handed to the harness server as {@code token}, or null when the server has none. */
    private byte[] luma(String token) {
        String url = origin() + "/lumas/" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        try {
            java.net.http.HttpResponse<byte[]> r = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(java.time.Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (java.io.IOException e) {
            throw new PeerFailure(name + ": cannot take a luma its page handed over from " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure(name + ": interrupted while taking a luma from " + url);
        }
    }

    @Override
    public void startMedia(MediaSpec media, Role role) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("source", media.source());
        spec.put("marker", org.rtcbench.media.FrameStamp.senderId(name));
        spec.put("clockOffsetMs", sharesClock ? 0 : clockOffsetMs());
        spec.put("role", role.id());
        spec.put("audio", media.audio());
        spec.put("webAudio", webAudioKeepsTime());
        spec.put("datachannel", media.datachannel());
        spec.put("video", Map.of("width", media.video().width(), "height", media.video().height(), "fps", media.video().fps()));
        call("startMedia", spec);
    }

    @Override
    public String createOffer(String connectionId, String videoCodec) {
        return (String) call("createOffer", connectionId, videoCodec);
    }

    @Override
    public String acceptOffer(String connectionId, String offerSdp) {
        return (String) call("acceptOffer", connectionId, offerSdp);
    }

    @Override
    public void acceptAnswer(String connectionId, String answerSdp) {
        call("acceptAnswer", connectionId, answerSdp);
    }

    @Override
    public String connectionState(String connectionId) {
        return (String) call("connectionState", connectionId);
    }

    @Override
    public void closeConnection(String connectionId) {
        call("closeConnection", connectionId);
        received.remove(connectionId);
        heard.remove(connectionId);
    }

    /**
     * Whether the page's Web Audio runs in real time, so that audio it makes or hears has honest
     * times. Chromium's does. A headless Firefox with no audio device needs the mock one of
     * {@link org.rtcbench.browser.local.FirefoxPrefs} (without it an AudioContext never starts), and
     * that ran at 0.90 of real time on a busy host and near 1 on an idle one, its graph falling ever
     * further behind (audio.delay measured 240-870 ms, growing): such a Firefox page keeps its own fake
     * microphone and reads no audio marker. A local Firefox gets a sound server of its own instead
     * (PulseAudio with a null sink, when installed), which keeps real time.
     */
    private boolean webAudioKeepsTime() {
        return realTimeAudio;
    }

    /**
     * How far this JVM's wall clock is ahead of the page's, in ms, for a browser on another clock (a Grid
     * node): the page adds it to {@code Date.now()} before it stamps or reads a frame, so markers from every
     * peer are on one clock. Measured like NTP over the script channel, keeping the round trip with the
     * least delay of a few; its error is at most half that round trip.
     */
    long clockOffsetMs() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < 5; i++) {
            long sent = System.currentTimeMillis();
            double page = ((Number) call("clock")).doubleValue();
            long back = System.currentTimeMillis();
            if (back - sent < best) {
                best = back - sent;
                offset = Math.round((sent + back) / 2.0 - page);
            }
        }
        return offset;
    }

    /**
     * The page's reports, plus what its receivers saw and heard: the page sends each rendered frame's
     * marker as read (and a frame's luma once a second) and each audio burst it heard, and
     * {@link org.rtcbench.media.ReceivedVideo} and {@link org.rtcbench.media.ReceivedAudio} sum them up
     * here, as for every peer kind, into {@code received}. Synchronized: two callers at once (the sampler,
     * a load user waiting for its first frame) must hand the frames over in the order the page read them.
     */
    @Override
    public synchronized String stats() {
        String text = (String) call("stats");
        com.fasterxml.jackson.databind.node.ObjectNode out;
        try {
            out = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(text);
        } catch (java.io.IOException | ClassCastException e) {
            throw new PeerFailure(name + ": its stats were not a JSON object: " + PeerFailure.firstLine(e.getMessage()));
        }
        com.fasterxml.jackson.databind.JsonNode readings = out.remove("readings");
        com.fasterxml.jackson.databind.JsonNode at = out.remove("readingsAt");
        // the totals are of the moment the page handed its readings over: a frame shown after it is not in them yet,
        // so counting a freeze on to a later moment would count time that the next readings may fill
        long now = at != null && at.isNumber() ? at.asLong() : System.currentTimeMillis();
        if (readings != null) {
            readings.fields().forEachRemaining(c -> c.getValue().fields().forEachRemaining(t -> {
                if (t.getValue().has("bursts")) {
                    MarkerReadings.feed(heard.computeIfAbsent(c.getKey(), k -> new java.util.concurrent.ConcurrentHashMap<>())
                            .computeIfAbsent(t.getKey(), k -> new org.rtcbench.media.ReceivedAudio()), t.getValue());
                    return;
                }
                org.rtcbench.media.ReceivedVideo seen = received.computeIfAbsent(c.getKey(), k -> new java.util.concurrent.ConcurrentHashMap<>())
                        .computeIfAbsent(t.getKey(), k -> new org.rtcbench.media.ReceivedVideo(now));
                MarkerReadings.feed(seen, t.getValue(), this::luma);
            }));
        }
        com.fasterxml.jackson.databind.node.ObjectNode totals = out.putObject("received");
        received.forEach((connection, tracks) -> {
            if (out.path("stats").has(connection)) {
                com.fasterxml.jackson.databind.node.ArrayNode list = totals.putArray(connection);
                tracks.forEach((track, seen) -> list.add(JSON.valueToTree(seen.totals(track, now))));
            }
        });
        heard.forEach((connection, tracks) -> {
            if (out.path("stats").has(connection)) {
                com.fasterxml.jackson.databind.node.ArrayNode list = totals.has(connection)
                        ? (com.fasterxml.jackson.databind.node.ArrayNode) totals.get(connection) : totals.putArray(connection);
                tracks.forEach((track, h) -> list.add(JSON.valueToTree(h.totals(track, now))));
            }
        });
        return out.toString();
    }

    /** Calls {@code window.rtcbench[method](...args)} and waits for its promise. */
    private synchronized Object call(String method, Object... args) {
        if (closed) {
            throw new PeerFailure(name + ": browser already closed");
        }
        Object result;
        try {
            result = page.call(method, new ArrayList<>(Arrays.asList(args)));
        } catch (RuntimeException e) {
            throw new PeerFailure(name + ": browser did not answer " + method + "(): " + PeerFailure.firstLine(e.getMessage()), e);
        }
        if (!(result instanceof Map<?, ?> map)) {
            throw new PeerFailure(name + ": " + method + "() returned " + result);
        }
        if (map.containsKey("error")) {
            throw new PeerFailure(name + ": " + method + "() failed in the page: " + map.get("error"));
        }
        return map.get("ok");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            call("close");
        } catch (RuntimeException ignored) {
            // the browser may already be gone; the process is ended below either way
        }
        closed = true;
        try {
            process.close();
        } catch (Exception ignored) {
            // close() never throws; what could not be ended is reported by the provider
        }
    }
}
