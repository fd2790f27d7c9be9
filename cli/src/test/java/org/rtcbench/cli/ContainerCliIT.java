package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.browser.container.BrowserImage;
import org.rtcbench.browser.container.ContainerOwner;
import org.rtcbench.browser.container.DockerAccess;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Container peers through the CLI: a missing image, a broken image and an unreachable Docker each
 * exit 2 with one line; SIGKILL of rtcbench mid-call leaves no container 15 s later; rtcbench's
 * images say what they hold.
 */
class ContainerCliIT {
    private static final String CALL = """
            name: boxed
            duration: %s
            media:
              video: { width: 320, height: 240, fps: 15 }
            peers:
              - kind: chrome
                name: boxed
                provider: container
            %s
              - kind: java
            """;

    @TempDir
    Path tmp;

    /** Docker is a prerequisite: skipped where it is missing, but in CI (which installs and starts it) its absence fails. */
    static DockerClient requireDocker() {
        String why = DockerAccess.problem();
        if (why != null && "true".equals(System.getenv("CI"))) {
            fail("CI runs the container tests, and Docker is not usable: " + why);
        }
        assumeTrue(why == null, () -> "skipped, Docker is not usable here: " + why);
        return DockerAccess.client();
    }

    @AfterEach
    void noContainerOfOursLeft() {
        if (DockerAccess.problem() == null) {
            assertThat(DockerAccess.client().listContainersCmd().withShowAll(true).withLabelFilter(List.of(ContainerOwner.LABEL)).exec()
                    .stream().filter(c -> c.getLabels().get(ContainerOwner.LABEL).equals(ContainerOwner.MARK)).toList()).isEmpty();
        }
    }

    private RtcbenchProcess.Result run(Map<String, String> env, String imageLine) throws Exception {
        Files.writeString(tmp.resolve("boxed.yaml"), CALL.formatted("6s", imageLine));
        return RtcbenchProcess.run(tmp, env, "run", "boxed.yaml");
    }

    private static void assertOneLineError(RtcbenchProcess.Result r, String... fragments) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.errLines()).as("stderr").hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("rtcbench: ").contains(fragments).doesNotContain("Exception");
    }

    @Test
    void aMissingImageExits2SayingHowToBuildIt() throws Exception {
        requireDocker();
        RtcbenchProcess.Result r = run(Map.of(), "    image: rtcbench-test/no-such-image:1");
        assertOneLineError(r, "image rtcbench-test/no-such-image:1 is not on this Docker host", "./rtcbench images build");
    }

    @Test
    void aBrokenImageWithoutItsBrowserExits2WithWhatTheContainerSaid() throws Exception {
        DockerClient docker = requireDocker();
        // labelled as a Chromium image, but it holds only Firefox: no chromedriver inside
        String broken = "rtcbench-test/broken-chromium:" + ProcessHandle.current().pid();
        new ImageFromDockerfile(broken, false)
                .withDockerfileFromBuilder(b -> b.from(BrowserImage.defaultName(org.rtcbench.core.peer.PeerKind.FIREFOX))
                        .label(BrowserImage.BROWSER, "chromium").build())
                .get();
        try {
            RtcbenchProcess.Result r = run(Map.of(), "    image: " + broken);
            assertOneLineError(r, "image " + broken + " cannot run chromedriver --port=0 for peer boxed", "the container ended",
                    "chromedriver", "not found");
        } finally {
            docker.removeImageCmd(broken).exec();
        }
    }

    @Test
    void anImageWithoutRtcbenchsLabelsRunsLikeAUsersOwnWithItsVersionsReadFromTheBrowser() throws Exception {
        DockerClient docker = requireDocker();
        // rtcbench's Chromium image with every rtcbench label emptied: what a user's own image with
        // chromedriver and Chromium on its PATH looks like to rtcbench
        String plain = "rtcbench-test/plain-chromium:" + ProcessHandle.current().pid();
        new ImageFromDockerfile(plain, false)
                .withDockerfileFromBuilder(b -> b.from(BrowserImage.defaultName(org.rtcbench.core.peer.PeerKind.CHROME))
                        .label(Map.of(BrowserImage.BROWSER, "", BrowserImage.BROWSER_VERSION, "", BrowserImage.BROWSER_BINARY, "",
                                BrowserImage.DRIVER, "", BrowserImage.DRIVER_VERSION, "", BrowserImage.DRIVER_BINARY, "")).build())
                .get();
        try {
            RtcbenchProcess.Result r = run(Map.of(), "    image: " + plain);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).containsPattern("boxed launched in \\d+ ms \\(chromium \\d+\\.[0-9.]+, in image " + plain.replace(".", "\\.") + "\\)");
        } finally {
            docker.removeImageCmd(plain).exec();
        }
    }

    @Test
    void dockerNotReachableExits2WithinSecondsSayingWhatToDo() throws Exception {
        long t0 = System.nanoTime();
        RtcbenchProcess.Result r = run(Map.of("DOCKER_HOST", "unix://" + tmp.resolve("no-docker.sock")), "");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertOneLineError(r, "container peers need Docker, and no Docker daemon answers at unix://" + tmp.resolve("no-docker.sock"),
                "sudo ci/setup");
        assertThat(ms).as("ms to the error").isLessThan(15_000);
    }

    @Test
    void sigkillOfRtcbenchMidCallLeavesNoContainer15sLater() throws Exception {
        DockerClient docker = requireDocker();
        Files.writeString(tmp.resolve("long.yaml"), CALL.formatted("2m", ""));
        Process p = RtcbenchProcess.start(tmp, "run", "long.yaml");
        String owner = p.pid() + ":";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (containersOf(docker, owner).isEmpty() && System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("rtcbench runs").isTrue();
            Thread.sleep(200);
        }
        assertThat(containersOf(docker, owner)).as("the container of the running call").hasSize(1);
        Thread.sleep(3000); // in the call

        p.destroyForcibly(); // SIGKILL: rtcbench runs no cleanup
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();
        while (!containersOf(docker, owner).isEmpty() && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(15)) {
            Thread.sleep(200);
        }
        List<Container> left = containersOf(docker, owner);
        left.forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec()); // only when the assertion below fails
        assertThat(left).as("containers of the killed rtcbench 15 s later").isEmpty();
        System.out.printf("container gone %d ms after SIGKILL%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
    }

    @Test
    void sigtermMidCallEndsTheRunInterruptedAndRemovesItsContainers() throws Exception {
        DockerClient docker = requireDocker();
        Files.writeString(tmp.resolve("long.yaml"), CALL.formatted("2m", "").replace("  - kind: java\n",
                "  - kind: firefox\n    name: boxed-firefox\n    provider: container\n"));
        Process p = RtcbenchProcess.start(tmp, "run", "long.yaml");
        String owner = p.pid() + ":";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (containersOf(docker, owner).size() < 2 && System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("rtcbench runs").isTrue();
            Thread.sleep(200);
        }
        assertThat(containersOf(docker, owner)).as("the containers of the running call").hasSize(2);
        Thread.sleep(3000);

        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("rtcbench exits after SIGTERM").isTrue();
        RtcbenchProcess.Result r = RtcbenchProcess.finished(tmp, p);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(143);
        assertThat(containersOf(docker, owner)).as("containers left after SIGTERM").isEmpty();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(RtcbenchProcess.onlyRunDirectory(tmp).resolve("run.json").toFile())
                .path("status").asText()).isEqualTo("interrupted");
    }

    private static List<Container> containersOf(DockerClient docker, String ownerPrefix) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(ContainerOwner.LABEL)).exec().stream()
                .filter(c -> c.getLabels().get(ContainerOwner.LABEL).startsWith(ownerPrefix)).toList();
    }

    @Test
    void rtcbenchsImagesSayWhatTheyHoldAndAreTaggedWithTheBrowserVersion() throws Exception {
        requireDocker();
        RtcbenchProcess.Result built = RtcbenchProcess.run(tmp, "images", "build", "--if-missing");
        assertThat(built.exitCode()).as(built.out() + built.err()).isZero();
        RtcbenchProcess.Result list = RtcbenchProcess.run(tmp, "images", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        for (org.rtcbench.core.peer.PeerKind kind : List.of(org.rtcbench.core.peer.PeerKind.CHROME, org.rtcbench.core.peer.PeerKind.FIREFOX)) {
            BrowserImage image = BrowserImage.find(DockerAccess.client(), BrowserImage.defaultName(kind), kind);
            String version = image.label(BrowserImage.BROWSER_VERSION, null);
            assertThat(version).as(image.name() + " labels").isNotBlank();
            String repo = BrowserImage.defaultName(kind).replace(":latest", "");
            assertThat(DockerAccess.client().inspectImageCmd(repo + ":" + version).exec().getId()).isEqualTo(image.id());
            assertThat(list.out()).contains(repo + ":" + version).contains(image.shortId());
        }
    }
}
