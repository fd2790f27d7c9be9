package org.rtcbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.metric.Metric;
import org.rtcbench.core.metric.SampleMetrics;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.process.ChromiumTmp;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.ReceivedFeed;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.report.RunReports;

/**
 * How long report.html takes for a big load run, how large it gets, and how long headless Chromium takes to
 * draw it. A run directory of N peers x M minutes of 1 Hz samples is written, shaped as a load run through an
 * SFU: rooms of 2 publishers (sendonly: video and audio out) and 8 subscribers (recvonly: each a connection
 * per publisher with video and audio in and the marker totals of its video, so video.delay is measured), one
 * peer in 200 failed before it connected, and run.json's peers summarised from those samples as the runner
 * would. Then it is timed from reading the samples to the written reports (report.html, junit.xml,
 * metrics.csv and summary.json: everything {@link RunReports#write} does).
 */
public final class ReportRenderBench {
    /** Peers per room: the first {@link #PUBLISHERS} publish, the rest subscribe to each of them. */
    static final int ROOM_SIZE = 10;
    static final int PUBLISHERS = 2;
    private static final long T0 = 1_795_600_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one render measured. */
    public record Result(Path runDir, int peers, int samplesPerPeer, long sampleBytes, double seconds, long reportBytes,
                         long csvBytes) {
    }

    /**
     * What headless Chromium took for the report: its whole process from launch to the DOM dumped after the load
     * event ({@code wallSeconds}); the page's own clock (ms since navigation start) when the last chart was drawn
     * ({@code chartsMs}); the charts it says it drew; and, in a copy of the report with a probe script appended,
     * the ms to open the full peer table, sort it by a column, and filter it by a word.
     */
    public record Draw(double wallSeconds, long chartsMs, int charts, long openMs, long sortMs, long filterMs, int rowsShown) {
    }

    private ReportRenderBench() {
    }

    public static Result run(Path root, int peers, int minutes) throws IOException {
        RunDirectory dir = RunDirectory.create(root, "report-bench");
        int samples = minutes * 60;
        List<PeerSummary> summaries = new ArrayList<>();
        List<Long> joins = new ArrayList<>();
        StringBuilder events = new StringBuilder();
        for (int q = 0; q < peers; q++) {
            String name = name(q);
            boolean publisher = q % ROOM_SIZE < PUBLISHERS;
            long joinMs = 150 + (q * 37L) % 400;
            events.append(String.format(Locale.ROOT, "{\"timestamp\":%d,\"type\":\"peer-joined\",\"peer\":\"%s\",\"joinMs\":%d}%n",
                    T0 + q * 20L, name, joinMs));
            if (q % 200 == 199) {
                summaries.add(new PeerSummary(name, "replay", publisher ? "sendonly" : "recvonly", "rtcbench replay", "bench", null, null,
                        5L, null, "failed", "ICE failed: no candidate pair succeeded within 10 s (synthetic)", 0, Map.of()));
                continue;
            }
            joins.add(joinMs);
            Path file = dir.path().resolve("samples").resolve(name + ".jsonl");
            Map<Metric, List<Double>> values = new EnumMap<>(Metric.class);
            Map<Integer, List<Double>> feedDelays = new LinkedHashMap<>();
            JsonNode previous = null;
            long[] totals = new long[2 + PUBLISHERS];
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < samples; i++) {
                    String sample = publisher ? publisherSample(name, T0 + i * 1000L, i, q) : subscriberSample(name, T0 + i * 1000L, i, q, totals);
                    w.write(sample);
                    w.write('\n');
                    JsonNode current = JSON.readTree(sample);
                    SampleMetrics.between(previous, current).forEach((m, v) -> values.computeIfAbsent(m, k -> new ArrayList<>()).add(v));
                    previous = current;
                    if (!publisher && i > 0) {
                        for (int f = 0; f < PUBLISHERS; f++) {
                            feedDelays.computeIfAbsent(f, k -> new ArrayList<>()).add((double) delayMs(i, q, f));
                        }
                    }
                }
            }
            Map<String, Summary> metrics = new LinkedHashMap<>();
            values.forEach((m, list) -> metrics.put(m.id(), Summary.of(list)));
            List<ReceivedFeed> feeds = new ArrayList<>();
            for (Map.Entry<Integer, List<Double>> e : feedDelays.entrySet()) {
                feeds.add(new ReceivedFeed("c" + (e.getKey() + 1), publisherOf(q, e.getKey()),
                        Map.of(Metric.VIDEO_DELAY.id(), Summary.of(e.getValue()))));
            }
            summaries.add(new PeerSummary(name, "replay", publisher ? "sendonly" : "recvonly", "rtcbench replay", "bench", null, null,
                    5L, joinMs, "ok", null, samples, metrics, null, null, null, null, null, feeds));
        }
        Files.writeString(dir.path().resolve("events.jsonl"), events, StandardCharsets.UTF_8);
        int rooms = (peers + ROOM_SIZE - 1) / ROOM_SIZE;
        int failed = peers - joins.size();
        List<LoadSummary.LoadPoint> timeline = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            int joined = Math.min(peers, s * 50);
            int fails = (int) Math.min(failed, (long) failed * joined / Math.max(1, peers));
            timeline.add(new LoadSummary.LoadPoint(s * 1000L, joined, joined - fails, fails, 40.0 + s % 10, 900L, 2L, 0.5, 70.0 + s % 20, 25.0 + s % 5));
        }
        List<Long> roomIds = new ArrayList<>();
        for (int k = 1; k <= rooms; k++) {
            roomIds.add(1000L + k);
        }
        List<LoadSummary.Feed> feeds = new ArrayList<>();
        for (int q = 0; q < peers; q++) {
            if (q % ROOM_SIZE < PUBLISHERS) {
                int subscribers = Math.max(0, Math.min(ROOM_SIZE, peers - q / ROOM_SIZE * ROOM_SIZE) - PUBLISHERS);
                feeds.add(new LoadSummary.Feed(1001L + q / ROOM_SIZE, 7000L + q, name(q), true, name(q), subscribers));
            }
        }
        LoadSummary load = new LoadSummary("janus", null, rooms, PUBLISHERS, ROOM_SIZE - PUBLISHERS, "rampUsers(" + peers + ").during(20s)",
                peers, peers, peers - failed, failed, LoadSummary.Timing.of(joins), LoadSummary.Timing.of(joins), LoadSummary.Timing.of(joins),
                false, null, timeline, null, roomIds, List.of(), "own", feeds, null, null);
        Map<String, Double> fps = new LinkedHashMap<>();
        summaries.stream().filter(p -> "recvonly".equals(p.role())).forEach(p -> {
            Summary s = p.metrics().get(Metric.VIDEO_FPS.id());
            fps.put(p.name(), s == null ? null : s.p50());
        });
        List<AssertionResult> assertions = List.of(new AssertionResult("video.fps.p50 >= 12 for subscribers", false, ">= 12", fps,
                "video.fps.p50 below 12 fps or not measured for some subscribers (synthetic)"));
        RunSummary run = new RunSummary(dir.runId(), "report-bench", RunStatus.FAILED, failed + " of " + peers + " peers failed",
                Instant.ofEpochMilli(T0).toString(), Instant.ofEpochMilli(T0 + minutes * 60_000L).toString(), minutes * 60_000L, 1000L,
                "bench", Map.of(), summaries, assertions, List.of()).withLoad(load);
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
        return new Result(dir.path(), peers, samples, sampleBytes, seconds, Files.size(dir.path().resolve(RunReports.REPORT_HTML)),
                Files.size(dir.path().resolve(RunReports.METRICS_CSV)));
    }

    private static String name(int q) {
        int room = q / ROOM_SIZE + 1;
        int ordinal = q % ROOM_SIZE;
        return "r" + room + "-" + (ordinal < PUBLISHERS ? "pub-" + (ordinal + 1) : "sub-" + (ordinal - PUBLISHERS + 1));
    }

    private static String publisherOf(int q, int f) {
        return name(q / ROOM_SIZE * ROOM_SIZE + f);
    }

    /** Frames shown per second: 15, but every 17th peer struggles at 10-13. */
    private static int fps(int i, int q) {
        return q % 17 == 5 ? 10 + i % 4 : 15;
    }

    /** Packets lost per second of a stream: 3 for every 23rd peer, else one every 40 s. */
    private static int lost(int i, int q) {
        return q % 23 == 7 ? 3 : i % 40 == 0 ? 1 : 0;
    }

    /** End-to-end delay of a feed's frames in a second: 40-120 ms, by peer, feed and time. */
    private static long delayMs(int i, int q, int feed) {
        return 40 + q % 61 + feed * 5 + i % 7;
    }

    private static double rtt(int i, int q) {
        return 0.001 * (1 + (i + q) % 5) + 0.001 * (q % 13);
    }

    /** A publisher's sample: its video and audio going out, the selected pair. */
    private static String publisherSample(String peer, long t, int i, int q) {
        return String.format(Locale.ROOT, "{\"timestamp\":%d,\"peer\":\"%s\",\"stats\":{\"c\":["
                + "{\"id\":\"T01\",\"type\":\"transport\",\"timestamp\":%d,\"selectedCandidatePairId\":\"CP1\"},"
                + "{\"id\":\"CP1\",\"type\":\"candidate-pair\",\"timestamp\":%d,\"state\":\"succeeded\",\"nominated\":true,\"currentRoundTripTime\":%.3f},"
                + "{\"id\":\"OV\",\"type\":\"outbound-rtp\",\"kind\":\"video\",\"timestamp\":%d,\"bytesSent\":%d,\"packetsSent\":%d,\"framesPerSecond\":15},"
                + "{\"id\":\"OA\",\"type\":\"outbound-rtp\",\"kind\":\"audio\",\"timestamp\":%d,\"bytesSent\":%d,\"packetsSent\":%d}"
                + "]}}", t, peer, t, t, rtt(i, q), t, 20_500L * i, 41L * i, t, 4_100L * i, 50L * i);
    }

    /**
     * A subscriber's sample: a connection per publisher, each with video and audio coming in and the marker totals of its
     * video. {@code totals} carries the running counts from the previous second (packets lost, frames shown, and each
     * feed's summed delay) and is advanced to second {@code i}.
     */
    private static String subscriberSample(String peer, long t, int i, int q, long[] totals) {
        int fps = fps(i, q);
        if (i > 0) {
            totals[0] += lost(i, q);
            totals[1] += fps;
            for (int f = 0; f < PUBLISHERS; f++) {
                totals[2 + f] += fps * delayMs(i, q, f);
            }
        }
        long lostSoFar = totals[0];
        long framesSoFar = totals[1];
        StringBuilder stats = new StringBuilder();
        StringBuilder received = new StringBuilder();
        double jitter = 0.002 + (i % 7) / 1000.0;
        for (int f = 0; f < PUBLISHERS; f++) {
            String c = "c" + (f + 1);
            stats.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":["
                    + "{\"id\":\"T01\",\"type\":\"transport\",\"timestamp\":%d,\"selectedCandidatePairId\":\"CP1\"},"
                    + "{\"id\":\"CP1\",\"type\":\"candidate-pair\",\"timestamp\":%d,\"state\":\"succeeded\",\"nominated\":true,\"currentRoundTripTime\":%.3f},"
                    + "{\"id\":\"IV\",\"type\":\"inbound-rtp\",\"kind\":\"video\",\"timestamp\":%d,\"bytesReceived\":%d,\"packetsReceived\":%d,"
                    + "\"packetsLost\":%d,\"framesDecoded\":%d,\"framesPerSecond\":%d,\"frameWidth\":320,\"frameHeight\":240,\"jitter\":%.4f,\"freezeCount\":0},"
                    + "{\"id\":\"IA\",\"type\":\"inbound-rtp\",\"kind\":\"audio\",\"timestamp\":%d,\"bytesReceived\":%d,\"packetsReceived\":%d,"
                    + "\"packetsLost\":0,\"jitter\":%.4f,\"concealedSamples\":%d,\"totalSamplesReceived\":%d}]",
                    c, t, t, rtt(i, q), t, 20_000L * i, 40L * i - lostSoFar, lostSoFar, framesSoFar, fps, jitter,
                    t, 4_000L * i, 50L * i, jitter, i % 10, 48_000L * i));
            received.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":[{\"kind\":\"video\",\"trackIdentifier\":\"v%d\","
                    + "\"timestamp\":%d,\"framesShown\":%d,\"framesSkipped\":%d,\"framesUnreadable\":0,\"totalFrozenMs\":0,"
                    + "\"delayedFrames\":%d,\"totalDelayMs\":%d}]", c, f + 1, t, framesSoFar, 15L * i - framesSoFar, framesSoFar, totals[2 + f]));
        }
        return "{\"timestamp\":" + t + ",\"peer\":\"" + peer + "\",\"stats\":{" + stats + "},\"received\":{" + received + "}}";
    }

    /**
     * Opens {@code report} in headless Chromium ({@code chromium}), offline and with a fresh profile under
     * {@code work}, and once more a copy with a probe script appended that opens the peer table, sorts it by
     * its Connect column and filters it by {@code r1-}; every process it starts ends before this returns.
     */
    public static Draw draw(Path report, Path chromium, Path work) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String dom = dumpDom(chromium, report, work.resolve("draw"));
        double wall = (System.nanoTime() - start) / 1e9;
        Path probe = report.resolveSibling("report-probe.html");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>"); // ECharts' own source holds the string too
        Files.writeString(probe, html.substring(0, end) + PROBE + html.substring(end), StandardCharsets.UTF_8);
        String probed = dumpDom(chromium, probe, work.resolve("probe"));
        Files.delete(probe);
        return new Draw(wall, attribute(dom, "data-charts-ms"), (int) attribute(dom, "data-charts-rendered"),
                attribute(probed, "data-open-ms"), attribute(probed, "data-sort-ms"), attribute(probed, "data-filter-ms"),
                (int) attribute(probed, "data-rows-shown"));
    }

    /** Opens the table, sorts by Connect (ms), filters by "r1-", each timed; layout forced after each step. */
    private static final String PROBE = "<script>(function(){var b=document.body,d=document.getElementById('peer-table'),"
            + "t0=performance.now();d.open=true;b.offsetHeight;var t1=performance.now();"
            + "document.querySelector('#peers th[data-col=\"6\"]').click();b.offsetHeight;var t2=performance.now();"
            + "var f=document.getElementById('peer-filter');f.value='r1-';f.dispatchEvent(new Event('input'));b.offsetHeight;"
            + "var t3=performance.now();b.setAttribute('data-open-ms',Math.round(t1-t0));b.setAttribute('data-sort-ms',Math.round(t2-t1));"
            + "b.setAttribute('data-filter-ms',Math.round(t3-t2));"
            + "b.setAttribute('data-rows-shown',String(document.querySelectorAll('#peers tbody tr:not([hidden])').length));})();</script>";

    private static String dumpDom(Path chromium, Path page, Path profile) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        List<String> cmd = List.of(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--window-size=1400,1000",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString());
        Path out = profile.resolveSibling(profile.getFileName() + ".dom.html");
        Path tmp = ChromiumTmp.create(profile.getParent());
        ProcessBuilder pb = OwnedProcesses.mark(new ProcessBuilder(OwnedProcesses.endingWithThisJvm(cmd)), profile)
                .redirectOutput(out.toFile()).redirectError(profile.resolveSibling(profile.getFileName() + ".stderr.txt").toFile());
        pb.environment().put("TMPDIR", tmp.toString());
        try {
            Process p = OwnedProcesses.startHeld(pb);
            try (OwnedProcesses owned = new OwnedProcesses(p.toHandle(), profile)) {
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    throw new IOException("headless Chromium did not dump " + page + " within 120 s");
                }
            }
        } finally {
            OwnedProcesses.deleteTree(tmp);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static long attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
