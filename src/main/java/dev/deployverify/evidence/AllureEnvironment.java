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

    public static void write(Environment environment, Set<String> faults, Function<SystemTarget, String> versionOf,
                             Redactor redactor) {
        Path dir = resultsDirectory();
        if (dir == null) {
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("Environment", environment.name() + " (" + environment.description() + ")");
        // The overview shows the first five rows: what was verified comes before how.
        List<String> versions = new ArrayList<>();
        environment.systems().values().forEach(target -> versions.add(target.name() + " " + versionOf.apply(target)));
        properties.put("Deployed.versions", String.join(", ", versions));
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
     * {@code categories.json}: failed checks grouped by kind in the report (availability, performance, security,
     * contract). (executor.json is written by the report plugin from the pom's executor.* properties.)
     */
    public static void writeCategories() {
        Path dir = resultsDirectory();
        if (dir == null) {
            return;
        }
        String categories = """
                [
                  {"name": "Inconclusive: the target was not ready or the load could not be generated",
                   "matchedStatuses": ["skipped", "broken"], "messageRegex": "(?s).*(inconclusive|did not become ready|could not generate).*"},
                  {"name": "Availability: the target did not answer, or answered 5xx",
                   "matchedStatuses": ["failed", "broken"],
                   "messageRegex": "(?s).*(could not complete|Connection refused|timed out|Timeout|but was: 50[0-9]|HTTP 50[0-9]|answered 50[0-9]|did not open|did not connect|to connect within).*"},
                  {"name": "Performance: latency or error rate over budget",
                   "matchedStatuses": ["failed"], "messageRegex": "(?s).*(expected p[0-9.]+ <|error rate|ms over|samples).*"},
                  {"name": "Security: authentication, signatures, headers, CORS, leaks",
                   "matchedStatuses": ["failed"],
                   "messageRegex": "(?s).*(401|403|signature|forged|Access-Control|Strict-Transport|Content-Security-Policy|X-Frame-Options|internals|certificate|refused|token|SSRF|rate limit|RateLimit).*"},
                  {"name": "Contract: the answer is not what the contract says",
                   "matchedStatuses": ["failed"], "messageRegex": "(?s).*"},
                  {"name": "Broken check: the suite itself could not run it",
                   "matchedStatuses": ["broken"], "messageRegex": "(?s).*"}
                ]
                """;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("categories.json"), categories);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write categories.json in " + dir, e);
        }
    }

    private static String withoutUserInfo(String url) {
        return url.replaceFirst("://[^/@]*@", "://");
    }
}
