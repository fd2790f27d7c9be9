package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    private record Result(int exit, List<String> lines) {
    }

    /** Runs rtcbench in this JVM and returns its exit code and what it printed on stdout. */
    private static Result rtcbench(String... args) {
        InProcess r = InProcess.rtcbench(args);
        return new Result(r.exit(), r.out());
    }

    private static Result validate(String... files) {
        return rtcbench(Stream.concat(Stream.of("validate"), Stream.of(files)).toArray(String[]::new));
    }

    @Test
    void everyExampleScenarioIsValid() throws IOException {
        List<String> examples;
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            examples = files.map(Path::toString).filter(f -> f.endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(9);

        Result r = validate(examples.toArray(String[]::new));

        assertThat(r.lines()).as("one line a file").hasSize(examples.size()).allSatisfy(l -> assertThat(l).endsWith(": ok"));
        assertThat(r.exit()).isZero();
    }

    @Test
    void tenBrokenFilesEachGetOneLineWithWhereAndWhatAndExitTwo() throws IOException {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("peers:\n  - kind: chrome\nspeed: fast\n",
                ":3:1: unknown field 'speed' in scenario (allowed: assertions, browsers, connectTimeout, description, duration, ice, load, media, name, network, peers, sampling, target, timeline)");
        broken.put("peers:\n  - kind: java\nnetwork:\n  loss: 120%\n", ":4:3: network: loss must be between 0% and 100%, got 120%");
        broken.put("peers:\n  - kind: java\nnetwork: { delay: -5ms }\n", ":3:12: network: delay must not be negative, got -5ms");
        broken.put("peers:\n  - kind: safari\n", ":2:5: peers[0].kind: unknown peer kind 'safari' (allowed: chrome, firefox, java, replay)");
        broken.put("duration: 20\npeers:\n  - kind: java\n", ":1:11: duration: expected a duration with a unit, e.g. 20s or 500ms, got '20'");
        broken.put("peers:\n  - kind: java\n    count: 0\n", ":3:5: peers[0]: count must be at least 1, got 0");
        broken.put("peers:\n  - kind: java\nassertions:\n  - video.fps.p50 >= banana\n", ":4:5: assertions[0]: cannot read assertion 'video.fps.p50 >= banana'");
        broken.put("peers:\n  - kind: java\n   count: 2\n", ":3:4: not valid YAML:");
        broken.put("target: { type: nosuch }\npeers:\n  - kind: java\n", ":1:11: unknown target type 'nosuch' (allowed: p2p, janus, whip, whep)");
        broken.put("media:\n  source: camera\npeers:\n  - kind: java\n", ":2:3: media: source must be marked, unmarked or builtin, got 'camera'");
        List<String> files = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> e : broken.entrySet()) {
            Path f = tmp.resolve("broken-" + (++n) + ".yaml");
            Files.writeString(f, e.getKey());
            files.add(f.toString());
            expected.add(f + e.getValue());
        }
        Path good = tmp.resolve("good.yaml");
        Files.writeString(good, "peers:\n  - kind: java\n");
        files.add(good.toString());

        Result r = validate(files.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.lines()).hasSize(11);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(r.lines().get(i)).as("file %d", i + 1).startsWith(expected.get(i));
        }
        assertThat(r.lines().get(10)).isEqualTo(good + ": ok");
    }

    @Test
    void aMissingFileIsBadInputToo() {
        Result r = validate(tmp.resolve("nope.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.lines()).singleElement().asString().startsWith("scenario file not found: " + tmp.resolve("nope.yaml"));
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheCommands() {
        Result r = rtcbench("completion", "bash");
        String script = String.join("\n", r.lines());
        assertThat(r.exit()).isZero();
        assertThat(script).contains("complete -F").contains("validate").contains("interop").contains("--duration");
    }
}
