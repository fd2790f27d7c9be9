package org.rtcbench.browser.container;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.peer.PeerFailure;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker daemon that container peers run on, reached through Testcontainers: its client, or
 * one line that says why there is none and what to do. Asked once per process.
 */
public final class DockerAccess {
    /** Testcontainers' switch for its Ryuk reaper, whose image no registry serves here. */
    static final String RYUK_DISABLED = "TESTCONTAINERS_RYUK_DISABLED";
    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    private static DockerClient client;
    private static String problem;

    private DockerAccess() {
    }

    /**
     * The client.
     *
     * @throws BadInputException when Docker cannot be reached from here (exit 2)
     */
    public static synchronized DockerClient client() {
        String why = problem();
        if (why != null) {
            throw new BadInputException(why);
        }
        return client;
    }

    /** Why Docker cannot be used from here, or null when it can. */
    public static synchronized String problem() {
        if (client != null || problem != null) {
            return problem;
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        String where = dockerHost == null || dockerHost.isBlank() ? "unix://" + DEFAULT_SOCKET : dockerHost;
        String ryuk = System.getenv(RYUK_DISABLED);
        if (ryuk == null || ryuk.isBlank()) {
            problem = "container peers need " + RYUK_DISABLED + "=true in rtcbench's environment (Testcontainers' Ryuk image "
                    + "cannot be pulled without a registry; rtcbench removes its own containers): the ./rtcbench launcher sets it, "
                    + "set it yourself where you run rtcbench's jar or tests (or 'false' if your Docker has the Ryuk image)";
        } else if ((dockerHost == null || dockerHost.isBlank()) && !Files.exists(DEFAULT_SOCKET)) {
            problem = "container peers need Docker, and no Docker daemon listens at " + where
                    + ": start it ('sudo ci/setup' installs and starts it; or 'sudo dockerd &'), or set DOCKER_HOST";
        } else {
            try {
                if (DockerClientFactory.instance().isDockerAvailable()) {
                    client = DockerClientFactory.instance().client();
                } else {
                    problem = "container peers need Docker, and no Docker daemon answers at " + where
                            + ": start it ('sudo ci/setup' starts it), or set DOCKER_HOST";
                }
            } catch (RuntimeException e) {
                problem = "Docker at " + where + " cannot be used: " + PeerFailure.firstLine(String.valueOf(e.getMessage()))
                        + " (start the daemon with 'sudo ci/setup', or set DOCKER_HOST)";
            }
        }
        return problem;
    }
}
