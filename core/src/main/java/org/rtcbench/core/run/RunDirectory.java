package org.rtcbench.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rtcbench.core.scenario.ScenarioLoader;

/**
 * A run's directory, written as the run goes: each sample and event is appended and handed to
 * the OS as it is taken (no buffering in the JVM), so a crash loses nothing already measured.
 * run.json is replaced atomically.
 */
public final class RunDirectory implements AutoCloseable {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = ScenarioLoader.jsonMapper();
    private static final ObjectMapper PRETTY = ScenarioLoader.jsonMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    private final String runId;
    private final Map<String, OutputStream> sampleFiles = new ConcurrentHashMap<>();
    private final OutputStream events;

    private RunDirectory(Path path, String runId) throws IOException {
        this.path = path;
        this.runId = runId;
        Files.createDirectories(path.resolve("samples"));
        this.events = new FileOutputStream(path.resolve("events.jsonl").toFile(), true);
    }

    /** Creates {@code results/<run-id>/}, the id made of the UTC start time and the scenario name. */
    public static RunDirectory create(Path resultsRoot, String scenarioName) {
        String base = ID_TIME.format(Instant.now()) + "-" + scenarioName.replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            Files.createDirectories(resultsRoot);
            for (int i = 1; ; i++) {
                String id = i == 1 ? base : base + "-" + i;
                Path dir = resultsRoot.resolve(id);
                try {
                    Files.createDirectory(dir);
                    return new RunDirectory(dir, id);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another run started in the same second: take the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory under " + resultsRoot, e);
        }
    }

    /**
     * Reads the run.json of a run directory, e.g. to regenerate its reports.
     *
     * @throws org.rtcbench.core.BadInputException when the directory, its run.json, or the JSON is not there or not valid
     */
    public static RunSummary readSummary(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new org.rtcbench.core.BadInputException("no run directory at " + dir + " (runs are under results/<run-id>/)");
        }
        Path file = dir.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            throw new org.rtcbench.core.BadInputException(dir + " has no run.json: not a run directory, or its run ended before writing it");
        }
        try {
            RunSummary run = JSON.readValue(file.toFile(), RunSummary.class);
            if (run == null || run.runId() == null || run.status() == null) {
                throw new org.rtcbench.core.BadInputException(file + " is not an rtcbench run.json (no runId or status)");
            }
            return run;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new org.rtcbench.core.BadInputException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not a valid run.json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new org.rtcbench.core.BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    public String runId() {
        return runId;
    }

    /** Appends one sample (one JSON object, no newline inside) to {@code samples/<peer>.jsonl}. */
    public void appendSample(String peer, String jsonObject) {
        OutputStream out = sampleFiles.computeIfAbsent(peer, p -> {
            try {
                return new FileOutputStream(path.resolve("samples").resolve(p + ".jsonl").toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writeLine(out, jsonObject);
    }

    /** Appends an event to events.jsonl: {@code {"timestamp": ms, "type": type, ...fields}}. */
    public void event(String type, Map<String, ?> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("timestamp", System.currentTimeMillis());
        e.put("type", type);
        e.putAll(fields);
        try {
            writeLine(events, JSON.writeValueAsString(e));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes a file of the run directory as pretty JSON, replacing it atomically. */
    public void writeJson(String file, Object value) {
        try {
            writeText(file, PRETTY.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a text file of the run directory, replacing it atomically. */
    public void writeText(String file, String content) {
        try {
            Path tmp = path.resolve(file + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, path.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLine(OutputStream out, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        for (OutputStream out : sampleFiles.values()) {
            closeQuietly(out);
        }
        closeQuietly(events);
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing left to save
        }
    }
}
