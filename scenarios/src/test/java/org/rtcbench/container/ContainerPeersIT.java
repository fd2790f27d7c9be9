package org.rtcbench.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtcbench.testing.Runs.peer;
import static org.rtcbench.testing.Runs.waitForSamples;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.browser.container.ContainerOwner;
import org.rtcbench.browser.container.DockerAccess;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.runner.RunOptions;
import org.rtcbench.runner.ScenarioRunner;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Browsers in containers (rtcbench's own images, which ci/setup builds) in calls with a local
 * browser, and a container killed mid-call. Each container is gone after its run.
 */
class ContainerPeersIT {
    @TempDir
    Path tmp;
    private ByteArrayOutputStream console;

    /** Docker is a prerequisite: skipped where it is missing, but in CI (which installs and starts it) its absence fails. */
    static DockerClient requireDocker() {
        String why = DockerAccess.problem();
        if (why != null && "true".equals(System.getenv("CI"))) {
            fail("CI runs the container tests, and Docker is not usable: " + why);
        }
        assumeTrue(why == null, () -> "skipped, Docker is not usable here: " + why);
        return DockerAccess.client();
    }

    static List<Container> ours(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerOwner.LABEL, ContainerOwner.MARK)).exec();
    }

    @BeforeEach
    void docker() {
        requireDocker();
    }

    @AfterEach
    void nothingLeft() {
        assertThat(ours(DockerAccess.client())).as("containers of this JVM left after the run").isEmpty();
        assertThat(OwnedProcesses.running(tmp.toString())).as("browsers and drivers left running").isEmpty();
    }

    private ScenarioRunner runner(String yaml) {
        console = new ByteArrayOutputStream();
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve("results"))
                .withOut(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withMediaCache(tmp.resolve("media")).withWorkDir(tmp.resolve("work"));
        return new ScenarioRunner(ScenarioLoader.parse("container.yaml", yaml), options);
    }

    @Test
    void firefoxInAContainerCallsALocalChromiumBothWaysAndTheRunRecordsItsImage() throws Exception {
        ScenarioRunner runner = runner("""
                name: container-local
                duration: 8s
                media:
                  video: { width: 320, height: 240, fps: 15 }
                peers:
                  - kind: firefox
                    name: boxed
                    provider: container
                  - kind: chrome
                    name: local
                assertions:
                  - connected within 15s
                  - video.fps.p50 > 5 for receivers after 3s
                  - audio.packets.received.last > 0 for receivers
                  - datachannel.echoes.last > 0
                """);
        RunSummary run = runner.run();
        String out = console.toString(StandardCharsets.UTF_8);

        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        assertThat(run.assertions()).allSatisfy(a -> assertThat(a.passed()).as(a.toString()).isTrue());
        PeerSummary boxed = peer(run, "boxed");
        assertThat(boxed.provider()).isEqualTo("container");
        assertThat(boxed.image()).isEqualTo("rtcbench/firefox:latest");
        assertThat(boxed.imageId()).startsWith("sha256:");
        assertThat(boxed.browser()).isEqualTo("firefox");
        assertThat(boxed.browserVersion()).matches("\\d+\\.\\d+.*");
        assertThat(peer(run, "local").image()).isNull();
        assertThat(out).contains("boxed launched in").contains("in image rtcbench/firefox:latest");

        Path dir = runner.directory().path();
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"imageId\" : \"" + boxed.imageId() + "\"");
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertThat(property(junit, "peer.boxed.image")).isEqualTo("rtcbench/firefox:latest");
        assertThat(property(junit, "peer.boxed.imageId")).isEqualTo(boxed.imageId());
        assertThat(property(junit, "peer.boxed.browser")).isEqualTo("firefox " + boxed.browserVersion());
        assertThat(Files.readString(dir.resolve("report.html"))).contains("in image rtcbench/firefox:latest (" + boxed.imageId().substring(7, 19) + ")");
        assertThat(Files.readString(dir.resolve("logs").resolve("container-boxed.log"))).contains("WebDriver BiDi listening on");
    }

    @Test
    void aContainerKilledMidCallFailsThatPeerWithTheReasonAndKeepsTheOthersSamples() throws Exception {
        ScenarioRunner runner = runner("""
                name: container-killed
                duration: 30s
                media:
                  video: { width: 320, height: 240, fps: 15 }
                peers:
                  - kind: chrome
                    name: boxed
                    provider: container
                  - kind: java
                    name: native
                assertions:
                  - connected within 15s
                """);
        CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(runner::run);
        Path samples = waitForSamples(runner, "boxed", 3);
        DockerClient docker = DockerAccess.client();
        List<Container> boxed = docker.listContainersCmd()
                .withLabelFilter(Map.of(ContainerOwner.LABEL, ContainerOwner.MARK, ContainerOwner.PEER_LABEL, "boxed")).exec();
        assertThat(boxed).as("the container of peer boxed").hasSize(1);
        docker.killContainerCmd(boxed.get(0).getId()).exec();

        RunSummary run = running.get(90, TimeUnit.SECONDS);
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.FAILED);
        assertThat(run.status().exitCode()).isEqualTo(1);
        PeerSummary failed = peer(run, "boxed");
        assertThat(failed.outcome()).isEqualTo("failed");
        assertThat(failed.failure()).contains("boxed").contains("its container " + boxed.get(0).getId().substring(0, 12))
                .contains("of image rtcbench/chromium:latest ended");
        assertThat(Files.readAllLines(samples.resolveSibling("native.jsonl")).size()).as("the java peer's samples are kept")
                .isGreaterThanOrEqualTo(3);
        assertThat(Files.readAllLines(samples).size()).as("boxed's samples before the kill are kept").isGreaterThanOrEqualTo(3);
        assertThat(out).contains("peer failed: ");
    }

    private static String property(Document junit, String name) {
        NodeList props = junit.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").equals(name)) {
                return p.getAttribute("value");
            }
        }
        return null;
    }
}
