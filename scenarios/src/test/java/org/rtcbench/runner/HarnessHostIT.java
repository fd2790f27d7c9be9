package org.rtcbench.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.ScenarioLoader;

/** The harness binds beyond loopback only when --harness-host asks, and the terminal says so when it does. */
class HarnessHostIT {
    private static final String PAIR = """
            name: harness-host
            duration: 3s
            media:
              video: { width: 320, height: 240, fps: 15 }
            peers:
              - kind: java
                count: 2
            """;

    @TempDir
    Path tmp;

    private String run(String harnessHost) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunOptions options = RunOptions.defaults().withResultsRoot(tmp.resolve("results"))
                .withOut(new PrintStream(console, true, StandardCharsets.UTF_8)).withWorkDir(tmp.resolve("work"))
                .withHarnessHost(harnessHost);
        RunSummary run = new ScenarioRunner(ScenarioLoader.parse("pair.yaml", PAIR), options).run();
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(run.status()).as(out).isEqualTo(RunStatus.PASSED);
        return out;
    }

    @Test
    void loopbackByDefaultSilentlyAndAnotherAddressOnlyWhenAskedSayingSo() throws Exception {
        assertThat(run(null)).doesNotContain("harness page at");
        String address = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress() && nic.isUp()) {
                    address = a.getHostAddress();
                }
            }
        }
        assumeTrue(address != null, "this host has no non-loopback IPv4 address to bind the harness to");
        assertThat(run(address)).containsPattern("harness page at http://" + address.replace(".", "\\.")
                + ":\\d+/: bound beyond loopback, as --harness-host asked");
    }
}
