package org.rtcbench.target.janus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtcbench.browser.harness.HarnessServer;
import org.rtcbench.browser.local.LocalChromium;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.scenario.Browsers;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.peer.java.JavaPeerLauncher;
import org.rtcbench.target.sdp.ReachableCandidates;
import org.rtcbench.target.janus.local.LocalJanus;

/**
 * A real Chromium subscribes through Janus to a synthetic publisher: the browser's answer keeps only
 * its candidate on the test network (it also offers its outside interfaces), connects, and decodes the video.
 */
class JanusChromiumIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void chromiumReceivesAJavaPublisherThroughJanus() throws Exception {
        MediaSpec media = new MediaSpec(new VideoSpec(320, 240, 15), false, false);
        try (LocalJanus janus = LocalJanus.start(tmp);
             JanusClient client = JanusClient.connect(janus.url());
             JanusVideoRoom videoRoom = new JanusVideoRoom(client, ReachableCandidates.only(janus.peerAddress()),
                     Duration.ofSeconds(10), (type, fields) -> { });
             HarnessServer harness = HarnessServer.start();
             Peer publisher = new JavaPeerLauncher(janus.peerAddress()).launch("java-pub", null, null, null);
             Peer chromium = new LocalChromium(Browsers.CHROME_DEFAULTS, tmp.resolve("browsers"), tmp.resolve("logs"))
                     .launch("chrome-sub", harness.pageUri(), null, null)) {
            long room = videoRoom.createRoom(null, 2, "vp8");
            publisher.startMedia(media, Role.SENDONLY);
            JanusVideoRoom.Publication pub = videoRoom.publish(publisher, room, "java", "vp8");
            chromium.startMedia(media, Role.RECVONLY);
            JanusVideoRoom.Subscription sub = videoRoom.subscribe(chromium, room, pub.feedId());
            System.out.println("chromium subscription: " + sub);

            long frames = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (frames < 10 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                frames = 0;
                for (JsonNode r : JSON.readTree(chromium.stats()).path("stats").path(sub.connectionId())) {
                    if ("inbound-rtp".equals(r.path("type").asText()) && "video".equals(r.path("kind").asText())) {
                        frames += r.path("framesDecoded").asLong();
                    }
                }
            }
            System.out.println("chromium frames decoded: " + frames);
            assertThat(frames).as("video frames Chromium decoded from the Java publisher").isGreaterThanOrEqualTo(10);
        }
        assertThat(OwnedProcesses.running(tmp.toString())).as("Chromium, chromedriver or Janus left running").isEmpty();
    }
}
