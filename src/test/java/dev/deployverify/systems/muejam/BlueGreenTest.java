package dev.deployverify.systems.muejam;

import dev.deployverify.systems.muejam.checks.MuejamChecks;
import dev.deployverify.env.Colour;
import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.EnvironmentLoader;
import dev.deployverify.env.EnvironmentRequest;
import dev.deployverify.env.Variables;
import dev.deployverify.evidence.AllureEnvironment;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run with -Dcolour=green verifies each system's green URL, says so in the evidence, and leaves out systems without one. */
@Isolated // reads the Allure environment.properties that every run in this JVM writes
class BlueGreenTest {

    @Test
    void greenRunVerifiesTheGreenStackAndTheEvidenceSaysSo() throws IOException {
        CheckRun.Outcome outcome = CheckRun.againstReference().with("colour", "green").run(MuejamChecks.HEALTH);

        assertThat(outcome.failed()).as("health checks against the green stack").isEmpty();
        assertThat(outcome.passed()).hasSize(5);
        Path properties = AllureEnvironment.resultsDirectory().resolve("environment.properties");
        String evidence = Files.readString(properties);
        assertThat(evidence).contains("Colour.verified = green").contains("muejam reference-1.0.0-green")
                .doesNotContain("ywmessaging.baseUrl").doesNotContain("wcagaii.baseUrl");
    }

    @Test
    void liveRunVerifiesTheBlueStack() throws IOException {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(MuejamChecks.HEALTH);

        assertThat(outcome.failed()).isEmpty();
        String evidence = Files.readString(AllureEnvironment.resultsDirectory().resolve("environment.properties"));
        assertThat(evidence).contains("Colour.verified = live").contains("muejam reference-1.0.0-blue");
    }

    @Test
    void systemsWithoutGreenUrlAreLeftOutWithTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bg.yaml");
        Files.writeString(file, """
                systems:
                  muejam:
                    baseUrl: https://api.muejam.example
                    greenUrl: https://green.muejam.example/
                  wcagaii:
                    baseUrl: https://wcagaii.example
                """);
        EnvironmentLoader.ParsedEnvironment parsed = EnvironmentLoader.parse(new EnvironmentRequest("bg", file));
        Variables none = name -> Optional.empty();

        Environment green = parsed.resolve(none, Colour.GREEN);
        assertThat(green.systems()).containsOnlyKeys("muejam");
        assertThat(green.system("muejam").orElseThrow().baseUrl()).isEqualTo(URI.create("https://green.muejam.example"));
        assertThat(green.system("muejam").orElseThrow().colour()).isEqualTo(Colour.GREEN);
        assertThat(green.absenceReason("wcagaii")).contains("no greenUrl").contains("-Dcolour=green");

        Environment live = parsed.resolve(none);
        assertThat(live.system("muejam").orElseThrow().baseUrl()).isEqualTo(URI.create("https://api.muejam.example"));
        assertThat(live.colour()).isEqualTo(Colour.LIVE);
        assertThat(live.systems()).containsOnlyKeys("muejam", "wcagaii");
    }

    @Test
    void greenRunWithoutAnyGreenUrlAndAnUnknownColourStopInOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nogreen.yaml");
        Files.writeString(file, "systems:\n  wcagaii:\n    baseUrl: https://wcagaii.example\n");
        EnvironmentLoader.ParsedEnvironment parsed = EnvironmentLoader.parse(new EnvironmentRequest("nogreen", file));

        assertThatThrownBy(() -> parsed.resolve(name -> Optional.empty(), Colour.GREEN))
                .isInstanceOf(EnvironmentException.class).hasMessageContaining("greenUrl");
        assertThatThrownBy(() -> Colour.parse("teal")).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("teal").hasMessageContaining("live, green");
        assertThat(Map.of("blank", Colour.parse(" "), "green", Colour.parse("GREEN")))
                .containsEntry("blank", Colour.LIVE).containsEntry("green", Colour.GREEN);
    }
}
