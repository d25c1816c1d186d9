package dev.deployverify.selftest.trust;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import dev.deployverify.systems.Systems;
import dev.deployverify.reference.ReferenceDeployment;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret reaches the evidence: every check of every system runs the way {@code mvn verify} runs them (with the
 * Allure listener writing results and attachments), against the reference with faults that make checks fail on
 * the paths that carry credentials (login, database, chat, auth), and then everything written (Allure results and
 * attachments, environment properties, sign-off sheets, verdict) is scanned for every secret the run used, as is
 * and URL-encoded (as it would sit in a URL or a form body), and for any bearer token (a JWT) obtained during the run.
 */
@ResourceLock(value = RealServers.BROWSER_CPU, mode = ResourceAccessMode.READ_WRITE)
class SecretsInEvidenceTest {

    /** Variables of the reference that are credentials (the rest are URLs, ids and names). */
    private static final Pattern SECRET_VARIABLE = Pattern.compile("(?i).*(password|secret|key|token|databaseurl|redisurl).*");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
    private static final String[] FAULTS = {"ywmessaging.login-broken", "ywmessaging.leaky-401",
            "ywmessaging.db-unreachable", "dawg.chat-down", "muejam.auth-bypass", "sp404.project-export-fails",
            "wcagaii.auth-disabled"};

    @TempDir
    Path dir;

    @Test
    void noSecretOrTokenAppearsAnywhereInTheReportsOfARunWithFailures() throws IOException {
        RealServers.requirePostgresAndRedis();
        Path reports = dir.resolve("reports");
        Path results = reports.resolve("allure-results");
        Files.createDirectories(results);

        Map<String, String> variables;
        long failed;
        try (ReferenceDeployment reference = CheckRun.startReference(FAULTS)) {
            variables = reference.variables();
            failed = runEveryCheckWritingEvidence(reports, results, reference);
        }

        assertThat(failed).as("checks failing (their messages are part of what is scanned)").isPositive();
        Map<String, String> secrets = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (SECRET_VARIABLE.matcher(name).matches() && value != null && value.length() >= 6) {
                secrets.put(name, value);
                secrets.put(name + " (URL-encoded)", URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        assertThat(secrets).as("secrets of the run to look for").hasSizeGreaterThanOrEqualTo(10);

        List<Path> written;
        try (Stream<Path> files = Files.walk(reports)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).as("evidence written").extracting(p -> p.getFileName().toString())
                .anyMatch(name -> name.endsWith("-attachment.txt") || name.contains("-attachment"))
                .anyMatch(name -> name.equals("verdict.json"))
                .anyMatch(name -> name.endsWith(".html"));
        List<String> leaks = new ArrayList<>();
        // The control: what is not secret (a base URL) is found in the same files, so the scan reads the evidence.
        String baseUrl = variables.get("reference.ywmessaging.url");
        boolean controlFound = false;
        for (Path file : written) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            controlFound |= text.contains(baseUrl);
            secrets.forEach((name, value) -> {
                if (text.contains(value)) {
                    leaks.add(reports.relativize(file) + " contains " + name);
                }
            });
            JWT.matcher(text).results().findFirst().ifPresent(jwt ->
                    leaks.add(reports.relativize(file) + " contains a bearer token " + jwt.group().substring(0, 12) + "..."));
        }
        System.out.printf("secrets scan: %d files, %d secret forms, %d leaks%n", written.size(), secrets.size(), leaks.size());
        assertThat(controlFound).as("the YWMessaging base URL %s found in the evidence (the scan's control)", baseUrl).isTrue();
        assertThat(leaks).as("secrets found in %d files of evidence", written.size()).isEmpty();
    }

    /**
     * Runs every check in a JVM of its own through the Launcher, as failsafe does (Allure's listener auto-registered),
     * with Allure writing to the given directory. In a JVM of its own, not this one: Allure's lifecycle is
     * process-wide, and the suite's other tests run beside this one.
     */
    private long runEveryCheckWritingEvidence(Path reports, Path results, ReferenceDeployment reference) {
        return CheckRun.against(reference)
                .with("reports.dir", reports.toString())
                .with("allure.results.directory", results.toString())
                .runThroughLauncher(Systems.checkClasses().toArray(Class<?>[]::new))
                .outcome().failed().size();
    }
}
