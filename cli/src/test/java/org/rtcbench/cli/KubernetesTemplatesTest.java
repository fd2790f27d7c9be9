package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.Shard;
import picocli.CommandLine;

/**
 * The Kubernetes templates (ci/templates/kubernetes) cannot rot: their Jobs have the shape an indexed
 * sharded load needs, and the rtcbench command lines in them, expanded as the pod's shell would,
 * parse with this version's commands. No cluster runs here; a real one is the user's.
 */
class KubernetesTemplatesTest {
    private static final Path DIR = Path.of("..", "ci", "templates", "kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theShardJobRunsOneShareOfTheLoadPerIndexedPod() throws Exception {
        JsonNode job = YAML.readTree(DIR.resolve("load-shards.yaml").toFile());
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        JsonNode spec = job.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        JsonNode container = spec.path("template").path("spec").path("containers").get(0);
        Map<String, String> env = new java.util.HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        int shards = Integer.parseInt(env.get("SHARDS"));
        assertThat(spec.path("completions").asInt()).as("one pod per shard").isEqualTo(shards);
        assertThat(spec.path("parallelism").asInt()).as("all shards at once").isEqualTo(shards);
        for (int index = 0; index < shards; index++) {
            env.put("JOB_COMPLETION_INDEX", String.valueOf(index));
            List<String> args = rtcbenchArgs(container.path("args").get(0).asText(), env);
            assertThat(args.get(0)).isEqualTo("load");
            LoadCommand load = new LoadCommand();
            new CommandLine(load).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
            assertThat(load.shard()).isEqualTo(new Shard(index + 1, shards));
            Scenario s = load.scenario();
            assertThat(s.target().url()).isEqualTo(env.get("SFU_URL"));
            assertThat(s.load().room()).isEqualTo(Long.parseLong(env.get("ROOM")));
            assertThat(s.load().peerKind()).isEqualTo("replay");
            assertThat(load.shard().users(s.load().users())).as("every shard has users").isPositive();
            assertThat(args).containsSubsequence("--results", "/results/shard-" + index);
            assertThat(LoadCommand.startAt(load.startAt, java.time.Instant.parse(env.get("START_AT")).minusSeconds(60)))
                    .as("every shard starts its users at START_AT").isEqualTo(java.time.Instant.parse(env.get("START_AT")));
        }
    }

    @Test
    void theMergeJobMergesEveryShardsRunDirectory() throws Exception {
        JsonNode job = YAML.readTree(DIR.resolve("merge.yaml").toFile());
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        List<String> args = rtcbenchArgs(container.path("args").get(0).asText(), Map.of());
        assertThat(args).containsExactly("merge", "/results/shard-*/*", "--results", "/results/merged");
        MergeCommand merge = new MergeCommand();
        new CommandLine(merge).parseArgs("/results/shard-0/run-a", "/results/shard-1/run-b", "--results", "/results/merged");
        assertThat(merge.dirs).hasSize(2);
    }

    /** The arguments after the jar in a pod's shell command, with its variables and arithmetic expanded and quotes removed. */
    private static List<String> rtcbenchArgs(String shell, Map<String, String> env) {
        String s = shell.substring(shell.indexOf("rtcbench.jar") + "rtcbench.jar".length());
        java.util.regex.Matcher arithmetic = java.util.regex.Pattern.compile("\\$\\(\\(JOB_COMPLETION_INDEX \\+ 1\\)\\)").matcher(s);
        s = arithmetic.replaceAll(String.valueOf(Integer.parseInt(env.getOrDefault("JOB_COMPLETION_INDEX", "0")) + 1));
        for (Map.Entry<String, String> e : env.entrySet()) {
            s = s.replace("$" + e.getKey(), e.getValue());
        }
        assertThat(s).as("every variable of the command is set in the pod").doesNotContain("$");
        List<String> out = new ArrayList<>();
        for (String word : s.trim().split("\\s+")) {
            out.add(word.replace("\"", ""));
        }
        return out.stream().filter(w -> !w.isEmpty()).toList();
    }

    @Test
    void theImageRunsTheJarTheBuildMakes() throws Exception {
        List<String> lines = Arrays.asList(java.nio.file.Files.readString(DIR.resolve("Dockerfile")).split("\n"));
        assertThat(lines).anyMatch(l -> l.startsWith("COPY cli/target/rtcbench.jar "));
        assertThat(lines).anyMatch(l -> l.startsWith("ENTRYPOINT [\"java\"") && l.contains("/opt/rtcbench/rtcbench.jar"));
    }
}
