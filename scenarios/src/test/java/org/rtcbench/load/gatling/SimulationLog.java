package org.rtcbench.load.gatling;

import io.gatling.core.stats.writer.RecordHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the request records of Gatling 3.15's binary simulation.log, written by
 * {@code io.gatling.core.stats.writer.LogFileDataWriter}, so tests check what Gatling stored
 * rather than what we meant to give it.
 */
final class SimulationLog {
    /** One request record; times are milliseconds since the run started. */
    record Request(List<String> groups, String name, int start, int end, boolean ok, String message) {
        int millis() {
            return end - start;
        }
    }

    private final ByteBuffer in;
    private final Map<Integer, String> strings = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    private SimulationLog(ByteBuffer in) {
        this.in = in;
    }

    static List<Request> requests(Path log) throws IOException {
        SimulationLog reader = new SimulationLog(ByteBuffer.wrap(Files.readAllBytes(log)));
        reader.readAll();
        return reader.requests;
    }

    private void readAll() {
        byte run = RecordHeader.Run$.MODULE$.value();
        byte user = RecordHeader.User$.MODULE$.value();
        byte request = RecordHeader.Request$.MODULE$.value();
        byte group = RecordHeader.Group$.MODULE$.value();
        byte error = RecordHeader.Error$.MODULE$.value();
        while (in.hasRemaining()) {
            byte header = in.get();
            if (header == run) {
                string(); // Gatling version
                string(); // simulation class
                in.getLong(); // start
                string(); // description
                for (int scenarios = in.getInt(); scenarios > 0; scenarios--) {
                    string();
                }
                for (int assertions = in.getInt(); assertions > 0; assertions--) {
                    int length = in.getInt();
                    in.position(in.position() + length);
                }
            } else if (header == user) {
                in.getInt();
                in.get();
                in.getInt();
            } else if (header == request) {
                List<String> groups = groups();
                String name = cachedString();
                int start = in.getInt();
                int end = in.getInt();
                boolean ok = in.get() == 1;
                requests.add(new Request(groups, name, start, end, ok, cachedString()));
            } else if (header == group) {
                groups();
                in.getInt();
                in.getInt();
                in.getInt();
                in.get();
            } else if (header == error) {
                cachedString();
                in.getInt();
            } else {
                throw new IllegalStateException("unknown record header " + header + " at byte " + (in.position() - 1));
            }
        }
    }

    private List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (int n = in.getInt(); n > 0; n--) {
            groups.add(cachedString());
        }
        return groups;
    }

    private String cachedString() {
        int index = in.getInt();
        if (index < 0) {
            return strings.get(-index);
        }
        String s = string();
        strings.put(index, s);
        return s;
    }

    private String string() {
        int length = in.getInt();
        if (length == 0) {
            return "";
        }
        byte[] value = new byte[length];
        in.get(value);
        byte coder = in.get();
        // A String's internal bytes: Latin-1, or UTF-16 in the platform's order (little-endian here).
        return new String(value, coder == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
    }
}
