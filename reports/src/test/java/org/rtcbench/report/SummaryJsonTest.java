package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** summary.json: a versioned schema whose keys are always there, null (never 0) for what was not measured. */
class SummaryJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(org.rtcbench.core.run.RunSummary run) throws Exception {
        return JSON.readTree(SummaryJson.write(run));
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void topLevelKeysAreTheDocumentedOnesInOrder() throws Exception {
        JsonNode doc = read(ExampleRuns.failed());

        assertThat(keys(doc)).containsExactly("schema", "schemaVersion", "runId", "scenario", "verdict", "reason",
                "startedAt", "endedAt", "durationMs", "firstConnectedAfterLaunchMs", "rtcbenchVersion", "host", "counts",
                "peers", "assertions", "matrix", "load");
        assertThat(doc.get("schema").asText()).isEqualTo("rtcbench.summary/v1");
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.get("verdict").asText()).isEqualTo("failed");
        assertThat(doc.get("counts").toString()).isEqualTo(
                "{\"peers\":2,\"peersOk\":1,\"assertions\":3,\"assertionsFailed\":1,\"cells\":0,\"cellsFailed\":0}");
    }

    @Test
    void everyPeerListsEveryMetricWithItsAggregatesOrNull() throws Exception {
        JsonNode peers = read(ExampleRuns.failed()).get("peers");

        JsonNode chrome = peers.get(0);
        assertThat(keys(chrome)).containsExactly("name", "kind", "role", "browser", "browserVersion", "driver",
                "driverVersion", "launchMs", "connectMs", "outcome", "failure", "samples", "metrics");
        assertThat(keys(chrome.get("metrics"))).containsExactlyElementsOf(MetricsCsv.METRICS.stream().map(m -> m.id()).toList());
        assertThat(chrome.get("metrics").get("video.fps").toString()).isEqualTo(
                "{\"unit\":\"fps\",\"count\":20,\"min\":12.0,\"p50\":18.0,\"p95\":30.0,\"max\":30.0,\"last\":29.0,\"mean\":19.5}");
        assertThat(chrome.get("metrics").get("audio.jitter").isNull()).isTrue();

        JsonNode firefox = peers.get(1);
        assertThat(firefox.get("connectMs").isNull()).as("never connected: null, not 0").isTrue();
        assertThat(firefox.get("metrics").elements()).toIterable().allSatisfy(m -> assertThat(m.isNull()).isTrue());
    }

    @Test
    void assertionsKeepMeasuredValuesPerPeerAndNullForNotMeasured() throws Exception {
        JsonNode fps = read(ExampleRuns.failed()).get("assertions").get(1);

        assertThat(fps.toString()).isEqualTo("{\"assertion\":\"video.fps.p50 >= 25\",\"passed\":false,\"expected\":\">= 25\","
                + "\"measured\":{\"chrome-1\":18.0,\"firefox\":null},\"message\":\"video.fps.p50 expected >= 25 fps; "
                + "chrome-1: measured 18 fps; firefox: video.fps not measured\"}");
    }

    @Test
    void matrixCellsCarryOutcomeReasonAndNumbers() throws Exception {
        JsonNode doc = read(ExampleRuns.interop());

        assertThat(doc.get("matrix")).hasSize(3);
        assertThat(doc.get("matrix").get(1).toString()).isEqualTo("{\"title\":\"firefox -> chrome (vp8)\",\"caller\":\"firefox\","
                + "\"callee\":\"chrome\",\"codec\":\"vp8\",\"outcome\":\"failed\",\"reason\":\"no video <frames> & no audio\","
                + "\"connectMs\":null,\"measured\":{\"firefox->chrome video.fps\":0.0},\"codecs\":{}}");
        assertThat(doc.get("counts").get("cellsFailed").asInt()).isEqualTo(1);
        assertThat(doc.get("host").get("cores").asInt()).isEqualTo(8);
    }

    @Test
    void loadIsNullForARunThatWasNotALoadRun() throws Exception {
        assertThat(read(ExampleRuns.interop()).get("load").isNull()).isTrue();
    }

    @Test
    void loadRunHasCountsTimingsAndTheGeneratorFlag() throws Exception {
        JsonNode load = read(ExampleRuns.load()).get("load");

        assertThat(keys(load)).containsExactly("target", "url", "rooms", "publishers", "subscribers", "injection",
                "requested", "joined", "connected", "failed", "generatorLimited", "generatorLimitedReason", "join",
                "iceConnected", "firstFrame", "gatlingReport", "roomIds", "reusedRoomIds", "subscribeTo", "feeds");
        assertThat(load.get("generatorLimited").asBoolean()).isTrue();
        assertThat(load.get("feeds").get(1).toString()).isEqualTo("{\"room\":1001,\"feedId\":4242,\"display\":\"WHIP Publisher studio-cam\","
                + "\"own\":false,\"publisher\":null,\"subscriptions\":8}");
        assertThat(load.get("join").toString()).isEqualTo("{\"count\":48,\"p50Ms\":675,\"p95Ms\":1050,\"maxMs\":1105}");
        assertThat(load.get("firstFrame").toString()).isEqualTo("{\"count\":0,\"p50Ms\":null,\"p95Ms\":null,\"maxMs\":null}");
        assertThat(load.get("gatlingReport").asText()).isEqualTo("gatling/index.html");
        assertThat(load.get("roomIds").toString()).isEqualTo("[1001,1002,1003,1004,1005]");
        assertThat(load.get("reusedRoomIds").toString()).isEqualTo("[1001]");
    }
}
