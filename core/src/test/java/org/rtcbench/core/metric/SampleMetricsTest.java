package org.rtcbench.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Chrome sample of one connection: video and audio both ways, the selected pair behind transport. */
    private static JsonNode chrome(long sampleTs, long reportTs, long videoBytesIn, long videoPackets, long videoLost,
                                   long audioBytesIn, long audioPackets, long videoBytesOut, long audioBytesOut) {
        return json("""
                {"timestamp": %d, "peer": "a", "stats": {"c1": [
                  {"id": "IT01V", "type": "inbound-rtp", "kind": "video", "timestamp": %d, "bytesReceived": %d,
                   "framesPerSecond": 30, "frameWidth": 640, "frameHeight": 480, "packetsReceived": %d,
                   "packetsLost": %d, "framesDecoded": 300, "jitter": 0.005},
                  {"id": "IT01A", "type": "inbound-rtp", "kind": "audio", "timestamp": %d, "bytesReceived": %d,
                   "packetsReceived": %d, "packetsLost": 0, "jitter": 0.003},
                  {"id": "OT01V", "type": "outbound-rtp", "kind": "video", "timestamp": %d, "bytesSent": %d,
                   "framesPerSecond": 29},
                  {"id": "OT01A", "type": "outbound-rtp", "kind": "audio", "timestamp": %d, "bytesSent": %d},
                  {"id": "T01", "type": "transport", "selectedCandidatePairId": "CP1"},
                  {"id": "CP0", "type": "candidate-pair", "currentRoundTripTime": 0.5},
                  {"id": "CP1", "type": "candidate-pair", "currentRoundTripTime": 0.002}
                ]}, "datachannel": {"echoes": 3, "rttMs": 1.5}}
                """.formatted(sampleTs, reportTs, videoBytesIn, videoPackets, videoLost, reportTs, audioBytesIn,
                audioPackets, reportTs, videoBytesOut, reportTs, audioBytesOut));
    }

    private static final JsonNode BEFORE = chrome(5_000, 1_000, 100_000, 1_000, 10, 20_000, 500, 150_000, 10_000);
    // One second later by the reports' clocks (the sampler's own timestamp says 1.5 s: it must not be used).
    private static final JsonNode AFTER = chrome(6_500, 2_000, 225_000, 1_940, 20, 25_000, 550, 250_000, 12_500);

    @Test
    void bitrateInIsTheBytesReceivedDeltaOverTheReportsOwnInterval() {
        Map<Metric, Double> m = SampleMetrics.between(BEFORE, AFTER);

        // (125 000 + 5 000) bytes * 8 over 1 000 ms
        assertThat(m.get(Metric.BITRATE_IN)).isCloseTo(1_040.0, within(1e-9));
    }

    @Test
    void bitrateOutIsTheBytesSentDeltaOverTheReportsOwnInterval() {
        Map<Metric, Double> m = SampleMetrics.between(BEFORE, AFTER);

        // (100 000 + 2 500) bytes * 8 over 1 000 ms
        assertThat(m.get(Metric.BITRATE_OUT)).isCloseTo(820.0, within(1e-9));
    }

    @Test
    void packetLossIsLostOverExpectedInTheInterval() {
        Map<Metric, Double> m = SampleMetrics.between(BEFORE, AFTER);

        // 10 lost, 940 video + 50 audio received
        assertThat(m.get(Metric.PACKET_LOSS)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void rttComesFromThePairTheTransportSelectedInMilliseconds() {
        Map<Metric, Double> m = SampleMetrics.between(BEFORE, AFTER);

        assertThat(m.get(Metric.RTT)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void firefoxMarksTheSelectedPairItselfWithoutATransportPointer() {
        JsonNode sample = json("""
                {"timestamp": 1, "peer": "ff", "stats": {"c1": [
                  {"id": "p1", "type": "candidate-pair", "selected": false, "currentRoundTripTime": 0.3},
                  {"id": "p2", "type": "candidate-pair", "selected": true, "nominated": true, "state": "succeeded",
                   "currentRoundTripTime": 0.012}
                ]}}
                """);

        assertThat(SampleMetrics.between(null, sample).get(Metric.RTT)).isCloseTo(12.0, within(1e-9));
    }

    @Test
    void levelValuesComeFromTheCurrentSampleAlone() {
        Map<Metric, Double> m = SampleMetrics.between(BEFORE, AFTER);

        assertThat(m).containsEntry(Metric.VIDEO_FPS, 30.0)
                .containsEntry(Metric.VIDEO_FPS_SENT, 29.0)
                .containsEntry(Metric.VIDEO_WIDTH, 640.0)
                .containsEntry(Metric.VIDEO_HEIGHT, 480.0)
                .containsEntry(Metric.VIDEO_FRAMES_DECODED, 300.0)
                .containsEntry(Metric.AUDIO_PACKETS_RECEIVED, 550.0)
                .containsEntry(Metric.DATACHANNEL_ECHOES, 3.0)
                .containsEntry(Metric.DATACHANNEL_RTT, 1.5);
        assertThat(m.get(Metric.VIDEO_JITTER)).isCloseTo(5.0, within(1e-9));
        assertThat(m.get(Metric.AUDIO_JITTER)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void videoFpsIsTheLowestInboundStreamWithThatStreamsResolution() {
        JsonNode sample = json("""
                {"timestamp": 1, "peer": "a", "stats": {
                  "c1": [{"id": "IT01V", "type": "inbound-rtp", "kind": "video", "timestamp": 1,
                          "framesPerSecond": 30, "frameWidth": 640, "frameHeight": 480, "framesDecoded": 100}],
                  "c2": [{"id": "IT01V", "type": "inbound-rtp", "kind": "video", "timestamp": 1,
                          "framesPerSecond": 12, "frameWidth": 320, "frameHeight": 240, "framesDecoded": 40}]
                }}
                """);

        Map<Metric, Double> m = SampleMetrics.between(null, sample);

        assertThat(m).containsEntry(Metric.VIDEO_FPS, 12.0)
                .containsEntry(Metric.VIDEO_WIDTH, 320.0)
                .containsEntry(Metric.VIDEO_HEIGHT, 240.0)
                .containsEntry(Metric.VIDEO_FRAMES_DECODED, 140.0);
    }

    @Test
    void fpsIsDerivedFromFramesDecodedWhenTheEngineLacksFramesPerSecond() {
        JsonNode before = json("""
                {"timestamp": 1, "peer": "ff", "stats": {"c1": [{"id": "v", "type": "inbound-rtp", "kind": "video",
                  "timestamp": 10000, "framesDecoded": 100}]}}
                """);
        JsonNode after = json("""
                {"timestamp": 2, "peer": "ff", "stats": {"c1": [{"id": "v", "type": "inbound-rtp", "kind": "video",
                  "timestamp": 12000, "framesDecoded": 150}]}}
                """);

        assertThat(SampleMetrics.between(before, after).get(Metric.VIDEO_FPS)).isCloseTo(25.0, within(1e-9));
        assertThat(SampleMetrics.between(null, after)).doesNotContainKey(Metric.VIDEO_FPS);
    }

    @Test
    void withoutAPreviousSampleRatesAreAbsentNotZero() {
        Map<Metric, Double> m = SampleMetrics.between(null, AFTER);

        assertThat(m).doesNotContainKeys(Metric.BITRATE_IN, Metric.BITRATE_OUT, Metric.PACKET_LOSS, Metric.AUDIO_CONCEALED);
        assertThat(m).containsKeys(Metric.VIDEO_FPS, Metric.RTT);
    }

    @Test
    void metricsWithNoSourceInTheSampleAreAbsent() {
        Map<Metric, Double> m = SampleMetrics.between(BEFORE, AFTER);

        // Chrome sends neither freezeCount nor concealment counters in this sample.
        assertThat(m).doesNotContainKeys(Metric.VIDEO_FREEZES, Metric.AUDIO_CONCEALED);
    }

    @Test
    void aPeerThatReportsNothingHasNoMetricsAtAll() {
        JsonNode empty = json("""
                {"timestamp": 1, "peer": "a", "stats": {"c1": []}, "datachannel": {"echoes": 0, "rttMs": null}}
                """);

        assertThat(SampleMetrics.between(empty, empty)).containsOnlyKeys(Metric.DATACHANNEL_ECHOES);
    }

    @Test
    void concealedAudioIsTheShareOfSamplesConcealedInTheInterval() {
        JsonNode before = json("""
                {"timestamp": 1, "peer": "a", "stats": {"c1": [{"id": "a", "type": "inbound-rtp", "kind": "audio",
                  "timestamp": 1000, "concealedSamples": 100, "totalSamplesReceived": 48000}]}}
                """);
        JsonNode after = json("""
                {"timestamp": 2, "peer": "a", "stats": {"c1": [{"id": "a", "type": "inbound-rtp", "kind": "audio",
                  "timestamp": 2000, "concealedSamples": 580, "totalSamplesReceived": 96000}]}}
                """);

        Map<Metric, Double> m = SampleMetrics.between(before, after);

        assertThat(m.get(Metric.AUDIO_CONCEALED)).isCloseTo(1.0, within(1e-9));
        // the report has no packetsReceived: that count is missing, not zero
        assertThat(m).doesNotContainKey(Metric.AUDIO_PACKETS_RECEIVED);
    }

    @Test
    void videoReportWithoutFramesDecodedGivesNoDecodedCount() {
        JsonNode sample = json("""
                {"timestamp": 1, "peer": "a", "stats": {"c1": [{"id": "v", "type": "inbound-rtp", "kind": "video",
                  "timestamp": 1000, "framesPerSecond": 30}]}}
                """);

        Map<Metric, Double> m = SampleMetrics.between(null, sample);

        assertThat(m).containsEntry(Metric.VIDEO_FPS, 30.0).doesNotContainKey(Metric.VIDEO_FRAMES_DECODED);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aReceiverThatNeverGotAPacketIsNotMeasuredNotZeroFps() {
        // what libwebrtc (webrtc-java) reports for a sendonly publisher's unused receiver
        JsonNode publisher = json("""
                {"timestamp": 1000, "peer": "pub", "stats": {"pub-1": [
                  {"id": "IT1", "type": "inbound-rtp", "kind": "video", "timestamp": 1000, "packetsReceived": 0,
                   "framesDecoded": 0, "bytesReceived": 0},
                  {"id": "OT1", "type": "outbound-rtp", "kind": "video", "timestamp": 1000, "bytesSent": 5000,
                   "framesPerSecond": 15}
                ]}}
                """);
        Map<Metric, Double> m = SampleMetrics.between(publisher, publisher);
        assertThat(m).doesNotContainKeys(Metric.VIDEO_FPS, Metric.VIDEO_FRAMES_DECODED, Metric.PACKET_LOSS);
        assertThat(m.get(Metric.VIDEO_FPS_SENT)).isEqualTo(15.0);
    }

    /** A sample with one incoming video track's marker totals, as ReceivedVideo gives them. */
    private static JsonNode marked(long ts, long shown, long skipped, long unreadable, double delaySum, long delayed, double frozenMs,
                                   double psnrSum, double ssimSum, long measured) {
        return json("""
                {"timestamp": %d, "peer": "b", "stats": {"c1": []}, "received": {"c1": [
                  {"kind": "video", "trackIdentifier": "v1", "timestamp": %d, "sender": 4, "framesRendered": %d,
                   "framesShown": %d, "framesSkipped": %d, "framesUnreadable": %d, "totalDelayMs": %s, "delayedFrames": %d,
                   "totalFrozenMs": %s, "totalPsnr": %s, "totalSsim": %s, "qualityMeasurements": %d, "width": 320, "height": 240}
                ]}}
                """.formatted(ts + 7, ts, shown, shown, skipped, unreadable, delaySum, delayed, frozenMs, psnrSum, ssimSum, measured));
    }

    @Test
    void markerMetricsAreTheTrackTotalsDeltasOverTheReadingsOwnInterval() {
        JsonNode before = marked(10_000, 150, 2, 0, 3_000, 150, 0, 400, 9.8, 10);
        JsonNode after = marked(12_000, 170, 12, 3, 3_000 + 20 * 45.5, 170, 600, 400 + 2 * 31.5, 9.8 + 2 * 0.9, 12);

        Map<Metric, Double> m = SampleMetrics.between(before, after);

        assertThat(m.get(Metric.VIDEO_FPS_RENDERED)).isEqualTo(10.0);
        assertThat(m.get(Metric.VIDEO_FRAMES_SKIPPED)).isEqualTo(10.0);
        assertThat(m.get(Metric.VIDEO_FRAMES_UNREADABLE)).isEqualTo(3.0);
        assertThat(m.get(Metric.VIDEO_DELAY)).isCloseTo(45.5, within(1e-9));
        assertThat(m.get(Metric.VIDEO_FROZEN)).as("600 ms of 2 s").isCloseTo(30.0, within(1e-9));
        assertThat(m.get(Metric.VIDEO_PSNR)).isCloseTo(31.5, within(1e-9));
        assertThat(m.get(Metric.VIDEO_SSIM)).isCloseTo(0.9, within(1e-9));
        assertThat(SampleMetrics.between(SampleMetrics.forConnection(before, "c1"), SampleMetrics.forConnection(after, "c1")))
                .as("a connection's part carries its tracks").containsEntry(Metric.VIDEO_FPS_RENDERED, 10.0);
    }

    /** Two connections' marker totals: c1 and c2 each with a video and an audio track. */
    private static JsonNode audioVisual(long ts, double c1Video, double c1Audio, double c2Video, double c2Audio, long bursts) {
        String track = """
                {"kind": "video", "trackIdentifier": "v", "timestamp": %d, "framesShown": %d, "framesSkipped": 0, "framesUnreadable": 0,
                 "totalDelayMs": %s, "delayedFrames": %d, "totalFrozenMs": 0, "qualityMeasurements": 0},
                {"kind": "audio", "trackIdentifier": "a", "timestamp": %d, "burstsHeard": %d, "burstsUnreadable": 0, "totalDelayMs": %s}""";
        long frames = 15 * (ts / 1000);
        return json("{\"timestamp\": %d, \"received\": {\"c1\": [%s], \"c2\": [%s]}}".formatted(ts,
                track.formatted(ts, frames, c1Video * frames, frames, ts, bursts, c1Audio * bursts),
                track.formatted(ts, frames, c2Video * frames, frames, ts, bursts, c2Audio * bursts)));
    }

    @Test
    void audioDelayIsTheWorstTrackAndAvSyncTheSenderWhoseAudioAndVideoAreFurthestApart() {
        Map<Metric, Double> m = SampleMetrics.between(audioVisual(2000, 40, 90, 100, 80, 2), audioVisual(4000, 40, 90, 100, 80, 4));

        assertThat(m.get(Metric.AUDIO_DELAY)).isCloseTo(90, within(1e-9));
        assertThat(m.get(Metric.VIDEO_DELAY)).isCloseTo(100, within(1e-9));
        assertThat(m.get(Metric.AV_SYNC)).as("c1: audio 50 ms behind; c2: 20 ms ahead").isCloseTo(50, within(1e-9));
        assertThat(SampleMetrics.between(audioVisual(2000, 40, 90, 100, 80, 2), audioVisual(4000, 40, 90, 100, 80, 2)))
                .as("no burst in the interval: audio not measured, never 0").doesNotContainKeys(Metric.AUDIO_DELAY, Metric.AV_SYNC)
                .containsKey(Metric.VIDEO_DELAY);
    }

    @Test
    void withoutReadableMarkersOrAnEarlierReadingMarkerMetricsAreNotMeasuredNeverZero() {
        JsonNode before = json("""
                {"timestamp": 1000, "received": {"c1": [{"trackIdentifier": "v1", "timestamp": 1000, "framesShown": 0,
                 "framesUnreadable": 5, "totalFrozenMs": null, "delayedFrames": 0, "qualityMeasurements": 0}]}}""");
        JsonNode after = json("""
                {"timestamp": 2000, "received": {"c1": [{"trackIdentifier": "v1", "timestamp": 2000, "framesShown": 0,
                 "framesUnreadable": 20, "totalFrozenMs": null, "delayedFrames": 0, "qualityMeasurements": 0}]}}""");

        Map<Metric, Double> m = SampleMetrics.between(before, after);

        assertThat(m).containsEntry(Metric.VIDEO_FRAMES_UNREADABLE, 15.0)
                .doesNotContainKeys(Metric.VIDEO_FPS_RENDERED, Metric.VIDEO_DELAY, Metric.VIDEO_FROZEN, Metric.VIDEO_PSNR,
                        Metric.VIDEO_FRAMES_SKIPPED);
        assertThat(SampleMetrics.between(null, after)).doesNotContainKey(Metric.VIDEO_FRAMES_UNREADABLE);
        assertThat(SampleMetrics.between(marked(1, 1, 0, 0, 0, 0, 0, 0, 0, 0), marked(1001, 16, 0, 0, 0, 0, 0, 0, 0, 0)))
                .as("frames without a sender clock: rendered fps, no delay").containsEntry(Metric.VIDEO_FPS_RENDERED, 15.0)
                .doesNotContainKeys(Metric.VIDEO_DELAY, Metric.VIDEO_PSNR);
    }

    @Test
    void jitterBufferDelayIsTheTimeFramesWaitedInTheIntervalInMilliseconds() {
        JsonNode before = json("""
                {"timestamp": 1000, "stats": {"c1": [{"id": "V", "type": "inbound-rtp", "kind": "video", "timestamp": 1000,
                 "packetsReceived": 100, "jitterBufferDelay": 1.5, "jitterBufferEmittedCount": 100}]}}""");
        JsonNode after = json("""
                {"timestamp": 2000, "stats": {"c1": [{"id": "V", "type": "inbound-rtp", "kind": "video", "timestamp": 2000,
                 "packetsReceived": 200, "jitterBufferDelay": 3.0, "jitterBufferEmittedCount": 115}]}}""");

        assertThat(SampleMetrics.between(before, after).get(Metric.VIDEO_JITTER_BUFFER)).isCloseTo(100.0, within(1e-9));
        assertThat(SampleMetrics.between(null, after)).doesNotContainKey(Metric.VIDEO_JITTER_BUFFER);
    }
}
