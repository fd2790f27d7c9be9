package org.rtcbench.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.run.InteropCell;

/** The matrix in the terminal: a row per caller type, its columns lined up however long a type's name is. */
class MatrixTableTest {
    @Test
    void columnsLineUpWithALongKindAtProviderName() {
        List<InteropCell> cells = new ArrayList<>();
        for (String a : List.of("chrome@container", "java")) {
            for (String b : List.of("chrome@container", "java")) {
                cells.add(new InteropCell(a, b, null, "passed", null, 100L,
                        Map.of("caller.video.fps.p50", 15.0, "callee.video.fps.p50", 15.0), Map.of()));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        MatrixTable.print(cells, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("|")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("caller           | chrome@container | java             ");
        assertThat(lines).allSatisfy(l -> assertThat(l.indexOf('|')).isEqualTo(lines.get(0).indexOf('|')));
        assertThat(lines.get(1)).startsWith("chrome@container | PASS 15 fps      | PASS 15 fps");
    }
}
