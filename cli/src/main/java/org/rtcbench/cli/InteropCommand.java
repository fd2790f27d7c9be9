package org.rtcbench.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.Durations;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.peer.PeerType;
import org.rtcbench.core.run.RunStatus;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.core.scenario.Browsers;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.VideoSpec;
import org.rtcbench.interop.InteropMatrix;
import org.rtcbench.interop.MatrixTable;
import org.rtcbench.runner.LinkPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rtcbench interop}: who talks to whom, how well. */
@Command(name = "interop", mixinStandardHelpOptions = true,
        description = "Run the interop matrix: every ordered pair of peer types (caller offers, callee answers), per video codec, "
                + "is one cell; a cell passes when the call connects and audio, video and data channel echoes flow both ways. "
                + "Prints the matrix and writes results/<run-id>/ with run.json (matrix), junit.xml (one testcase per cell) "
                + "and report.html. A peer type that cannot run here is shown as skipped, with why.")
final class InteropCommand implements Callable<Integer> {
    @Option(names = "--peers", split = ",", defaultValue = "chrome,firefox,java",
            description = "Peer types, comma separated: a kind (chrome, firefox, java, replay) on its default provider, kind@provider "
                    + "(chrome@local, chrome@container, firefox@container), or kind@container:IMAGE (e.g. "
                    + "chrome@container:rtcbench/chromium:156.0.8078.114); each distinct one is its own row and column, so two "
                    + "images of one browser compare in one matrix (default: ${DEFAULT-VALUE}).")
    List<String> peers;

    @Option(names = "--codecs", split = ",", description = "Video codecs, one cell per pair and codec, e.g. vp8,vp9,h264 (default: each peer's own choice).")
    List<String> codecs = new ArrayList<>();

    @Option(names = "--video", paramLabel = "WxH@FPS", defaultValue = "320x240@15",
            description = "What every peer sends (default: ${DEFAULT-VALUE}).")
    String video;

    @Option(names = "--min-fps", defaultValue = "5", description = "Received fps (p50, after a 3 s warm-up) a cell needs each way (default: ${DEFAULT-VALUE}).")
    double minFps;

    @Option(names = "--parallel", paramLabel = "N|auto|all", defaultValue = "auto",
            description = "How many cells are up at once: cells run in waves, each for the call duration, a wave's "
                    + "connections closed before the next. auto (default): the first wave is what measured per-peer costs "
                    + "fit in half of this host's cores; each next wave widens while the host's CPU stayed under 75 %% and "
                    + "every cell received 80 %% of the frame rate, and halves when not (the terminal and run.json say each "
                    + "wave's width and why). N: waves of N. all: every cell at once.")
    String parallel;

    @Mixin
    RunFlags flags;

    /** Cells up at once for {@code --parallel}: a number, {@code all} (0), or {@code auto} ({@link LinkPlan#AUTO}). */
    static int cellsAtOnce(String parallel) {
        String p = parallel.trim().toLowerCase(Locale.ROOT);
        if (p.equals("all")) {
            return 0;
        }
        if (p.equals("auto")) {
            return LinkPlan.AUTO;
        }
        try {
            int n = Integer.parseInt(p);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadInputException("--parallel must be a number of cells (1 or more), auto or all, got '" + parallel + "'");
        }
    }

    @Override
    public Integer call() {
        List<PeerType> kinds = parseTypes(peers, "--peers");
        List<String> codecList = new ArrayList<>();
        for (String c : codecs) {
            String codec = c.trim().toLowerCase(Locale.ROOT);
            if (!List.of("vp8", "vp9", "h264", "av1").contains(codec)) {
                throw new BadInputException("--codecs: unknown video codec '" + c + "' (allowed: vp8, vp9, h264, av1)");
            }
            codecList.add(codec);
        }
        Duration duration = Durations.parse(flags.duration == null ? "10s" : flags.duration);
        Scenario base = flags.apply(new Scenario(null, null, duration, null, null, null, null,
                List.of(new org.rtcbench.core.scenario.PeerGroup(PeerKind.CHROME, null, null, null, null)), null, null));
        InteropMatrix matrix = new InteropMatrix(kinds, codecList, base.duration(), parseVideo(video), base.browsers(),
                new InteropMatrix.Thresholds(minFps, Duration.ofSeconds(3)), flags.options().providers(), flags.gridUrl);
        matrix.skipped().forEach((k, why) -> System.out.println("  " + k.id() + " skipped: " + why));
        flags.duration = null;
        RunSummary[] result = new RunSummary[1];
        int cellsAtOnce = cellsAtOnce(parallel);
        int code = RunExecution.run(flags.applyNetwork(matrix.scenario()), matrix.plan().withParallel(cellsAtOnce), flags.options(),
                summary -> result[0] = summary);
        if (result[0] != null && result[0].status() != RunStatus.INTERRUPTED) {
            MatrixTable.print(result[0].matrix(), System.out, MatrixTable.colorWanted());
        }
        return code;
    }

    /** Peer types named on the command line, e.g. {@code chrome@local,firefox,java}, each once. */
    static List<PeerType> parseTypes(List<String> names, String flag) {
        List<PeerType> types = new ArrayList<>();
        for (String t : names) {
            PeerType type;
            try {
                type = PeerType.parse(t);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(flag + ": " + e.getMessage());
            }
            if (types.contains(type)) {
                throw new BadInputException(flag + ": " + type.id() + " is named twice");
            }
            types.add(type);
        }
        return types;
    }

    /** Peer kinds named on the command line, e.g. {@code chrome,firefox,java}. */
    static List<PeerKind> parseKinds(List<String> names, String flag) {
        List<PeerKind> kinds = new ArrayList<>();
        for (String k : names) {
            try {
                kinds.add(PeerKind.of(k.trim()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(flag + ": " + e.getMessage());
            }
        }
        return kinds;
    }

    static VideoSpec parseVideo(String text) {
        try {
            return VideoSpec.parse(text);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new BadInputException("--video " + (m.startsWith(text + ": ") ? m : text + ": " + m));
        }
    }
}
