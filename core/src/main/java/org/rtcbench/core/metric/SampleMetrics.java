package org.rtcbench.core.metric;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns two consecutive samples of one peer into one value per {@link Metric}. This is the one
 * place that knows how engines differ in their W3C stats (e.g. how the selected candidate pair
 * is marked), so a metric means the same for every peer kind.
 *
 * <p>A sample is {@code {"timestamp": ms, "peer": name, "stats": {connection: [report...]},
 * "datachannel": {"echoes": n, "rttMs": x}}}, reports with their W3C field names.
 */
public final class SampleMetrics {
    private SampleMetrics() {
    }

    /** The metrics at {@code current}; rates use {@code previous} (may be null: rates are then missing). */
    public static Map<Metric, Double> between(JsonNode previous, JsonNode current) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        Map<String, JsonNode> before = previous == null ? Map.of() : reportsByKey(previous);
        Map<String, JsonNode> now = reportsByKey(current);

        double minFps = Double.NaN;
        double minFpsSent = Double.NaN;
        double width = Double.NaN;
        double height = Double.NaN;
        double framesDecoded = 0;
        double freezes = 0;
        boolean anyVideoIn = false;
        boolean anyFreezeField = false;
        double audioPackets = 0;
        boolean anyAudioIn = false;
        double audioJitter = Double.NaN;
        double videoJitter = Double.NaN;
        double jitterBuffer = Double.NaN;
        double bitsIn = 0;
        double bitsOut = 0;
        double inIntervalMs = Double.NaN;
        double outIntervalMs = Double.NaN;
        double lostDelta = 0;
        double receivedDelta = 0;
        boolean lossMeasured = false;
        double concealedDelta = 0;
        double samplesDelta = 0;
        double rtt = Double.NaN;

        for (Map.Entry<String, JsonNode> e : now.entrySet()) {
            JsonNode r = e.getValue();
            JsonNode old = before.get(e.getKey());
            String type = r.path("type").asText();
            String kind = r.path("kind").asText(r.path("mediaType").asText());
            switch (type) {
                case "inbound-rtp" -> {
                    if (r.path("packetsReceived").asLong(-1) == 0) {
                        // libwebrtc (webrtc-java) reports the receiver of a sendonly transceiver before any
                        // packet came; the W3C creates inbound-rtp with the first packet, so nothing is measured.
                        continue;
                    }
                    if (old != null) {
                        double dt = r.path("timestamp").asDouble() - old.path("timestamp").asDouble();
                        if (dt > 0) {
                            bitsIn += 8 * (r.path("bytesReceived").asDouble() - old.path("bytesReceived").asDouble());
                            inIntervalMs = Double.isNaN(inIntervalMs) ? dt : Math.max(inIntervalMs, dt);
                        }
                        if (r.has("packetsLost") && r.has("packetsReceived")) {
                            lostDelta += Math.max(0, r.path("packetsLost").asDouble() - old.path("packetsLost").asDouble());
                            receivedDelta += r.path("packetsReceived").asDouble() - old.path("packetsReceived").asDouble();
                            lossMeasured = true;
                        }
                    }
                    if ("video".equals(kind)) {
                        if (r.has("framesDecoded")) {
                            anyVideoIn = true;
                            framesDecoded += r.path("framesDecoded").asDouble();
                        }
                        if (r.has("freezeCount")) {
                            anyFreezeField = true;
                            freezes += r.path("freezeCount").asDouble();
                        }
                        if (r.has("framesPerSecond")) {
                            double fps = r.path("framesPerSecond").asDouble();
                            if (Double.isNaN(minFps) || fps < minFps) {
                                minFps = fps;
                                width = r.has("frameWidth") ? r.path("frameWidth").asDouble() : Double.NaN;
                                height = r.has("frameHeight") ? r.path("frameHeight").asDouble() : Double.NaN;
                            }
                        } else if (old != null && r.has("framesDecoded")) {
                            // Firefox and older engines lack framesPerSecond: derive it from framesDecoded.
                            double dt = r.path("timestamp").asDouble() - old.path("timestamp").asDouble();
                            if (dt > 0) {
                                double fps = 1000 * (r.path("framesDecoded").asDouble() - old.path("framesDecoded").asDouble()) / dt;
                                if (Double.isNaN(minFps) || fps < minFps) {
                                    minFps = fps;
                                    width = r.has("frameWidth") ? r.path("frameWidth").asDouble() : Double.NaN;
                                    height = r.has("frameHeight") ? r.path("frameHeight").asDouble() : Double.NaN;
                                }
                            }
                        }
                        if (r.has("jitter")) {
                            videoJitter = max(videoJitter, 1000 * r.path("jitter").asDouble());
                        }
                        if (old != null && r.has("jitterBufferDelay") && r.has("jitterBufferEmittedCount")) {
                            double emitted = r.path("jitterBufferEmittedCount").asDouble() - old.path("jitterBufferEmittedCount").asDouble();
                            if (emitted > 0) {
                                jitterBuffer = max(jitterBuffer, 1000 * (r.path("jitterBufferDelay").asDouble()
                                        - old.path("jitterBufferDelay").asDouble()) / emitted);
                            }
                        }
                    } else if ("audio".equals(kind)) {
                        if (r.has("packetsReceived")) {
                            anyAudioIn = true;
                            audioPackets += r.path("packetsReceived").asDouble();
                        }
                        if (r.has("jitter")) {
                            audioJitter = max(audioJitter, 1000 * r.path("jitter").asDouble());
                        }
                        if (old != null && r.has("concealedSamples") && r.has("totalSamplesReceived")) {
                            concealedDelta += r.path("concealedSamples").asDouble() - old.path("concealedSamples").asDouble();
                            samplesDelta += r.path("totalSamplesReceived").asDouble() - old.path("totalSamplesReceived").asDouble();
                        }
                    }
                }
                case "outbound-rtp" -> {
                    if (old != null) {
                        double dt = r.path("timestamp").asDouble() - old.path("timestamp").asDouble();
                        if (dt > 0) {
                            bitsOut += 8 * (r.path("bytesSent").asDouble() - old.path("bytesSent").asDouble());
                            outIntervalMs = Double.isNaN(outIntervalMs) ? dt : Math.max(outIntervalMs, dt);
                        }
                    }
                    if ("video".equals(kind) && r.has("framesPerSecond")) {
                        double fps = r.path("framesPerSecond").asDouble();
                        minFpsSent = Double.isNaN(minFpsSent) ? fps : Math.min(minFpsSent, fps);
                    }
                }
                default -> {
                }
            }
        }
        JsonNode connections = current.path("stats");
        for (Iterator<String> it = connections.fieldNames(); it.hasNext(); ) {
            JsonNode reports = connections.get(it.next());
            JsonNode pair = selectedCandidatePair(reports);
            // Firefox reports 0 until its first measurement (totalRoundTripTime 0 too): not measured, never 0 ms.
            if (pair != null && pair.has("currentRoundTripTime")
                    && (pair.path("currentRoundTripTime").asDouble() > 0 || pair.path("totalRoundTripTime").asDouble() > 0)) {
                rtt = max(rtt, 1000 * pair.path("currentRoundTripTime").asDouble());
            } else {
                for (JsonNode r : reports) { // then RTCP's view of the same path
                    if ("remote-inbound-rtp".equals(r.path("type").asText()) && r.path("roundTripTimeMeasurements").asLong() > 0) {
                        rtt = max(rtt, 1000 * r.path("roundTripTime").asDouble());
                    }
                }
            }
        }

        put(out, Metric.VIDEO_FPS, minFps);
        put(out, Metric.VIDEO_FPS_SENT, minFpsSent);
        put(out, Metric.VIDEO_WIDTH, width);
        put(out, Metric.VIDEO_HEIGHT, height);
        if (anyVideoIn) {
            out.put(Metric.VIDEO_FRAMES_DECODED, framesDecoded);
        }
        if (anyFreezeField) {
            out.put(Metric.VIDEO_FREEZES, freezes);
        }
        put(out, Metric.VIDEO_JITTER, videoJitter);
        put(out, Metric.VIDEO_JITTER_BUFFER, jitterBuffer);
        if (anyAudioIn) {
            out.put(Metric.AUDIO_PACKETS_RECEIVED, audioPackets);
        }
        put(out, Metric.AUDIO_JITTER, audioJitter);
        if (samplesDelta > 0) {
            out.put(Metric.AUDIO_CONCEALED, 100 * concealedDelta / samplesDelta);
        }
        if (!Double.isNaN(inIntervalMs)) {
            out.put(Metric.BITRATE_IN, bitsIn / inIntervalMs);
        }
        if (!Double.isNaN(outIntervalMs)) {
            out.put(Metric.BITRATE_OUT, bitsOut / outIntervalMs);
        }
        if (lossMeasured && lostDelta + receivedDelta > 0) {
            out.put(Metric.PACKET_LOSS, 100 * lostDelta / (lostDelta + receivedDelta));
        }
        put(out, Metric.RTT, rtt);
        received(previous, current, out);
        JsonNode dc = current.path("datachannel");
        if (dc.has("echoes")) {
            out.put(Metric.DATACHANNEL_ECHOES, dc.path("echoes").asDouble());
        }
        if (dc.hasNonNull("rttMs")) {
            out.put(Metric.DATACHANNEL_RTT, dc.path("rttMs").asDouble());
        }
        return out;
    }

    /**
     * The metrics read from markers: each incoming track's totals (sample {@code received}: connection
     * id to {@code [{kind, trackIdentifier, timestamp, ...}]}, see fake-media's ReceivedVideo and
     * ReceivedAudio) against the same track's in {@code previous}. A track without an earlier reading,
     * or whose media has no markers, measures nothing.
     */
    private static void received(JsonNode previous, JsonNode current, Map<Metric, Double> out) {
        if (previous == null) {
            return;
        }
        Map<String, JsonNode> before = new HashMap<>();
        previous.path("received").fields().forEachRemaining(c -> c.getValue().forEach(
                t -> before.put(c.getKey() + "/" + t.path("trackIdentifier").asText(), t)));
        double fps = Double.NaN;
        double delay = Double.NaN;
        double frozen = Double.NaN;
        double psnr = Double.NaN;
        double ssim = Double.NaN;
        double skipped = 0;
        double unreadable = 0;
        boolean any = false;
        double audioDelay = Double.NaN;
        double sync = Double.NaN;
        for (Iterator<Map.Entry<String, JsonNode>> it = current.path("received").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            double connectionVideoDelay = Double.NaN;
            double connectionAudioDelay = Double.NaN;
            for (JsonNode t : c.getValue()) {
                JsonNode old = before.get(c.getKey() + "/" + t.path("trackIdentifier").asText());
                // each reading's own time (taken with the totals), as for W3C reports: not the sampler's
                double dt = old == null ? 0 : t.path("timestamp").asDouble() - old.path("timestamp").asDouble();
                if (dt <= 0) {
                    continue;
                }
                if ("audio".equals(t.path("kind").asText())) {
                    double heard = t.path("burstsHeard").asDouble() - old.path("burstsHeard").asDouble();
                    if (heard > 0) {
                        connectionAudioDelay = max(connectionAudioDelay,
                                (t.path("totalDelayMs").asDouble() - old.path("totalDelayMs").asDouble()) / heard);
                    }
                    continue;
                }
                any = true;
                unreadable += t.path("framesUnreadable").asDouble() - old.path("framesUnreadable").asDouble();
                if (t.path("totalFrozenMs").isNull() || old.path("totalFrozenMs").isNull()) {
                    continue; // no readable frame yet: nothing about what was shown is known
                }
                fps = min(fps, 1000 * (t.path("framesShown").asDouble() - old.path("framesShown").asDouble()) / dt);
                skipped += t.path("framesSkipped").asDouble() - old.path("framesSkipped").asDouble();
                frozen = max(frozen, Math.min(100, 100 * (t.path("totalFrozenMs").asDouble() - old.path("totalFrozenMs").asDouble()) / dt));
                double delayed = t.path("delayedFrames").asDouble() - old.path("delayedFrames").asDouble();
                if (delayed > 0) {
                    connectionVideoDelay = max(connectionVideoDelay, (t.path("totalDelayMs").asDouble() - old.path("totalDelayMs").asDouble()) / delayed);
                }
                double measured = t.path("qualityMeasurements").asDouble() - old.path("qualityMeasurements").asDouble();
                if (measured > 0) {
                    psnr = min(psnr, (t.path("totalPsnr").asDouble() - old.path("totalPsnr").asDouble()) / measured);
                    ssim = min(ssim, (t.path("totalSsim").asDouble() - old.path("totalSsim").asDouble()) / measured);
                }
            }
            delay = max(delay, connectionVideoDelay);
            audioDelay = max(audioDelay, connectionAudioDelay);
            double apart = connectionAudioDelay - connectionVideoDelay; // one sender's audio and video: a connection
            if (!Double.isNaN(apart) && (Double.isNaN(sync) || Math.abs(apart) > Math.abs(sync))) {
                sync = apart;
            }
        }
        put(out, Metric.AUDIO_DELAY, audioDelay);
        put(out, Metric.AV_SYNC, sync);
        put(out, Metric.VIDEO_FPS_RENDERED, fps);
        put(out, Metric.VIDEO_DELAY, delay);
        put(out, Metric.VIDEO_FROZEN, frozen);
        put(out, Metric.VIDEO_PSNR, psnr);
        put(out, Metric.VIDEO_SSIM, ssim);
        if (!Double.isNaN(fps)) {
            out.put(Metric.VIDEO_FRAMES_SKIPPED, skipped);
        }
        if (any) {
            out.put(Metric.VIDEO_FRAMES_UNREADABLE, unreadable);
        }
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    /**
     * One connection's part of a sample, in the same shape as a whole sample, so that
     * {@link #between} gives that connection's metrics (e.g. one cell of an interop matrix).
     */
    public static JsonNode forConnection(JsonNode sample, String connectionId) {
        com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        out.set("timestamp", sample.path("timestamp"));
        com.fasterxml.jackson.databind.node.ObjectNode stats = out.putObject("stats");
        if (sample.path("stats").has(connectionId)) {
            stats.set(connectionId, sample.path("stats").get(connectionId));
        }
        if (sample.path("received").has(connectionId)) {
            out.putObject("received").set(connectionId, sample.path("received").get(connectionId));
        }
        JsonNode dc = sample.path("datachannel").path("connections").path(connectionId);
        if (!dc.isMissingNode()) {
            out.set("datachannel", dc);
        }
        return out;
    }

    /**
     * The codecs one connection negotiated, by direction and kind, from the {@code codec} reports
     * its RTP streams point to: e.g. {@code video.sent=VP8, audio.received=opus}.
     */
    public static Map<String, String> codecs(JsonNode sample, String connectionId) {
        Map<String, String> out = new java.util.TreeMap<>();
        JsonNode reports = sample.path("stats").path(connectionId);
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode r : reports) {
            byId.put(r.path("id").asText(), r);
        }
        for (JsonNode r : reports) {
            String type = r.path("type").asText();
            if (!("inbound-rtp".equals(type) || "outbound-rtp".equals(type)) || !r.has("codecId")) {
                continue;
            }
            JsonNode codec = byId.get(r.path("codecId").asText());
            if (codec == null || !codec.has("mimeType")) {
                continue;
            }
            String mime = codec.path("mimeType").asText();
            String kind = r.path("kind").asText(mime.contains("/") ? mime.substring(0, mime.indexOf('/')) : "");
            out.put(kind + ("inbound-rtp".equals(type) ? ".received" : ".sent"), mime.substring(mime.indexOf('/') + 1));
        }
        return out;
    }

    /**
     * The selected ICE candidate pair of one connection's reports: Chrome and libwebrtc point to it
     * from {@code transport.selectedCandidatePairId}, Firefox marks it {@code selected: true};
     * otherwise the nominated succeeded pair.
     */
    public static JsonNode selectedCandidatePair(JsonNode reports) {
        Map<String, JsonNode> byId = new HashMap<>();
        String selectedId = null;
        for (JsonNode r : reports) {
            byId.put(r.path("id").asText(), r);
            if ("transport".equals(r.path("type").asText()) && r.hasNonNull("selectedCandidatePairId")) {
                selectedId = r.path("selectedCandidatePairId").asText();
            }
        }
        if (selectedId != null && byId.containsKey(selectedId)) {
            return byId.get(selectedId);
        }
        JsonNode nominated = null;
        for (JsonNode r : reports) {
            if (!"candidate-pair".equals(r.path("type").asText())) {
                continue;
            }
            if (r.path("selected").asBoolean(false)) {
                return r;
            }
            if (nominated == null && r.path("nominated").asBoolean(false) && "succeeded".equals(r.path("state").asText())) {
                nominated = r;
            }
        }
        return nominated;
    }

    /**
     * The candidate types of each connection's selected pair in a sample, e.g. {@code local: relay,
     * remote: host} (and the local relay candidate's {@code relayProtocol}); several connections'
     * distinct types are joined with commas. Empty when no connection has a selected pair.
     */
    public static Map<String, String> selectedCandidateTypes(JsonNode sample) {
        Map<String, java.util.Set<String>> types = new java.util.LinkedHashMap<>();
        if (sample == null) {
            return Map.of();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sample.path("stats").fields(); it.hasNext(); ) {
            JsonNode reports = it.next().getValue();
            JsonNode pair = selectedCandidatePair(reports);
            if (pair == null) {
                continue;
            }
            for (JsonNode r : reports) {
                String id = r.path("id").asText();
                String side = id.equals(pair.path("localCandidateId").asText()) ? "local"
                        : id.equals(pair.path("remoteCandidateId").asText()) ? "remote" : null;
                if (side != null && r.hasNonNull("candidateType")) {
                    types.computeIfAbsent(side, k -> new java.util.TreeSet<>()).add(r.path("candidateType").asText());
                    if (side.equals("local") && r.hasNonNull("relayProtocol")) {
                        types.computeIfAbsent("relayProtocol", k -> new java.util.TreeSet<>()).add(r.path("relayProtocol").asText());
                    }
                }
            }
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        types.forEach((k, v) -> out.put(k, String.join(",", v)));
        return out;
    }

    /** Every report of a sample, keyed by connection and report id so two samples line up. */
    private static Map<String, JsonNode> reportsByKey(JsonNode sample) {
        Map<String, JsonNode> out = new HashMap<>();
        JsonNode connections = sample.path("stats");
        for (Iterator<Map.Entry<String, JsonNode>> it = connections.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            for (JsonNode r : c.getValue()) {
                out.put(c.getKey() + "/" + r.path("id").asText(), r);
            }
        }
        return out;
    }

    /** The larger, NaN meaning not measured: never NaN unless both are. */
    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static void put(Map<Metric, Double> out, Metric m, double v) {
        if (!Double.isNaN(v)) {
            out.put(m, v);
        }
    }
}
