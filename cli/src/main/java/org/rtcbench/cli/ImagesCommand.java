package org.rtcbench.cli;

import com.github.dockerjava.api.model.Image;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rtcbench.browser.container.BrowserImage;
import org.rtcbench.browser.container.DockerAccess;
import org.rtcbench.browser.container.ImageBuilder;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.ExitCode;
import org.rtcbench.core.peer.PeerKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rtcbench images build|list}: rtcbench's own browser images, built locally from Debian packages. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "The browser images that chrome@container and firefox@container peers run in.",
        subcommands = {ImagesCommand.Build.class, ImagesCommand.ListImages.class})
final class ImagesCommand {

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build rtcbench/chromium (Chromium + chromedriver), rtcbench/firefox (Firefox ESR, driven over WebDriver BiDi) "
                    + "and rtcbench/jre (a Java 17 runtime, for rtcbench itself in a container, e.g. load shards: mount the jar) "
                    + "on this Docker host from Debian packages, with mmdebstrap; no registry is needed. Each is tagged with its browser "
                    + "(or Java) version and :latest. Exit 2 when Docker, mmdebstrap or the Debian mirror cannot be reached.")
    static final class Build implements Callable<Integer> {
        @Option(names = "--kind", split = ",", paramLabel = "KIND", description = "chrome, firefox, jre, or several (default: chrome,firefox,jre).")
        List<String> kinds = List.of("chrome", "firefox", "jre");

        @Option(names = "--if-missing", description = "Build only the images whose :latest tag is not on this Docker host (what ci/setup runs).")
        boolean ifMissing;

        @Option(names = "--mirror", paramLabel = "URL", description = "The Debian mirror (default: " + ImageBuilder.DEBIAN_MIRROR + ").")
        String mirror = ImageBuilder.DEBIAN_MIRROR;

        @Option(names = "--log-dir", paramLabel = "DIR", description = "Where mmdebstrap's output is kept (default: the temporary directory).")
        Path logDir = Path.of(System.getProperty("java.io.tmpdir"));

        @Override
        public Integer call() {
            List<PeerKind> wanted = new ArrayList<>();
            boolean jre = false;
            for (String k : kinds) {
                if (k.trim().equals("jre")) {
                    jre = true;
                    continue;
                }
                PeerKind kind;
                try {
                    kind = PeerKind.of(k.trim());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--kind " + k + ": only chrome, firefox and jre have images");
                }
                if (kind != PeerKind.CHROME && kind != PeerKind.FIREFOX) {
                    throw new BadInputException("--kind " + k + ": only chrome, firefox and jre have images");
                }
                wanted.add(kind);
            }
            ImageBuilder builder = new ImageBuilder(mirror, logDir, System.out);
            for (PeerKind kind : wanted) {
                if (ifMissing && builder.present(kind)) {
                    System.out.println("  " + BrowserImage.defaultName(kind) + " is here already");
                    continue;
                }
                builder.build(kind);
            }
            if (jre) {
                if (ifMissing && builder.jrePresent()) {
                    System.out.println("  " + ImageBuilder.JRE_IMAGE + " is here already");
                } else {
                    builder.buildJre();
                }
            }
            return ExitCode.PASSED;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List rtcbench's browser images on this Docker host: name, id, browser and driver versions from their labels.")
    static final class ListImages implements Callable<Integer> {
        @Override
        public Integer call() {
            List<Image> images = DockerAccess.client().listImagesCmd().withLabelFilter(BrowserImage.BROWSER).exec();
            if (images.isEmpty()) {
                System.out.println("no rtcbench browser images here: build them with './rtcbench images build'");
            }
            for (Image i : images) {
                Map<String, String> labels = i.getLabels() == null ? Map.of() : i.getLabels();
                BrowserImage image = new BrowserImage(String.join(", ", i.getRepoTags() == null ? new String[0] : i.getRepoTags()), i.getId(), labels);
                System.out.printf("%-60s %s  %s %s%s%n", image.name(), image.shortId(), image.label(BrowserImage.BROWSER, "?"),
                        image.label(BrowserImage.BROWSER_VERSION, "?"), image.labels().containsKey(BrowserImage.DRIVER_VERSION)
                                ? ", " + image.label(BrowserImage.DRIVER, "") + " " + image.label(BrowserImage.DRIVER_VERSION, "") : "");
            }
            return ExitCode.PASSED;
        }
    }
}
