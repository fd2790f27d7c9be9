package org.rtcbench.peer.java;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a webrtc-java RTCStatsReport into the W3C objects a browser's getStats() yields:
 * {"id","type","timestamp"(ms, double), member...}. libwebrtc fills the members with their W3C names
 * already (framesPerSecond, bytesReceived, selectedCandidatePairId, ...); webrtc-java 0.14.0 only
 * changes their Java types: uint32 -> Long, int64 -> Long, uint64 -> BigInteger, sequences -> arrays,
 * record<string,double|uint64> -> Map. The timestamp comes in microseconds.
 */
final class W3cStats {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private W3cStats() {
    }

    static ArrayNode toW3c(RTCStatsReport report) {
        ArrayNode list = F.arrayNode();
        for (RTCStats s : report.getStats().values()) {
            String type = typeName(s);
            if (type == null) {
                // 0.14.0 maps only the 19 type names it knows; anything else arrives with a null type
                // (logged as a warning natively). "media-playout" (id "AP...") is the one libwebrtc
                // type it lacks; it did not appear in any run here. Other unknowns are left out.
                if (!s.getId().startsWith("AP")) {
                    continue;
                }
                type = "media-playout";
            }
            ObjectNode o = F.objectNode();
            o.put("id", s.getId());
            o.put("type", type);
            o.put("timestamp", s.getTimestamp() / 1000.0);
            for (Map.Entry<String, Object> e : new java.util.TreeMap<>(s.getAttributes()).entrySet()) {
                if (e.getValue() != null) { // a browser leaves absent members out rather than null
                    o.set(e.getKey(), value(e.getValue()));
                }
            }
            list.add(o);
        }
        return list;
    }

    /** The W3C type: the enum name in lower case with dashes; null for a type 0.14.0 has no enum for. */
    static String typeName(RTCStats s) {
        RTCStatsType t = s.getType();
        return t == null ? null : t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static com.fasterxml.jackson.databind.JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        } else if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? F.numberNode(b.longValue()) : F.numberNode(b);
        } else if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? F.nullNode() : F.numberNode(d);
        } else if (v instanceof Long l) {
            return F.numberNode(l);
        } else if (v instanceof Integer i) {
            return F.numberNode(i);
        } else if (v instanceof Boolean b) {
            return F.booleanNode(b);
        } else if (v instanceof String str) {
            return F.textNode(str);
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set(String.valueOf(e.getKey()), value(e.getValue()));
            }
            return o;
        } else if (v.getClass().isArray()) {
            ArrayNode a = F.arrayNode();
            for (int i = 0; i < Array.getLength(v); i++) {
                a.add(value(Array.get(v, i)));
            }
            return a;
        }
        return F.textNode(String.valueOf(v));
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
}
