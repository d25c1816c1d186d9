package dev.deployverify.selftest.pipeline;

import dev.deployverify.systems.Systems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Real deployments", item 3: the promotion workflow verifies one system, maps exactly the variables that
 * system needs in staging and production (read from the environment files, so a variable added there without a
 * mapping here fails `mvn test`), gates production on the staging verdict, and keeps the evidence whatever it is.
 */
class PromotionWorkflowTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", "."));
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)");

    private final JsonNode workflow = read(".github/workflows/promote.yml");

    @Test
    void aRunNamesOneSystemAndItsVersion() {
        JsonNode inputs = workflow.path("on").path("workflow_dispatch").path("inputs");
        List<String> options = new ArrayList<>();
        inputs.path("system").path("options").forEach(o -> options.add(o.asText()));

        assertThat(options).as("the systems a run can verify").containsExactlyInAnyOrderElementsOf(Systems.names());
        assertThat(inputs.path("system").path("required").asBoolean()).isTrue();
        assertThat(inputs.path("version").path("required").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"staging", "production"})
    void eachSystemsStepMapsExactlyTheVariablesItsEnvironmentNames(String environment) {
        JsonNode job = workflow.path("jobs").path(environment);
        String verify = job.path("env").path("VERIFY").asText();
        assertThat(verify).as("the %s job's command", environment)
                .contains("-Denv=" + environment, "-Dchecks=${{ inputs.system }}",
                        "-Dexpect.version=${{ inputs.system }}=${{ inputs.version }}")
                .doesNotContain("selftest");
        JsonNode systems = read("environments/" + environment + ".yaml").path("systems");
        for (String system : Systems.names()) {
            List<JsonNode> steps = new ArrayList<>();
            job.path("steps").forEach(step -> {
                if (step.path("if").asText().replace(" ", "").equals("inputs.system=='" + system + "'")) {
                    steps.add(step);
                }
            });
            assertThat(steps).as("the %s job's step verifying %s", environment, system).hasSize(1);
            JsonNode step = steps.get(0);
            assertThat(step.path("run").asText().trim()).isEqualTo("$VERIFY");
            Set<String> mapped = new TreeSet<>();
            step.path("env").fields().forEachRemaining(e -> {
                mapped.add(e.getKey());
                assertThat(e.getValue().asText()).as("%s in %s's %s step", e.getKey(), system, environment)
                        .isEqualTo("${{ secrets." + e.getKey() + " }}");
            });
            assertThat(mapped).as("variables mapped for %s in %s, against those environments/%s.yaml names",
                    system, environment, environment).isEqualTo(placeholders(systems.path(system)));
        }
    }

    @Test
    void productionIsGatedOnAPassingStagingVerdictAndEvidenceIsKeptWhateverTheVerdict() {
        JsonNode jobs = workflow.path("jobs");
        assertThat(jobs.path("production").path("needs").asText()).isEqualTo("staging");
        assertThat(jobs.path("production").path("if").asText().replace(" ", ""))
                .isEqualTo("needs.staging.outputs.verdict=='pass'");
        for (String environment : List.of("staging", "production")) {
            List<String> uploads = new ArrayList<>();
            jobs.path(environment).path("steps").forEach(step -> {
                if (step.path("uses").asText().startsWith("actions/upload-artifact")) {
                    assertThat(step.path("if").asText()).as("evidence upload of %s", environment).isEqualTo("always()");
                    uploads.add(step.path("with").path("path").asText());
                }
            });
            assertThat(uploads).as("evidence uploads of %s", environment).singleElement().asString()
                    .contains("reports/" + environment + "/verdict.json", "reports/" + environment + "/sign-off",
                            "reports/" + environment + "/allure-report");
        }
    }

    private static Set<String> placeholders(JsonNode systemNode) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(systemNode.toString());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static JsonNode read(String relative) {
        try {
            return YAML.readTree(PROJECT.resolve(relative).toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
