package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.process.OwnedProcesses;

/** {@code bench report} writes its synthetic run directories in the temp directory and deletes them unless {@code --keep}. */
class BenchReportCommandTest {
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void deletesItsRunDirectoriesByDefault() throws IOException {
        List<Path> before = benchDirs();
        List<String> out = rtcbench("bench", "report", "--peers", "3", "--minutes", "1", "--rounds", "1", "--chromium", "none");
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("round 1: 3 peers x 60 samples"));
        assertThat(benchDirs()).as("bench report directories left in " + TMP).isEqualTo(before);
    }

    @Test
    void keepsThemWithKeepAndSaysWhere() throws IOException {
        List<Path> before = benchDirs();
        List<String> out = rtcbench("bench", "report", "--peers", "3", "--minutes", "1", "--rounds", "1", "--chromium", "none", "--keep");
        List<Path> made = benchDirs().stream().filter(d -> !before.contains(d)).toList();
        try {
            assertThat(made).hasSize(1);
            assertThat(out).contains("run directories kept in " + made.get(0));
            try (Stream<Path> runs = Files.list(made.get(0))) {
                assertThat(runs.filter(d -> Files.exists(d.resolve("report.html"))).count()).as("run directories with their report").isEqualTo(1);
            }
        } finally {
            made.forEach(OwnedProcesses::deleteTree);
        }
    }

    private static List<Path> benchDirs() throws IOException {
        try (Stream<Path> s = Files.list(TMP)) {
            return s.filter(p -> p.getFileName().toString().startsWith("rtcbench-report-bench-")).sorted().toList();
        }
    }

    /** Runs rtcbench in this JVM and returns what it printed on stdout; fails unless it exits 0. */
    private static List<String> rtcbench(String... args) {
        InProcess r = InProcess.rtcbench(args);
        assertThat(r.exit()).as(r.printed()).isZero();
        return r.out();
    }
}
