package dev.deployverify.selftest.http;

import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentLoader;
import dev.deployverify.env.EnvironmentRequest;
import dev.deployverify.env.Variables;
import dev.deployverify.run.DeployedVersion;
import dev.deployverify.run.Readiness;
import dev.deployverify.selftest.support.HostileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Real deployments", item 4: against a server that closes every non-WebSocket {@code Upgrade} request
 * unanswered (engine.io attached to a Node server), readiness and the deployed version must still be read: no client
 * of the suite offers an h2c upgrade. The Node conformance targets prove the same against real engine.io.
 */
class PlainHttp11Test {

    @TempDir
    Path dir;

    @Test
    void readinessSucceedsAgainstAServerThatClosesUpgradeOffers() throws IOException {
        try (HostileServer server = new HostileServer(HostileServer.Behaviour.CLOSES_NON_WEBSOCKET_UPGRADES)) {
            Environment environment = environmentAt(server.url());

            assertThat(Readiness.await(environment, Map.of("*", "1.2.3"))).as("systems that did not become ready").isEmpty();
            assertThat(DeployedVersion.read(environment.system("dawg").orElseThrow(), environment.timeouts()))
                    .isEqualTo("1.2.3");
        }
    }

    /** One factory: no JDK client is built anywhere else, so no other one can forget the version. */
    @Test
    void everyJdkHttpClientComesFromTheOneFactory() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            // The stand-ins (reference/) are the deployment's side, not the suite's clients.
            offenders = files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("HttpSpecs.java"))
                    .filter(f -> !f.toString().contains("/reference/"))
                    .filter(f -> read(f).contains("HttpClient.newBuilder") || read(f).contains("HttpClient.newHttpClient"))
                    .map(Path::toString).toList();
        }
        assertThat(offenders).as("files building their own java.net.http.HttpClient (use HttpSpecs.jdkClient)").isEmpty();
    }

    private Environment environmentAt(String url) throws IOException {
        Path file = dir.resolve("engine-io.yaml");
        Files.writeString(file, """
                timeouts: {connectSeconds: 1, requestSeconds: 2, flowSeconds: 2, readinessSeconds: 4}
                systems:
                  dawg:
                    baseUrl: %s
                """.formatted(url));
        return EnvironmentLoader.load(EnvironmentRequest.from(key -> key.equals("env.file") ? file.toString() : null),
                Variables.of(Map.of()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
