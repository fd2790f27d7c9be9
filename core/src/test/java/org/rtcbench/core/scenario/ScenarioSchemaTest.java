package org.rtcbench.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioSchemaTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CHECKED_IN = ROOT.resolve("schema/scenario.schema.json");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ScenarioSchema.json(), InputFormat.JSON);

    private static List<Error> errors(String yaml) throws IOException {
        JsonNode doc = YAML.readTree(yaml);
        return SCHEMA.validate(doc);
    }

    @Test
    void theCheckedInSchemaIsTheOneTheModelGenerates() throws IOException {
        assertThat(Files.readString(CHECKED_IN))
                .as("schema/scenario.schema.json is out of date: ./rtcbench schema > schema/scenario.schema.json")
                .isEqualTo(ScenarioSchema.json());
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleScenarioFitsTheSchemaAndNamesIt(Path example) throws IOException {
        String yaml = Files.readString(example);
        assertThat(errors(yaml)).as(example.getFileName().toString()).isEmpty();
        assertThat(yaml.lines().findFirst().orElse("")).as("the editor's schema line first")
                .isEqualTo("# yaml-language-server: $schema=../schema/scenario.schema.json");
        ScenarioLoader.parse(example.toString(), yaml); // and the loader reads it
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "peers: [{kind: chrome}]\nspeed: fast",                                 // unknown top-level field
            "peers: [{kind: chrome, colour: red}]",                                 // unknown field of a peer
            "peers: [{kind: safari}]",                                              // a kind not in the list
            "peers: [{count: 2}]",                                                  // a peer without a kind
            "peers: [{kind: java}]\nduration: 20",                                  // a duration without a unit
            "peers: [{kind: java}]\nmedia: {source: camera}",                       // not a media source
            "peers: [{kind: java}]\nnetwork: {delay: 25ms, up: {shape: square}}",   // unknown field, nested twice
            "peers: [{kind: java}]\nice: {turn: remote}",                           // turn is local or a server
            "peers: [{kind: java}]\ntimeline: [{at: 5s}]",                          // a step without network
            "peers: [{kind: java, role: both}]",                                    // not a role
    })
    void theSchemaRejectsWhatTheLoaderRejectsInForm(String yaml) throws IOException {
        assertThat(errors(yaml)).as(yaml).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioLoader.parse("x.yaml", yaml))
                .as("the loader rejects it too").isInstanceOf(org.rtcbench.core.BadInputException.class);
    }

    @Test
    void anUnknownFieldIsNamedInTheSchemasError() throws IOException {
        assertThat(errors("peers: [{kind: chrome}]\nspeed: fast")).extracting(Error::getMessage)
                .anySatisfy(m -> assertThat(m).contains("speed"));
    }
}
