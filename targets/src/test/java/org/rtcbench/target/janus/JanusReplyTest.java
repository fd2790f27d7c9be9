package org.rtcbench.target.janus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Janus HTTP API messages as they come: direct replies, long-poll batches, core and plugin errors, SDPs. */
class JanusReplyTest {
    private static List<JanusReply> parse(String body) throws Exception {
        return JanusReply.all(JanusReply.JSON.readTree(body));
    }

    @Test
    void aLongPollBatchIsAnArrayOfEventsWithTheirHandleAndTransaction() throws Exception {
        List<JanusReply> events = parse("""
                [{"janus":"event","session_id":1,"transaction":"rtcb-7","sender":42,
                  "plugindata":{"plugin":"janus.plugin.videoroom","data":{"videoroom":"attached","room":1234}},
                  "jsep":{"type":"offer","sdp":"v=0\\r\\n"}},
                 {"janus":"webrtcup","session_id":1,"sender":43}]
                """);
        assertThat(events).hasSize(2);
        JanusReply attached = events.get(0);
        assertThat(attached.janus()).isEqualTo("event");
        assertThat(attached.transaction()).isEqualTo("rtcb-7");
        assertThat(attached.sender()).isEqualTo(42);
        assertThat(attached.text("videoroom")).isEqualTo("attached");
        assertThat(attached.sdp()).isEqualTo("v=0\r\n");
        assertThat(attached.error()).isNull();
        JanusReply up = events.get(1);
        assertThat(up.janus()).isEqualTo("webrtcup");
        assertThat(up.transaction()).isNull();
        assertThat(up.sender()).isEqualTo(43);
        assertThat(up.sdp()).isNull();
        assertThat(up.data()).isNull();
    }

    @Test
    void aSingleEventOrKeepaliveIsOneObject() throws Exception {
        assertThat(parse("{\"janus\":\"keepalive\"}")).extracting(JanusReply::janus).containsExactly("keepalive");
    }

    @Test
    void aCoreReplyCarriesItsIdInData() throws Exception {
        JanusReply created = parse("{\"janus\":\"success\",\"transaction\":\"rtcb-1\",\"data\":{\"id\":8765}}").get(0);
        assertThat(created.data().path("id").asLong()).isEqualTo(8765);
        assertThat(created.error()).isNull();
    }

    @Test
    void coreAndPluginErrorsSayWhatAndTheirCode() throws Exception {
        assertThat(parse("{\"janus\":\"error\",\"session_id\":5,\"error\":{\"code\":458,\"reason\":\"No such session 5\"}}")
                .get(0).error()).isEqualTo("No such session 5 (code 458)");
        assertThat(parse("""
                {"janus":"success","sender":9,"plugindata":{"plugin":"janus.plugin.videoroom",
                 "data":{"videoroom":"event","error_code":426,"error":"No such room (4321)"}}}
                """).get(0).error()).isEqualTo("No such room (4321) (code 426)");
    }
}
