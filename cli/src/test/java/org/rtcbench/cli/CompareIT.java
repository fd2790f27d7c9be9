package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release-to-release comparison with real runs (synthetic Java peers, so no browser): the same
 * scenario twice passes, a run made worse on purpose (5 fps instead of 15) exits 1 naming the metric.
 */
class CompareIT {
    private static final String CALL = """
            name: compare-me
            duration: 8s
            media:
              video: { width: 320, height: 240, fps: %d }
            peers:
              - kind: java
                count: 2
            """;

    @TempDir
    Path tmp;

    private Path run(String name, int fps) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("s.yaml"), CALL.formatted(fps));
        RtcbenchProcess.Result r = RtcbenchProcess.run(dir, "run", "s.yaml");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return RtcbenchProcess.onlyRunDirectory(dir);
    }

    @Test
    void sameScenarioTwicePassesAndAWorseRunExits1WithTheMetric() throws Exception {
        Path base = run("base", 15);
        Path same = run("same", 15);
        Path worse = run("worse", 5);

        RtcbenchProcess.Result ok = RtcbenchProcess.run(tmp.resolve("c1"), "compare", base.toString(), same.toString(), "--out", "out");
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("no regression");
        assertThat(tmp.resolve("c1/out/compare.html")).exists();

        RtcbenchProcess.Result bad = RtcbenchProcess.run(tmp.resolve("c2"), "compare", base.toString(), worse.toString(), "--out", "out");
        assertThat(bad.exitCode()).as(bad.out() + bad.err()).isEqualTo(1);
        List<String> flagged = bad.out().lines().filter(l -> l.contains("REGRESSED")).toList();
        assertThat(flagged).anySatisfy(l -> assertThat(l).contains("video.fps.p50").contains("15 -> 5"));
        assertThat(Files.readString(tmp.resolve("c2/out/junit.xml"))).contains("<failure").contains("video.fps.p50");
    }

    @Test
    void missingOrCorruptRunDirectoryIsOneLineAndExit2() throws Exception {
        Files.createDirectories(tmp.resolve("corrupt"));
        Files.writeString(tmp.resolve("corrupt/run.json"), "[]");
        RtcbenchProcess.Result missing = RtcbenchProcess.run(tmp, "compare", "nope", "corrupt");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("no run directory at nope");
        RtcbenchProcess.Result corrupt = RtcbenchProcess.run(tmp, "compare", "corrupt", "corrupt");
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.errLines()).singleElement().asString().contains("corrupt/run.json").contains("not a valid run.json");
    }
}
