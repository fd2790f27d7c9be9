package org.rtcbench.browser.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * One browser's container, started by Testcontainers: host networking (the harness and every peer
 * are on this host's loopback, and so is all traffic), the host's PID namespace (so that it can
 * watch its owner JVM, {@link ContainerOwner}), auto-removed, never pulled. Its output goes to a
 * log file of the run; the first line matching {@code ready} tells where its driver listens.
 */
final class BrowserContainer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final GenericContainer<?> container;
    private final BrowserImage image;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    /** Completes when the container's output ends: the container stopped. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Path log;

    private BrowserContainer(GenericContainer<?> container, BrowserImage image, Path log) {
        this.container = container;
        this.image = image;
        this.log = log;
    }

    /**
     * Starts {@code command} (wrapped to end with this JVM) in a container of {@code image} and waits
     * until a line of its output matches {@code ready}.
     *
     * @param readOnlyDirs host directories the container sees at the same path, read-only (the fake media)
     * @param files        files put into the container before it starts, by path
     * @return the container, and the first group of the line that matched, by {@link #readyMatch()}
     * @throws BadInputException when the image cannot run that command (a broken image)
     * @throws PeerFailure       when it started but did not get ready in time
     */
    static BrowserContainer start(String peerName, BrowserImage image, List<String> command, Pattern readyLine,
                                  List<Path> readOnlyDirs, Map<String, String> files, Map<String, String> env, Path logDir) {
        DockerClient docker = DockerAccess.client();
        ContainerOwner.reapOrphans(docker);
        Path log = logDir.resolve("container-" + peerName + ".log");
        OutputStream out;
        try {
            Files.createDirectories(logDir);
            out = Files.newOutputStream(log);
        } catch (IOException e) {
            throw new BadInputException("cannot write the container log " + log + ": " + e.getMessage());
        }
        List<Bind> binds = new ArrayList<>();
        for (Path dir : readOnlyDirs) {
            binds.add(new Bind(dir.toString(), new Volume(dir.toString()), AccessMode.ro));
        }
        @SuppressWarnings("resource")
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image.name()))
                .withImagePullPolicy(name -> false)
                .withNetworkMode("host")
                .withLabels(ContainerOwner.labels(peerName))
                .withEnv(env)
                .withStartupAttempts(1)
                // started is enough: readiness is the driver's own line, awaited below (an image that cannot
                // run the command ends at once, and is told apart by what it said)
                .withStartupCheckStrategy(new StartupCheckStrategy() {
                    @Override
                    public StartupStatus checkStartupState(DockerClient client, String containerId) {
                        return StartupStatus.SUCCESSFUL;
                    }
                })
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withEntrypoint(ContainerOwner.endingWithThisJvm(command).toArray(String[]::new)).withCmd(List.of());
                    // binds through the modifier: Testcontainers' own bind check would start (and pull) an alpine image
                    cmd.getHostConfig().withPidMode("host").withAutoRemove(true).withBinds(binds);
                });
        files.forEach((path, content) -> c.withCopyToContainer(Transferable.of(content), path));
        BrowserContainer bc = new BrowserContainer(c, image, log);
        c.withLogConsumer(frame -> bc.take(frame, readyLine, out));
        RuntimeException startFailure = null;
        try {
            c.start();
        } catch (RuntimeException e) {
            startFailure = e;
        }
        if (startFailure == null) {
            try {
                CompletableFuture.anyOf(bc.ready, bc.ended).get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                bc.closeQuietly();
                throw new PeerFailure(peerName + ": the container of image " + image.name() + " was not ready within "
                        + START_TIMEOUT.toSeconds() + " s (see " + log + ")");
            } catch (ExecutionException e) {
                // not reached: neither future fails
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                bc.closeQuietly();
                throw new PeerFailure(peerName + ": interrupted while its container started");
            }
        }
        if (!bc.ready.isDone()) {
            bc.closeQuietly();
            if (startFailure != null && bc.said().isEmpty()) {
                throw new BadInputException("a container of image " + image.name() + " did not start for peer " + peerName + ": "
                        + PeerFailure.firstLine(rootMessage(startFailure)) + " (is it a browser image with /bin/sh? see the README, 'Container images')");
            }
            throw new BadInputException("image " + image.name() + " cannot run " + String.join(" ", command) + " for peer " + peerName
                    + ": the container ended" + bc.said() + " (a chrome image needs chromedriver and Chromium or Chrome, a firefox image "
                    + "firefox-esr or firefox, on its PATH; see the README, 'Container images')");
        }
        return bc;
    }

    private void take(OutputFrame frame, Pattern readyLine, OutputStream out) {
        if (frame.getType() == OutputFrame.OutputType.END) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the log is best effort
            }
            ended.complete(null);
            return;
        }
        String text = frame.getUtf8String();
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the log is best effort
        }
        for (String line : text.split("\n")) {
            Matcher m = readyLine.matcher(line);
            if (m.find()) {
                ready.complete(m.group(1));
            } else if (!ready.isDone() && !line.isBlank()) {
                synchronized (lastLines) {
                    lastLines.addLast(line.strip());
                    if (lastLines.size() > 3) {
                        lastLines.removeFirst();
                    }
                }
            }
        }
    }

    /** What the ready line said (the driver's port, the BiDi address). */
    String readyMatch() {
        return ready.getNow(null);
    }

    /** Completes when the container has stopped. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    BrowserImage image() {
        return image;
    }

    String containerId() {
        return container.getContainerId();
    }

    /** Why a command to this browser failed, when its container is gone: a phrase to append, or empty. */
    String goneReason() {
        if (!ended.isDone()) {
            try {
                ended.get(1, TimeUnit.SECONDS); // a killed container's output ends within moments
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            } catch (ExecutionException | TimeoutException e) {
                return "";
            }
        }
        String id = containerId();
        return " (its container " + (id == null ? "" : id.substring(0, Math.min(12, id.length())) + " ")
                + "of image " + image.name() + " ended)";
    }

    private String said() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "" : "; it said: " + String.join(" | ", lastLines);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage() == null ? t : t.getMessage());
    }

    /**
     * Stops and removes the container, also from a thread a signal interrupted (a Docker call on an
     * interrupted thread fails at once, which would leave the container to its JVM watcher).
     */
    private void closeQuietly() {
        boolean interrupted = Thread.interrupted();
        try {
            container.stop();
            String id = container.getContainerId();
            if (id != null) {
                DockerAccess.client().removeContainerCmd(id).withForce(true).exec();
            }
        } catch (RuntimeException ignored) {
            // gone already (auto-remove)
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops and removes the container. */
    @Override
    public void close() {
        closeQuietly();
    }
}
