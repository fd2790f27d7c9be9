package org.rtcbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.core.run.PeerSummary;
import org.rtcbench.core.run.RunDirectory;
import org.rtcbench.core.run.RunSummary;

/** The synthetic run that {@code bench report} times is a load run whose samples measure what its report summarises. */
class ReportRenderBenchTest {
    @TempDir
    Path root;

    @Test
    void theBenchRunIsALoadRunOfRoomsWhoseSubscribersMeasureFpsLossAndDelay() throws Exception {
        ReportRenderBench.Result r = ReportRenderBench.run(root, 25, 1);

        RunSummary run = RunDirectory.readSummary(r.runDir());
        assertThat(run.load()).isNotNull();
        assertThat(run.load().rooms()).isEqualTo(3);
        assertThat(run.peers()).extracting(PeerSummary::name).startsWith("r1-pub-1", "r1-pub-2", "r1-sub-1").contains("r3-sub-3").hasSize(25);
        PeerSummary publisher = peer(run, "r2-pub-1");
        assertThat(publisher.role()).isEqualTo("sendonly");
        assertThat(publisher.metrics()).containsKey("bitrate.out").doesNotContainKey("video.fps");
        PeerSummary subscriber = peer(run, "r1-sub-1");
        assertThat(subscriber.role()).isEqualTo("recvonly");
        assertThat(subscriber.metrics().get("video.fps").p50()).isEqualTo(15.0);
        assertThat(subscriber.metrics().get("video.delay").p50()).isBetween(40.0, 130.0);
        assertThat(subscriber.metrics()).containsKeys("packetloss", "rtt", "bitrate.in", "video.fps.rendered");
        assertThat(subscriber.received()).extracting(f -> f.from()).containsExactly("r1-pub-1", "r1-pub-2");
        assertThat(peer(run, "r1-sub-4").metrics().get("video.fps").p50()).as("the struggling peer").isLessThan(14.0);

        String html = Files.readString(r.runDir().resolve("report.html"));
        assertThat(html).contains("<section id=\"peer-summary\">", "<details id=\"peer-table\">", "\\\"bands\\\":true");
        assertThat(html.indexOf("id=\"load\"")).isLessThan(html.indexOf("id=\"peer-summary\""));
        assertThat(r.samplesPerPeer()).isEqualTo(60);
    }

    private static PeerSummary peer(RunSummary run, String name) {
        List<PeerSummary> found = run.peers().stream().filter(p -> p.name().equals(name)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
