package org.rtcbench.browser.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a container knows its owner JVM, and how rtcbench tells an orphan from a live run's container. */
class ContainerOwnerTest {
    @Test
    void thisJvmsMarkIsItsPidAndStartTimeAndItIsAlive() {
        assertThat(ContainerOwner.MARK).matches(ProcessHandle.current().pid() + ":\\d+");
        assertThat(ContainerOwner.alive(ContainerOwner.MARK)).isTrue();
    }

    @Test
    void aMarkWhosePidWasReusedOrIsGoneOrGarbledIsNotAlive() {
        long pid = ProcessHandle.current().pid();
        assertThat(ContainerOwner.alive(pid + ":1")).as("same PID, another start time").isFalse();
        assertThat(ContainerOwner.alive("999999999:1")).isFalse();
        assertThat(ContainerOwner.alive("nonsense")).isFalse();
    }

    @Test
    void theCommandIsWrappedToWatchThisJvmAndTheLabelsNameItAndThePeer() {
        List<String> wrapped = ContainerOwner.endingWithThisJvm(List.of("chromedriver", "--port=0"));
        String[] mark = ContainerOwner.MARK.split(":");
        assertThat(wrapped.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(wrapped.subList(3, wrapped.size())).containsExactly("rtcbench-container", mark[0], mark[1], "chromedriver", "--port=0");
        assertThat(wrapped.get(2)).contains("/proc/$o/stat").doesNotContain("kill -TERM -1").doesNotContain("kill -9 -1");
        assertThat(ContainerOwner.labels("boxed")).isEqualTo(Map.of(ContainerOwner.LABEL, ContainerOwner.MARK, ContainerOwner.PEER_LABEL, "boxed"));
    }

    @Test
    void versionsAreReadFromWhatTheBrowsersPrint() {
        assertThat(ImageBuilder.parseVersions("Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)\n"
                + "ChromeDriver 156.0.8078.114 (ea19f97-refs/branch-heads/8078_108@{#5})\n"))
                .containsEntry("browser", "156.0.8078.114").containsEntry("driver", "156.0.8078.114");
        assertThat(ImageBuilder.parseVersions("Mozilla Firefox 153.8.0esr\n")).containsEntry("browser", "153.8.0esr").doesNotContainKey("driver");
        assertThat(ImageBuilder.parseVersions("openjdk 17.0.21.1 2026-10-21\nOpenJDK Runtime Environment (build 17.0.21.1+1-Debian-1deb12u1)\n"))
                .as("the Java runtime image's java --version").containsEntry("browser", "17.0.21.1");
    }
}
