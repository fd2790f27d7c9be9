package org.rtcbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's events.jsonl read back for the report's timeline: {@code {"timestamp": ms, "type": ..., ...fields}} a line. */
public final class RunEvents {
    /** One event: when (epoch ms), what, and its other fields as text. */
    public record Event(long timestamp, String type, Map<String, String> fields) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEvents() {
    }

    /** Every event in file order; none when there is no events.jsonl; a line cut short by a crash is skipped. */
    public static List<Event> read(Path runDir) throws IOException {
        Path file = runDir.resolve("events.jsonl");
        List<Event> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                if (node == null || !node.isObject()) {
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (!f.getKey().equals("timestamp") && !f.getKey().equals("type")) {
                        fields.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                    }
                }
                out.add(new Event(node.path("timestamp").asLong(), node.path("type").asText("event"), fields));
            }
        }
        return out;
    }
}
