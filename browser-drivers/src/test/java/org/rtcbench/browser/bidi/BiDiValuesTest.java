package org.rtcbench.browser.bidi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Java values go to the page as BiDi LocalValues and come back from RemoteValues unchanged. */
class BiDiValuesTest {
    @Test
    void javaValuesBecomeLocalValues() {
        assertThat(BiDiSession.toLocalValue("x")).isEqualTo(Map.of("type", "string", "value", "x"));
        assertThat(BiDiSession.toLocalValue(null)).isEqualTo(Map.of("type", "null"));
        assertThat(BiDiSession.toLocalValue(3)).isEqualTo(Map.of("type", "number", "value", 3));
        assertThat(BiDiSession.toLocalValue(Double.NaN)).isEqualTo(Map.of("type", "number", "value", "NaN"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("role", "sendrecv");
        spec.put("audio", true);
        assertThat(BiDiSession.toLocalValue(List.of("startMedia", spec))).isEqualTo(Map.of("type", "array", "value", List.of(
                Map.of("type", "string", "value", "startMedia"),
                Map.of("type", "object", "value", List.of(
                        List.of("role", Map.of("type", "string", "value", "sendrecv")),
                        List.of("audio", Map.of("type", "boolean", "value", true)))))));
    }

    @Test
    void remoteValuesBecomePlainJava() {
        Object remote = Map.of("type", "object", "value", List.of(
                List.of("ok", Map.of("type", "string", "value", "v=0")),
                List.of("n", Map.of("type", "number", "value", "-0")),
                List.of("list", Map.of("type", "array", "value", List.of(Map.of("type", "undefined"))))));
        Map<?, ?> plain = (Map<?, ?>) BiDiSession.fromRemoteValue(remote);
        assertThat(plain.get("ok")).isEqualTo("v=0");
        assertThat(plain.get("n")).isEqualTo(-0.0);
        assertThat(plain.get("list")).isEqualTo(java.util.Arrays.asList((Object) null));
    }
}
