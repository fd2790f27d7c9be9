package org.rtcbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network impairment end to end with two synthetic Java peers (no browser): through ./rtcbench's
 * --network flag and a scenario's network: and timeline: sections. What must hold whatever else the
 * host does: a delay shows in RTT, loss in the receivers' loss and the links' own counters, a
 * bandwidth cap in the senders' bitrate and the link's busiest second, a blackout as a freeze the
 * call recovers from; compare flags an impaired run against a clean one.
 */
class NetworkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            name: net-call
            duration: %s
            media:
              video: { width: %d, height: %d, fps: 15 }
            peers:
              - kind: java
                count: 2
            """;

    @TempDir
    Path tmp;

    private JsonNode run(String name, String yaml, String... flags) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("s.yaml"), yaml);
        List<String> args = new ArrayList<>(List.of("run", "s.yaml"));
        args.addAll(List.of(flags));
        RtcbenchProcess.Result r = RtcbenchProcess.run(dir, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return JSON.readTree(RtcbenchProcess.onlyRunDirectory(dir).resolve("run.json").toFile());
    }

    private static double metric(JsonNode run, String peer, String metric, String aggregate) {
        for (JsonNode p : run.path("peers")) {
            if (p.path("name").asText().equals(peer)) {
                JsonNode m = p.path("metrics").path(metric);
                assertThat(m.isMissingNode()).as(peer + " reported " + metric + ": " + p).isFalse();
                return m.path(aggregate).asDouble();
            }
        }
        throw new AssertionError("no peer " + peer + " in " + run);
    }

    @Test
    void delayShowsInRttLossInTheReceiversAndTheLinksCountersAndCompareFlagsBoth() throws Exception {
        String call = CALL.formatted("10s", 320, 240);
        JsonNode clean = run("clean", call);
        JsonNode delayed = run("delayed", call, "--network", "delay=25ms");
        JsonNode lossy = run("lossy", call, "--network", "delay=25ms,loss=5%");

        assertThat(clean.has("network")).as("a clean run has no relay").isFalse();
        for (String peer : List.of("java-1", "java-2")) {
            double rise = metric(delayed, peer, "rtt", "p50") - metric(clean, peer, "rtt", "p50");
            assertThat(rise).as(peer + ": two links of 25 ms each way add about 100 ms of RTT").isBetween(90.0, 130.0);
            assertThat(metric(lossy, peer, "packetloss", "p50")).as(peer + " receives through two links losing 5 % each")
                    .isGreaterThanOrEqualTo(4.0);
        }
        JsonNode net = lossy.path("network");
        assertThat(net.path("backend").asText()).isEqualTo("userspace-udp-relay");
        assertThat(net.path("links")).hasSize(4);
        for (JsonNode link : net.path("links")) {
            assertThat(link.path("configured").asText()).isEqualTo("delay 25ms, loss 5%");
            assertThat(link.path("arrived").asLong()).as(link.toString()).isGreaterThan(500);
            assertThat(link.path("dropPercent").asDouble()).as(link.toString()).isBetween(4.0, 6.0);
            assertThat(link.path("drops").path("loss").asLong()).isEqualTo(link.path("dropped").asLong());
            assertThat(link.path("meanAddedMs").asDouble()).as(link.toString()).isBetween(24.0, 30.0);
        }
        for (JsonNode link : delayed.path("network").path("links")) {
            assertThat(link.path("dropped").asLong()).as("a delay alone drops nothing: " + link).isZero();
        }

        Path cleanDir = RtcbenchProcess.onlyRunDirectory(tmp.resolve("clean"));
        Path lossyDir = RtcbenchProcess.onlyRunDirectory(tmp.resolve("lossy"));
        RtcbenchProcess.Result compare = RtcbenchProcess.run(tmp.resolve("compare"), "compare", cleanDir.toString(),
                lossyDir.toString(), "--out", "out");
        assertThat(compare.exitCode()).as(compare.out() + compare.err()).isEqualTo(1);
        List<String> flagged = compare.out().lines().filter(l -> l.contains("REGRESSED")).toList();
        assertThat(flagged).anySatisfy(l -> assertThat(l).contains("rtt"));
        assertThat(flagged).anySatisfy(l -> assertThat(l).containsAnyOf("packetloss", "bitrate"));
    }

    @Test
    void aBandwidthCapHoldsTheSendersBitrateAndTheLinksBusiestSecond() throws Exception {
        JsonNode capped = run("capped", CALL.formatted("15s", 640, 480), "--network", "bandwidth=300kbps");
        for (String peer : List.of("java-1", "java-2")) {
            assertThat(metric(capped, peer, "bitrate.out", "p50")).as(peer + " sends through a 300 kbps uplink").isLessThanOrEqualTo(330.0);
        }
        boolean binding = false;
        for (JsonNode link : capped.path("network").path("links")) {
            assertThat(link.path("peakKbps").asDouble()).as("no second carries more than the cap: " + link).isLessThanOrEqualTo(310.0); // the cap plus one packet (1,200 bytes = 9.6 kbit) that a second's boundary splits
            binding |= link.path("drops").path("queue").asLong() > 0 || link.path("meanAddedMs").asDouble() > 5;
        }
        assertThat(binding).as("the cap was reached: packets queued or dropped at it").isTrue();
    }

    @Test
    void aBlackoutMidCallFreezesVideoAndTheCallRecovers() throws Exception {
        String yaml = CALL.formatted("18s", 320, 240) + """
                timeline:
                  - { at: 6s, network: { blackout: 3s } }
                """;
        JsonNode run = run("blackout", yaml);
        Path dir = RtcbenchProcess.onlyRunDirectory(tmp.resolve("blackout"));
        for (String peer : List.of("java-1", "java-2")) {
            List<double[]> fps = new ArrayList<>(); // [t_s, video.fps] from metrics.csv, one row per peer and sample
            List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
            List<String> header = List.of(rows.get(0).split(","));
            int t = header.indexOf("t_s");
            int col = header.indexOf("video.fps");
            for (String line : rows.subList(1, rows.size())) {
                String[] f = line.split(",", -1);
                if (f[0].equals(peer)) {
                    fps.add(new double[] {Double.parseDouble(f[t]), f[col].isEmpty() ? 0 : Double.parseDouble(f[col])});
                }
            }
            assertThat(fps).as(peer + " video.fps over time").isNotEmpty();
            assertThat(fps.stream().filter(p -> p[0] >= 7 && p[0] <= 10).mapToDouble(p -> p[1]).min().orElse(0))
                    .as(peer + ": during the blackout no frame arrives (a gap or 0 fps)").isLessThan(2.0);
            assertThat(metric(run, peer, "video.fps", "last")).as(peer + " recovers after the blackout").isGreaterThan(5.0);
        }
        for (JsonNode link : run.path("network").path("links")) {
            if (link.path("direction").asText().equals("up")) { // the sender's uplink drops first; nothing reaches the downlink then
                assertThat(link.path("drops").path("blackout").asLong()).as(link.toString()).isGreaterThan(0);
            }
        }
        assertThat(run.path("network").path("steps")).singleElement().satisfies(s -> assertThat(s.path("change").asText())
                .isEqualTo("blackout 3s"));
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("\"type\":\"network-changed\"");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"network-steps\"")
                .as("the step is a marker on the charts (the page embeds its data as an escaped JSON string)")
                .contains("\\\"label\\\":\\\"blackout 3s\\\"");
    }

    @Test
    void badNetworkValuesAreOneLineAndExit2() throws Exception {
        Files.writeString(tmp.resolve("s.yaml"), CALL.formatted("5s", 320, 240));
        RtcbenchProcess.Result flag = RtcbenchProcess.run(tmp, "run", "s.yaml", "--network", "loss=120%");
        assertThat(flag.exitCode()).isEqualTo(2);
        assertThat(flag.errLines()).singleElement().asString()
                .contains("--network loss=120%: loss must be between 0% and 100%, got 120%");

        Files.writeString(tmp.resolve("neg.yaml"), CALL.formatted("5s", 320, 240) + "network:\n  delay: -5ms\n");
        RtcbenchProcess.Result negative = RtcbenchProcess.run(tmp, "run", "neg.yaml");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.errLines()).singleElement().asString().contains("neg.yaml:9:3: network: delay must not be negative, got -5ms");

        Files.writeString(tmp.resolve("unknown.yaml"), CALL.formatted("5s", 320, 240) + "network:\n  latency: 5ms\n");
        RtcbenchProcess.Result unknown = RtcbenchProcess.run(tmp, "run", "unknown.yaml");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString().contains("unknown.yaml:9:3: unknown field 'latency' in network");
    }
}
