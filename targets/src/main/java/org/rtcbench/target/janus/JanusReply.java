package org.rtcbench.target.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * One message from Janus's HTTP API: a direct reply ({@code success}, {@code ack}, {@code error})
 * or an event from a long poll ({@code event}, {@code webrtcup}, {@code media}, {@code hangup}, ...).
 *
 * @param janus       the message kind, Janus's {@code "janus"} field
 * @param transaction the transaction of the request it answers, or null for an unsolicited event
 * @param sender      the handle it concerns, or 0 for the session itself
 * @param data        the plugin's part ({@code plugindata.data}, or {@code data} of a core reply), or null
 * @param jsep        the SDP Janus sends ({@code {type, sdp}}), or null
 * @param raw         the whole message, for logs
 */
public record JanusReply(String janus, String transaction, long sender, JsonNode data, JsonNode jsep, JsonNode raw) {
    static final ObjectMapper JSON = new ObjectMapper();

    static JanusReply of(JsonNode n) {
        JsonNode plugin = n.path("plugindata").path("data");
        JsonNode data = !plugin.isMissingNode() ? plugin : n.get("data");
        return new JanusReply(n.path("janus").asText(""), n.hasNonNull("transaction") ? n.get("transaction").asText() : null,
                n.path("sender").asLong(0), data, n.hasNonNull("jsep") ? n.get("jsep") : null, n);
    }

    /** The messages of a long poll's body: one object, or an array of them (with {@code maxev} above 1). */
    static List<JanusReply> all(JsonNode n) {
        List<JanusReply> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> out.add(of(e)));
        } else if (n.isObject()) {
            out.add(of(n));
        }
        return out;
    }

    /**
     * What went wrong, when this is an error: a core error ({@code janus: error}) or a plugin's
     * ({@code error_code}/{@code error} in its data); null otherwise.
     */
    public String error() {
        if ("error".equals(janus)) {
            JsonNode e = raw.path("error");
            return e.path("reason").asText("unknown error") + " (code " + e.path("code").asText("?") + ")";
        }
        if (data != null && data.has("error")) {
            return data.path("error").asText() + (data.has("error_code") ? " (code " + data.path("error_code").asText() + ")" : "");
        }
        return null;
    }

    /** The SDP Janus sent, or null. */
    public String sdp() {
        return jsep == null ? null : jsep.path("sdp").asText(null);
    }

    /** A text field of the plugin's data, or null. */
    public String text(String field) {
        return data == null || !data.hasNonNull(field) ? null : data.get(field).asText();
    }
}
