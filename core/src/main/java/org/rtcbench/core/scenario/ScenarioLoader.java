package org.rtcbench.core.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Durations;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads scenario YAML strictly: an unknown field, a wrong type or a bad value is a
 * {@link BadInputException} whose one line names the file, line, column, field and what is allowed.
 */
public final class ScenarioLoader {
    private static final YAMLMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build());

    private ScenarioLoader() {
    }

    /** Reads a scenario file. */
    public static Scenario load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException("scenario file not found: " + file + " (run './rtcbench run scenarios/<file>.yaml'; examples are in scenarios/)");
        } catch (IOException e) {
            throw new BadInputException("cannot read scenario file " + file + ": " + e.getMessage());
        }
    }

    /** Reads a scenario bundled on the class path, e.g. the demo. */
    public static Scenario loadResource(String resource) {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new BadInputException("bundled scenario " + resource + " is missing from the rtcbench jar; rebuild with 'mvn -q install -DskipTests'");
            }
            return parse("classpath:" + resource, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads scenario YAML; {@code origin} names the file in error messages. */
    public static Scenario parse(String origin, String yaml) {
        try (JsonParser p = YAML.createParser(yaml)) {
            // Jackson reports an empty document as a type mismatch; say what it is instead.
            if (p.nextToken() == null) {
                throw new BadInputException(origin + ": the scenario is empty; it needs at least 'peers:'");
            }
            Scenario s = YAML.readValue(p, Scenario.class);
            if (s == null) {
                throw new BadInputException(origin + ": the scenario is empty; it needs at least 'peers:'");
            }
            return s;
        } catch (JsonProcessingException e) {
            MarkedYAMLException syntax = syntaxError(e);
            if (syntax != null) {
                throw new BadInputException(origin + notYaml(syntax));
            }
            if (e instanceof JsonMappingException m) {
                throw new BadInputException(origin + describe(m, yaml));
            }
            throw new BadInputException(origin + where(e.getLocation()) + ": not valid YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenario as YAML with every default filled in (what run directories keep as scenario.yaml). */
    public static String toYaml(Scenario scenario) {
        try {
            return YAML.writeValueAsString(scenario);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON mapper that knows rtcbench's value types (durations as {@code 20s}). */
    public static JsonMapper jsonMapper() {
        return configure(JsonMapper.builder().build());
    }

    private static <M extends com.fasterxml.jackson.databind.ObjectMapper> M configure(M mapper) {
        SimpleModule module = new SimpleModule("rtcbench");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(Durations.format(value));
            }
        });
        mapper.registerModule(module);
        return mapper;
    }

    private static String describe(JsonMappingException e, String yaml) {
        String field = path(e);
        JsonLocation loc = e.getLocation();
        if (e instanceof UnrecognizedPropertyException || e instanceof ValueInstantiationException) {
            // Records are built after their whole map is read, so Jackson reports these at the map's end;
            // a check of the whole scenario has no better place to point at than none.
            loc = field.isEmpty() ? null : locate(yaml, pointer(e), loc);
            // A check that names one of the section's fields first ("loss must be ...") points at that field.
            String message = e.getCause() == null ? null : e.getCause().getMessage();
            if (e instanceof ValueInstantiationException && message != null && message.matches("[a-z][A-Za-z]* .*")) {
                JsonLocation inner = locate(yaml, pointer(e).appendProperty(message.substring(0, message.indexOf(' '))), null);
                loc = inner != null ? inner : loc;
            }
        }
        String at = where(loc);
        if (e instanceof UnrecognizedPropertyException u) {
            return at + ": unknown field '" + u.getPropertyName() + "'" + in(field, u.getPropertyName())
                    + " (allowed: " + allowed(u.getKnownPropertyIds()) + ")";
        }
        String prefix = at + ": " + (field.isEmpty() ? "" : field + ": ");
        if (e.getCause() != null && (e instanceof ValueInstantiationException || e instanceof InvalidFormatException)) {
            return prefix + e.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType() != Duration.class) {
            return prefix + "expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && !(e instanceof InvalidFormatException) && m.getTargetType() != null) {
            return prefix + "expected " + typeName(m.getTargetType()) + ", got something else";
        }
        return prefix + e.getOriginalMessage();
    }

    private static String in(String path, String property) {
        String parent = path.endsWith(property) ? path.substring(0, Math.max(0, path.length() - property.length() - 1)) : path;
        return parent.isEmpty() ? " in scenario" : " in " + parent;
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 20s";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.util.List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a " + type.getSimpleName() + " section (a map of fields)";
    }

    private static String allowed(Collection<Object> known) {
        return new TreeSet<>(known.stream().map(String::valueOf).collect(Collectors.toSet())).stream()
                .collect(Collectors.joining(", "));
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static JsonPointer pointer(JsonMappingException e) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference r : e.getPath()) {
            pointer = r.getFieldName() != null ? pointer.appendProperty(r.getFieldName()) : pointer.appendIndex(r.getIndex());
        }
        return pointer;
    }

    /** Where the field (or list item) at {@code pointer} starts in the YAML text; {@code fallback} if not found. */
    private static JsonLocation locate(String yaml, JsonPointer pointer, JsonLocation fallback) {
        if (pointer.matches()) {
            return fallback;
        }
        try (JsonParser p = YAML.createParser(yaml)) {
            while (p.nextToken() != null) {
                if (pointer.equals(p.getParsingContext().pathAsPointer())) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            // the text was read once already; keep Jackson's location
        }
        return fallback;
    }

    /** The YAML syntax error behind a Jackson exception, if that is what it is. */
    private static MarkedYAMLException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    private static String notYaml(MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        String at = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
        String context = e.getContext() == null ? "" : " (" + oneLine(e.getContext()) + ")";
        return at + ": not valid YAML: " + oneLine(e.getProblem()) + context;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.trim().replaceAll("\\s+", " ");
    }

    /** Where the field at {@code pointer} (e.g. {@code /target/type}) is in the YAML text, as {@code :line:col}; empty if it is not there. */
    public static String where(String yaml, String pointer) {
        return where(locate(yaml, JsonPointer.compile(pointer), null));
    }

    private static String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /** Durations are written as {@code 500ms}, {@code 20s}, {@code 1m30s}; zero and negative are refused. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(p, "expected a duration with a unit, e.g. 20s or 500ms, got '"
                        + p.getText() + "'", p.getText(), Duration.class);
            }
            String text = p.getText();
            try {
                Duration d = Durations.parse(text);
                if (d.isZero()) {
                    throw new IllegalArgumentException("'" + text + "' is zero; a duration must be positive, e.g. 20s");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
            }
        }
    }
}
