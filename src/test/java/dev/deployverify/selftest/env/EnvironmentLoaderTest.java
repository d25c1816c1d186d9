package dev.deployverify.selftest.env;

import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.EnvironmentLoader;
import dev.deployverify.env.EnvironmentRequest;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.env.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every way an environment file can be wrong is one clear line; a right one resolves over the system defaults. */
class EnvironmentLoaderTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", "."));

    @TempDir
    Path dir;

    @Test
    void unknownEnvironmentListsTheKnownOnes() {
        EnvironmentRequest request = EnvironmentRequest.from(Map.of("env", "stagng", "basedir", PROJECT.toString())::get);

        assertThatThrownBy(() -> EnvironmentLoader.parse(request))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("environment 'stagng' not found")
                .hasMessageContaining("known environments: local, production, staging")
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingVariablesAreNamedWithTheSystemThatNeedsThem() throws IOException {
        Path file = write("""
                systems:
                  ywmessaging:
                    baseUrl: https://api.example.test
                    credentials:
                      email: ${YW_TEST_EMAIL}
                      password: ${YW_TEST_PASSWORD}
                """);

        assertThatThrownBy(() -> load(file, Map.of("YW_TEST_EMAIL", "qa@example.test")))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("environment 'custom': missing variable YW_TEST_PASSWORD (ywmessaging credentials.password): export it before the run");
    }

    @Test
    void malformedYamlGivesLineAndColumn() throws IOException {
        Path file = write("""
                systems:
                  ywmessaging:
                    baseUrl: https://api.example.test
                   paths: [unclosed
                """);

        assertThatThrownBy(() -> load(file, Map.of()))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("custom.yaml line 4, column")
                .hasMessageContaining("malformed YAML")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aUrlThatIsNotAUrlIsRefused() throws IOException {
        Path file = write("""
                systems:
                  ywmessaging:
                    baseUrl: htps//api.example.test
                """);

        assertThatThrownBy(() -> load(file, Map.of()))
                .hasMessage("custom.yaml: systems.ywmessaging.baseUrl: 'htps//api.example.test' is not a http/https URL with a host");
    }

    @Test
    void aTypoIsAnUnknownKeyWithASuggestion() throws IOException {
        Path file = write("""
                systems:
                  ywmessaging:
                    baseUrl: https://api.example.test
                    thresholds:
                      p59Ms: 300
                """);

        assertThatThrownBy(() -> load(file, Map.of()))
                .hasMessageStartingWith("custom.yaml: systems.ywmessaging.thresholds.p59Ms: unknown key; did you mean 'p50Ms'?");
    }

    @Test
    void anUnknownSystemIsNamed() throws IOException {
        Path file = write("""
                systems:
                  ywmesaging:
                    baseUrl: https://api.example.test
                """);

        assertThatThrownBy(() -> load(file, Map.of()))
                .hasMessageStartingWith("custom.yaml: systems.ywmesaging: unknown system; did you mean 'ywmessaging'?");
    }

    @Test
    void aLiteralSecretIsRefusedWithoutEchoingIt() throws IOException {
        Path file = write("""
                systems:
                  ywmessaging:
                    baseUrl: https://api.example.test
                    credentials:
                      password: hunter2-real-password
                """);

        assertThatThrownBy(() -> load(file, Map.of()))
                .hasMessageContaining("systems.ywmessaging.credentials.password: secrets are given only as ${VARIABLE} placeholders")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aValidFileOverlaysTheSystemDefaultsAndResolvesSecrets() throws IOException {
        Path file = write("""
                description: Canary
                mutatingChecks: true
                timeouts:
                  requestSeconds: 2.5
                systems:
                  ywmessaging:
                    baseUrl: https://api.example.test/
                    credentials:
                      password: ${YW_TEST_PASSWORD}
                    paths:
                      ready: /ready
                    thresholds:
                      p95Ms: 800
                    settings:
                      testMemberId: ${MEMBER}
                """);

        Environment environment = load(file, Map.of("YW_TEST_PASSWORD", "s3cret-value", "MEMBER", "m-1"));
        SystemTarget yw = environment.system("ywmessaging").orElseThrow();

        assertThat(environment.name()).isEqualTo("custom");
        assertThat(environment.mutatingChecksAllowed()).isTrue();
        assertThat(environment.timeouts().request()).isEqualTo(Duration.ofMillis(2500));
        assertThat(environment.timeouts().connect()).as("default kept").isEqualTo(Duration.ofSeconds(3));
        assertThat(yw.baseUrl()).hasToString("https://api.example.test");
        assertThat(yw.wsUrl()).as("derived from the base URL").hasToString("wss://api.example.test");
        assertThat(yw.url("ready")).as("overridden path").hasToString("https://api.example.test/ready");
        assertThat(yw.path("sendMessage")).as("default path, the code's").isEqualTo("/api/messages/send");
        assertThat(yw.threshold("p95Ms")).isEqualTo(800);
        assertThat(yw.threshold("p99Ms")).as("the checklist's number by default").isEqualTo(1000);
        assertThat(yw.credential("password")).contains("s3cret-value");
        assertThat(yw.credential("email")).as("not given").isEmpty();
        assertThat(yw.setting("testMemberId")).contains("m-1");
        assertThat(yw.setting("allowedOrigin")).as("blank default means not configured").isEmpty();
    }

    @Test
    void theShippedEnvironmentsValidateWithTheirVariablesSet() {
        Variables secrets = name -> java.util.Optional.of(name.endsWith("KEY") ? "a2V5" : "value-of-" + name);
        for (String name : new String[]{"staging", "production"}) {
            Environment environment = EnvironmentLoader.load(
                    EnvironmentRequest.from(Map.of("env", name, "basedir", PROJECT.toString())::get), secrets);
            assertThat(environment.isReference()).isFalse();
            assertThat(environment.systems()).isNotEmpty();
            environment.systems().values().forEach(target ->
                    assertThat(target.baseUrl().getScheme()).as("%s %s", name, target.name()).isEqualTo("https"));
        }
        Environment production = EnvironmentLoader.load(
                EnvironmentRequest.from(Map.of("env", "production", "basedir", PROJECT.toString())::get), secrets);
        assertThat(production.mutatingChecksAllowed()).as("production is read-only by default").isFalse();
    }

    @Test
    void theLocalEnvironmentNeedsOnlyReferenceVariables() {
        EnvironmentLoader.ParsedEnvironment local = EnvironmentLoader.parse(
                EnvironmentRequest.from(Map.of("basedir", PROJECT.toString())::get));

        assertThat(local.name()).as("the default environment").isEqualTo("local");
        assertThat(local.isReference()).isTrue();
        assertThat(local.resolve(Variables.referenceStandIns()).systems()).isNotEmpty();
    }

    /** Issue "Real deployments", item 2: a team that owns one system holds only that system's secrets. */
    @Test
    void productionVerifiesOneSystemWithOnlyThatSystemsVariables() {
        Map<String, String> ywOnly = Map.of("YW_TEST_EMAIL", "qa@example.test", "YW_TEST_PASSWORD", "pw",
                "YW_STRIPE_WEBHOOK_SECRET", "whsec_x");
        Environment production = EnvironmentLoader.load(EnvironmentRequest.from(
                Map.of("env", "production", "checks", "ywmessaging", "basedir", PROJECT.toString())::get), Variables.of(ywOnly));

        assertThat(production.systems()).containsOnlyKeys("ywmessaging");
        assertThat(production.absenceReason("dawg")).isEqualTo("dawg is not selected by -Dchecks=\"ywmessaging\"");
        assertThat(EnvironmentLoader.load(EnvironmentRequest.from(
                Map.of("env", "production", "checks", "smoke & !performance & ywmessaging", "basedir", PROJECT.toString())::get),
                Variables.of(ywOnly)).systems()).containsOnlyKeys("ywmessaging");
    }

    @Test
    void aSelectedSystemsMissingSettingVariableIsOneLineNamingIt() throws IOException {
        Path file = write("""
                systems:
                  dawg:
                    baseUrl: https://api.example.test
                    settings:
                      testUserId: ${DAWG_TEST_USER_ID}
                  ywmessaging:
                    baseUrl: https://yw.example.test
                    settings:
                      testMemberId: ${YW_TEST_MEMBER_ID}
                """);

        assertThatThrownBy(() -> load(file, Map.of()))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("environment 'custom': missing variables DAWG_TEST_USER_ID (dawg settings.testUserId), "
                        + "YW_TEST_MEMBER_ID (ywmessaging settings.testMemberId): export them before the run");
        assertThatThrownBy(() -> EnvironmentLoader.load(EnvironmentRequest.from(
                Map.of("env.file", file.toString(), "checks", "dawg")::get), Variables.of(Map.of())))
                .hasMessage("environment 'custom': missing variable DAWG_TEST_USER_ID (dawg settings.testUserId): export it before the run");
    }

    @Test
    void anOptionalPlaceholderMayStayUnset() throws IOException {
        Path file = write("""
                systems:
                  ywmessaging:
                    baseUrl: ${YW_URL:-https://api.example.test}
                    credentials:
                      email: ${YW_TEST_EMAIL}
                      databaseUrl: ${YW_DATABASE_URL:-}
                """);

        SystemTarget yw = load(file, Map.of("YW_TEST_EMAIL", "qa@example.test")).system("ywmessaging").orElseThrow();

        assertThat(yw.baseUrl()).hasToString("https://api.example.test");
        assertThat(yw.credential("databaseUrl")).as("an unset optional credential is absent").isEmpty();
        assertThat(load(file, Map.of("YW_TEST_EMAIL", "qa@example.test", "YW_DATABASE_URL", "jdbc:postgresql://db/yw"))
                .system("ywmessaging").orElseThrow().credential("databaseUrl")).contains("jdbc:postgresql://db/yw");
    }

    @Test
    void aCredentialsDefaultWouldBeALiteralSecretAndIsRefused() throws IOException {
        Path file = write("""
                systems:
                  ywmessaging:
                    baseUrl: https://api.example.test
                    credentials:
                      password: ${YW_TEST_PASSWORD:-hunter2}
                """);

        assertThatThrownBy(() -> load(file, Map.of()))
                .hasMessage("custom.yaml: systems.ywmessaging.credentials.password: secrets are given only as ${VARIABLE} placeholders, never as literal values");
    }

    @Test
    void aTypoInTheCheckSelectionOrTheExpectedVersionIsOneLine() {
        assertThatThrownBy(() -> EnvironmentRequest.from(Map.of("checks", "smoke &")::get))
                .isInstanceOf(EnvironmentException.class).hasMessageStartingWith("-Dchecks=\"smoke &\" is not a tag expression");
        assertThatThrownBy(() -> dev.deployverify.run.Readiness.parseExpectedVersions("ywmesaging=1.4.2"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("-Dexpect.version=ywmesaging=1.4.2: unknown system 'ywmesaging'");
        assertThatThrownBy(() -> dev.deployverify.run.Readiness.parseExpectedVersions("dawg=2.0.0,ywmessaging"))
                .isInstanceOf(EnvironmentException.class).hasMessageContaining("'ywmessaging' is not system=version");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("custom.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static Environment load(Path file, Map<String, String> variables) {
        return EnvironmentLoader.load(EnvironmentRequest.from(Map.of("env.file", file.toString())::get), Variables.of(variables));
    }
}
