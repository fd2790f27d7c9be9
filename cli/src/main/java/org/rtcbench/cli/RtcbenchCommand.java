package org.rtcbench.cli;

import picocli.CommandLine.Command;

/** The top-level {@code rtcbench} command; the work is done by its subcommands. */
@Command(name = "rtcbench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "WebRTC interoperability and load testing: real browsers with fake camera and microphone and "
                + "synthetic Java peers, driven through calls and SFU rooms, sampled every second, judged by assertions.",
        subcommands = {DemoCommand.class, RunCommand.class, InteropCommand.class, LoadCommand.class, MergeCommand.class, ReportCommand.class, CompareCommand.class, BenchCommand.class, ImagesCommand.class,
                ValidateCommand.class, SchemaCommand.class, CompletionCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the run passed", "  1  an assertion or a peer failed, or a load run connected fewer peers than asked",
                "  2  bad input or environment (scenario, flags, missing browser or Debian package, Docker or an image missing, Janus not reachable, more peers than this host can hold without --force)", "  3  unexpected internal error",
                "  130/143  interrupted by SIGINT/SIGTERM (run.json says interrupted)",
                "%nExamples:%n  ./rtcbench demo%n  ./rtcbench run scenarios/chromium-p2p-small.yaml%n  ./rtcbench interop --peers chrome,firefox --codecs vp8,h264%n"
                        + "  ./rtcbench load --rooms 2 --subscribers 10 --ramp 30s --hold 60s%n"
                        + "  ./rtcbench compare results/A results/B --tolerance fps=5%%,join.p95=10%%%n"
                        + "  ./rtcbench run scenarios/demo.yaml --duration 60s --results /tmp/results%n"
                        + "  ./rtcbench validate scenarios/*.yaml%n  source <(./rtcbench completion bash)"})
public final class RtcbenchCommand {
}
