package dev.deployverify.evidence;

import dev.deployverify.env.Colour;
import dev.deployverify.env.Environment;
import dev.deployverify.env.SystemTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes {@code environment.properties} into the Allure results: which environment was verified, each system's
 * base URL and the version it reported. It appears on the report's overview page, which QA attaches to sign-off.
 */
public final class AllureEnvironment {

    private AllureEnvironment() {
    }

    /** Where allure-junit-platform writes results, or null when this JVM writes none (the suite's own tests). */
    public static Path resultsDirectory() {
        String dir = System.getProperty("allure.results.directory");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    public static void write(RunPlan plan, Environment environment, Set<String> faults, Function<SystemTarget, String> versionOf,
                             Redactor redactor) {
        Path dir = resultsDirectory();
        if (dir == null) {
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("Environment", environment.name() + " (" + environment.description() + ")");
        // The overview shows the first five rows: what was verified comes before how.
        properties.put("Selection", plan.selection() + "; systems: " + (plan.systems().isEmpty() ? "none" : String.join(", ", plan.systems())));
        List<String> versions = new ArrayList<>();
        environment.systems().values().forEach(target -> versions.add(target.name() + " " + versionOf.apply(target)));
        properties.put("Deployed.versions", String.join(", ", versions));
        List<String> expected = new ArrayList<>();
        plan.expectedVersions().forEach((system, version) -> expected.add(system + " " + version));
        properties.put("Expected.versions", expected.isEmpty() ? "none given (-Dexpect.version)" : String.join(", ", expected));
        properties.put("Run.id", plan.runId());
        plan.notVerified().forEach((system, reason) -> properties.put(system + ".notVerified", reason));
        properties.put("Suite.commit", plan.suiteCommit());
        properties.put("Colour.verified", environment.colour() == Colour.GREEN
                ? "green (each system at its greenUrl, before the traffic switch)" : "live (each system at its baseUrl)");
        for (SystemTarget target : environment.systems().values()) {
            properties.put(target.name() + ".baseUrl", withoutUserInfo(target.baseUrl().toString()));
        }
        properties.put("Environment.file", environment.source().toString());
        properties.put("Mutating.checks", environment.mutatingChecksAllowed() ? "allowed" : "not allowed (read-only run)");
        if (environment.isReference()) {
            properties.put("Reference.faults", faults.isEmpty() ? "none (healthy reference deployment)" : String.join(", ", faults));
        }
        properties.put("Java", System.getProperty("java.version"));
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append(" = ")
                .append(redactor.redact(value).replace("\\", "\\\\").replace("\n", " ")).append('\n'));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("environment.properties"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report's environment.properties in " + dir, e);
        }
    }

    /**
     * {@code categories.json}: failures grouped by cause in the report, matched on the first line of the trace that
     * {@link FailureCause} gives every rewritten failure; checks skipped as inconclusive by their message.
     * (executor.json is written with the report, see {@link AllureReport}.)
     */
    public static void writeCategories() {
        Path dir = resultsDirectory();
        if (dir != null) {
            writeCategories(dir);
        }
    }

    public static void writeCategories(Path dir) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode categories = json.createArrayNode();
        categories.addObject().put("name", FailureCause.INCONCLUSIVE.title())
                .put("messageRegex", "(?s)(.*: )?inconclusive: .*").putArray("matchedStatuses").add("skipped");
        for (FailureCause cause : FailureCause.values()) {
            var category = categories.addObject().put("name", cause.title())
                    .put("traceRegex", "(?s)cause: " + cause.key() + ": .*");
            var statuses = category.putArray("matchedStatuses");
            if (cause != FailureCause.BROKEN && cause != FailureCause.INCONCLUSIVE) {
                statuses.add("failed");
            }
            statuses.add("broken");
        }
        // Anything else that is broken (a failure raised outside a check, e.g. a class's teardown) is the suite's.
        categories.addObject().put("name", FailureCause.BROKEN.title()).put("traceRegex", "(?s)(?!cause: ).*")
                .putArray("matchedStatuses").add("broken");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("categories.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(categories));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write categories.json in " + dir, e);
        }
    }

    private static String withoutUserInfo(String url) {
        return url.replaceFirst("://[^/@]*@", "://");
    }
}
