package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The CI templates under ci/templates/ run nothing the suite does not: this test reads the
 * commands out of them and runs each one here, as the template does (through ./rtcbench and
 * ci/setup), then checks what the templates publish: junit.xml and the run directory.
 */
class CiTemplatesIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TEMPLATES = ROOT.resolve("ci").resolve("templates");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Every shell command of the GitHub Actions workflow and the GitLab CI job, {@code sudo} dropped (the suite runs as root). */
    static Set<String> templateCommands() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        Set<String> commands = new LinkedHashSet<>();
        JsonNode github = yaml.readTree(TEMPLATES.resolve("github-actions.yml").toFile());
        for (JsonNode job : github.path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                if (step.has("run")) {
                    commands.add(step.path("run").asText().strip());
                }
            }
        }
        JsonNode gitlab = yaml.readTree(TEMPLATES.resolve("gitlab-ci.yml").toFile());
        gitlab.fields().forEachRemaining(job -> job.getValue().path("script").forEach(line -> commands.add(line.asText().strip())));
        Set<String> out = new LinkedHashSet<>();
        commands.forEach(c -> out.add(c.startsWith("sudo ") ? c.substring(5) : c));
        return out;
    }

    @Test
    void bothTemplatesRunTheSameTwoCommands() throws Exception {
        assertThat(templateCommands()).containsExactly("ci/setup",
                "./rtcbench interop --peers chrome@container,firefox@container,java --results results");
    }

    @Test
    void theGridComposeFileHasAChromiumAndAFirefoxNodeOfTheGridVersionTheSuiteRuns() throws Exception {
        JsonNode compose = new YAMLMapper().readTree(TEMPLATES.resolve("selenium-grid-compose.yml").toFile());
        assertThat(compose.path("services").path("hub").path("image").asText()).isEqualTo("selenium/hub:4.48.0");
        assertThat(compose.path("services").path("chromium").path("image").asText()).isEqualTo("selenium/node-chromium:4.48.0");
        assertThat(compose.path("services").path("firefox").path("image").asText()).isEqualTo("selenium/node-firefox:4.48.0");
        assertThat(Files.readString(ROOT.resolve("ci").resolve("grid").resolve("pom.xml")))
                .as("the Grid the suite runs (ci/grid/standalone) is the compose file's version")
                .contains("<artifactId>selenium-grid</artifactId>\n      <version>4.48.0</version>");
        assertThat(Files.readString(TEMPLATES.resolve("selenium-grid-compose.yml"))).contains("--grid-url http://GRID-HOST:4444 --harness-host ADDRESS");
    }

    @Test
    void everyTemplateCommandRunsHereAndLeavesWhatTheTemplatesPublish() throws Exception {
        ContainerCliIT.requireDocker();
        for (String command : templateCommands()) {
            List<String> argv = new ArrayList<>(List.of(command.split(" ")));
            argv.set(0, ROOT.resolve(argv.get(0)).toString()); // the template runs from rtcbench's folder; results go to tmp
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(argv).directory(tmp.toFile()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("out.txt").toFile()).start();
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).as(command + " finished").isTrue();
            String out = Files.readString(tmp.resolve("out.txt"));
            assertThat(p.exitValue()).as(command + ":\n" + out).isZero();
            System.out.printf("%s: exit 0 in %d s%n", command, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
        }
        Path dir = RtcbenchProcess.onlyRunDirectory(tmp);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertThat(junit.getElementsByTagName("testcase").getLength()).as("one testcase per cell at least").isGreaterThanOrEqualTo(9);
        assertThat(junit.getElementsByTagName("failure").getLength()).isZero();
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        assertThat(run.path("status").asText()).isEqualTo("passed");
        assertThat(run.path("matrix")).hasSize(9);
        for (JsonNode cell : run.path("matrix")) {
            assertThat(cell.path("outcome").asText()).as(cell.toString()).isEqualTo("passed");
        }
        for (JsonNode peer : run.path("peers")) {
            if (peer.path("kind").asText().equals("java")) {
                continue;
            }
            assertThat(peer.path("provider").asText()).isEqualTo("container");
            assertThat(peer.path("image").asText()).startsWith("rtcbench/");
            assertThat(peer.path("imageId").asText()).startsWith("sha256:");
            assertThat(peer.path("browserVersion").asText()).isNotBlank();
        }
        assertThat(dir.resolve("report.html")).exists();
    }
}
