package org.rtcbench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtcbench.core.assertion.AssertionResult;
import org.rtcbench.core.metric.Summary;
import org.rtcbench.core.run.InteropCell;
import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;

/** Run summaries built by hand, as the runner would write them to run.json. */
final class ExampleRuns {
    static final String FIREFOX_FAILURE = "ICE failed after 15 s <no candidates> & gave up";
    static final String ODD_ASSERTION = "audio.jitter.p95 < 30 for a&b";

    private ExampleRuns() {
    }

    /**
     * chrome-1 connected and measured everything but audio jitter; firefox never connected. One
     * assertion passed, one failed on a measured value and a missing one, one has {@code <} and {@code &}.
     */
    static RunSummary failed() {
        Map<String, Summary> chromeMetrics = new LinkedHashMap<>();
        chromeMetrics.put("video.fps", new Summary(20, 12, 18, 30, 30, 29, 19.5));
        chromeMetrics.put("bitrate.in", new Summary(19, 800, 1040.5, 1200, 1300, 1000, 1020));
        chromeMetrics.put("bitrate.out", new Summary(19, 700, 820, 900, 950, 810, 815));
        chromeMetrics.put("rtt", new Summary(20, 1, 2, 3.25, 4, 2, 2.1));
        chromeMetrics.put("packetloss", new Summary(19, 0, 0, 0.5, 1, 0, 0.1));
        PeerSummary chrome = new PeerSummary("chrome-1", "chrome", "sendrecv", "chromium", "120.0.6099.224",
                "chromedriver", "120.0.6099.224", 850L, 1200L, "ok", null, 20, chromeMetrics);
        PeerSummary firefox = new PeerSummary("firefox", "firefox", "recvonly", "firefox", "128.5.0esr",
                "geckodriver", "0.35.0", 2100L, null, "failed", FIREFOX_FAILURE, 0, Map.of());

        Map<String, Double> fps = new LinkedHashMap<>();
        fps.put("chrome-1", 18.0);
        fps.put("firefox", null);
        List<AssertionResult> assertions = List.of(
                new AssertionResult("connected within 10s for chrome-1", true, "<= 10000 ms", Map.of("chrome-1", 1200.0),
                        "all 1 peers connected within 10000 ms"),
                new AssertionResult("video.fps.p50 >= 25", false, ">= 25", fps,
                        "video.fps.p50 expected >= 25 fps; chrome-1: measured 18 fps; firefox: video.fps not measured"),
                new AssertionResult(ODD_ASSERTION, true, "< 30", Map.of("chrome-1", 4.0), "held & fine"));

        return new RunSummary("20250501-100000-two-browsers", "two-browsers", RunStatus.FAILED,
                "1 assertion and 1 peer failed", "2025-05-01T10:00:00Z", "2025-05-01T10:00:20.400Z", 20_400L, 1200L,
                "0.1.0-SNAPSHOT", Map.of("os", "Linux"), List.of(chrome, firefox), assertions, List.of());
    }

    /** The same run, stopped by Ctrl-C. */
    static RunSummary interrupted() {
        RunSummary r = failed();
        return new RunSummary(r.runId(), r.scenario(), RunStatus.INTERRUPTED, "stopped by SIGINT after 12 s",
                r.startedAt(), r.endedAt(), r.durationMs(), r.firstConnectedAfterLaunchMs(), r.rtcbenchVersion(),
                r.host(), r.peers(), r.assertions(), List.of());
    }

    /** A run whose scenario name and failure reason are markup. */
    static RunSummary hostile() {
        RunSummary r = failed();
        return new RunSummary(r.runId(), "<script>alert(1)</script>", RunStatus.ERROR,
                "browser said \u001b[31m<b>no</b>\u001b[0m \"quoted\" 'single'", r.startedAt(), r.endedAt(),
                r.durationMs(), r.firstConnectedAfterLaunchMs(), r.rtcbenchVersion(), r.host(), r.peers(),
                r.assertions(), List.of());
    }

    /** The failed run, on a host run.json describes, with an interop matrix of chrome, firefox and java in VP8. */
    static RunSummary interop() {
        RunSummary r = failed();
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("cores", 8);
        host.put("memoryBytes", 17_179_869_184L);
        host.put("os", "Linux 6.1.0 amd64");
        host.put("java", "Eclipse Adoptium 17.0.13");
        host.put("hostname", "ci-7");
        Map<String, Double> measured = new LinkedHashMap<>();
        measured.put("chrome->firefox video.fps", 29.5);
        measured.put("firefox->chrome video.fps", 30.0);
        List<InteropCell> cells = List.of(
                new InteropCell("chrome", "firefox", "vp8", "passed", null, 640L, measured, Map.of("video", "VP8")),
                new InteropCell("firefox", "chrome", "vp8", "failed", "no video <frames> & no audio", null,
                        Map.of("firefox->chrome video.fps", 0.0), Map.of()),
                new InteropCell("chrome", "java", "vp8", "skipped", "java peers not installed", null, Map.of(), Map.of()));
        return new RunSummary(r.runId(), "interop-matrix", r.status(), "1 of 3 interop cells failed", r.startedAt(),
                r.endedAt(), r.durationMs(), r.firstConnectedAfterLaunchMs(), r.rtcbenchVersion(), host, r.peers(),
                r.assertions(), cells);
    }

    /**
     * The interop run as a load run too: 50 requested, 48 joined, 47 connected, 2 failed, the generator
     * limited by its CPU, a Gatling report, first-frame times never measured.
     */
    static RunSummary load() {
        RunSummary run = interop().withLoad(loadSummary(true, "gatling/index.html"));
        List<PeerSummary> peers = new java.util.ArrayList<>(run.peers());
        // a synthetic subscriber and what it saw of two publishers' feeds, by their markers
        peers.add(new PeerSummary("r1-sub-1", "java", "recvonly", "libwebrtc (webrtc-java)", "0.14.0", null, null, 2L, 300L, "ok",
                null, 20, Map.of("video.delay", new Summary(20, 12, 15, 73, 80, 14, 18)), null, null, null, null, null,
                List.of(new org.rtcbench.core.run.ReceivedFeed("r1-sub-1#r1-pub-1", "r1-pub-1",
                                Map.of("video.delay", new Summary(20, 12, 14.5, 20, 22, 14, 15), "video.psnr", new Summary(20, 54, 54.7, 55, 55, 54.7, 54.7))),
                        new org.rtcbench.core.run.ReceivedFeed("r1-sub-1#r1-pub-2", "r1-pub-2",
                                Map.of("video.delay", new Summary(20, 60, 73, 79, 80, 73, 72))))));
        return run.withPeers(peers);
    }

    static LoadSummary loadSummary(boolean generatorLimited, String gatlingReport) {
        List<Long> joins = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
            joins.add(200L + 15L * i + (i % 7) * 40L);
        }
        List<LoadSummary.LoadPoint> timeline = new java.util.ArrayList<>();
        for (int s = 0; s <= 30; s++) {
            int joined = Math.min(48, s * 2);
            timeline.add(new LoadSummary.LoadPoint(s * 1000L, joined, Math.max(0, joined - 1), s > 20 ? 2 : 0,
                    s < 3 ? null : 40.0 + s * 1.5, 300L + s, 2L, s > 20 ? 12.5 : 0.0, s < 3 ? null : 60.0 + s, s < 3 ? null : 10.0 + s * 0.5));
        }
        return new LoadSummary("janus", "http://127.0.0.1:8088/janus", 5, 10, 40, "rampUsers(50).during(20s)",
                50, 48, 47, 2, LoadSummary.Timing.of(joins), LoadSummary.Timing.of(joins.subList(0, 47)),
                LoadSummary.Timing.of(List.of()), generatorLimited,
                generatorLimited ? "generator CPU at 97% of 8 cores for 12 s" : null, timeline, gatlingReport,
                List.of(1001L, 1002L, 1003L, 1004L, 1005L), List.of(1001L), "all",
                List.of(new LoadSummary.Feed(1001L, 7001L, "r1-pub-1", true, "r1-pub-1", 8),
                        new LoadSummary.Feed(1001L, 4242L, "WHIP Publisher studio-cam", false, null, 8)), null, null);
    }
}
