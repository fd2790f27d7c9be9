package org.rtcbench.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.report.RunReports;

/**
 * How long report.html takes for a big run, and how large it gets: a run directory of N peers x M
 * minutes of 1 Hz samples (each a Chrome-like getStats() report with audio and video both ways)
 * is written, then timed from reading the samples to the written reports (report.html, junit.xml,
 * metrics.csv and summary.json: everything {@link RunReports#write} does).
 */
public final class ReportRenderBench {
    /** What one render measured. */
    public record Result(int peers, int samplesPerPeer, long sampleBytes, double seconds, long reportBytes, long csvBytes) {
    }

    private ReportRenderBench() {
    }

    public static Result run(Path root, int peers, int minutes) throws IOException {
        RunDirectory dir = RunDirectory.create(root, "report-bench");
        int samples = minutes * 60;
        List<PeerSummary> summaries = new ArrayList<>();
        long t0 = 1_795_600_000_000L;
        for (int p = 1; p <= peers; p++) {
            String name = "peer-" + p;
            Path file = dir.path().resolve("samples").resolve(name + ".jsonl");
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < samples; i++) {
                    w.write(sample(name, t0 + i * 1000L, i, p));
                    w.write('\n');
                }
            }
            summaries.add(new PeerSummary(name, "java", "sendrecv", "libwebrtc (webrtc-java)", "0.14.0", null, null,
                    5L, 150L, "ok", null, samples, Map.of()));
        }
        RunSummary run = new RunSummary(dir.runId(), "report-bench", RunStatus.PASSED, null, "2026-11-25T00:00:00Z",
                "2026-11-25T00:10:00Z", minutes * 60_000L, 1000L, "bench", Map.of(), summaries, List.of(), List.of());
        dir.writeJson("run.json", run);
        dir.close();
        long sampleBytes;
        try (var files = Files.list(dir.path().resolve("samples"))) {
            sampleBytes = files.mapToLong(f -> f.toFile().length()).sum();
        }

        long start = System.nanoTime();
        RunSummary read = RunDirectory.readSummary(dir.path());
        RunReports.write(dir.path(), read);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(peers, samples, sampleBytes, seconds, Files.size(dir.path().resolve(RunReports.REPORT_HTML)),
                Files.size(dir.path().resolve(RunReports.METRICS_CSV)));
    }

    /** One Chrome-like sample: audio and video in and out, the selected pair, the data channel echo. */
    private static String sample(String peer, long t, int i, int p) {
        double jitter = 0.002 + (i % 7) / 1000.0;
        return String.format(Locale.ROOT, "{\"timestamp\":%d,\"peer\":\"%s\",\"stats\":{\"c\":["
                + "{\"id\":\"T01\",\"type\":\"transport\",\"timestamp\":%d,\"selectedCandidatePairId\":\"CP1\"},"
                + "{\"id\":\"CP1\",\"type\":\"candidate-pair\",\"timestamp\":%d,\"state\":\"succeeded\",\"nominated\":true,\"currentRoundTripTime\":%.3f},"
                + "{\"id\":\"IV\",\"type\":\"inbound-rtp\",\"kind\":\"video\",\"timestamp\":%d,\"bytesReceived\":%d,\"packetsReceived\":%d,"
                + "\"packetsLost\":%d,\"framesDecoded\":%d,\"framesPerSecond\":%d,\"frameWidth\":320,\"frameHeight\":240,\"jitter\":%.4f,\"freezeCount\":0},"
                + "{\"id\":\"IA\",\"type\":\"inbound-rtp\",\"kind\":\"audio\",\"timestamp\":%d,\"bytesReceived\":%d,\"packetsReceived\":%d,"
                + "\"packetsLost\":0,\"jitter\":%.4f,\"concealedSamples\":%d,\"totalSamplesReceived\":%d},"
                + "{\"id\":\"OV\",\"type\":\"outbound-rtp\",\"kind\":\"video\",\"timestamp\":%d,\"bytesSent\":%d,\"packetsSent\":%d,\"framesPerSecond\":15},"
                + "{\"id\":\"OA\",\"type\":\"outbound-rtp\",\"kind\":\"audio\",\"timestamp\":%d,\"bytesSent\":%d,\"packetsSent\":%d}"
                + "]},\"datachannel\":{\"echoes\":%d,\"rttMs\":%.2f}}",
                t, peer, t, t, 0.001 * (1 + (i + p) % 5), t, 20_000L * i, 40L * i, i / 50, 15L * i, 14 + (i % 2), jitter,
                t, 4_000L * i, 50L * i, jitter, i % 10, 48_000L * i, t, 20_500L * i, 41L * i, t, 4_100L * i, 50L * i, i, 0.5 + (i % 4) / 10.0);
    }
}
