package dev.deployverify.reference;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether Testcontainers can start containers here. */
final class DockerEngine {

    private static Boolean available;

    private DockerEngine() {
    }

    /**
     * Asks Testcontainers only where a Docker engine could be (DOCKER_HOST or the usual socket): its search logs an
     * ERROR when there is none, which would read like a failure in every run on a machine without Docker.
     */
    static synchronized boolean available() {
        if (available == null) {
            boolean candidate = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
            available = candidate && DockerClientFactory.instance().isDockerAvailable();
        }
        return available;
    }
}
