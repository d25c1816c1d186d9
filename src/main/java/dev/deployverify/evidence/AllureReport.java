package dev.deployverify.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The run's Allure report, generated with the Allure command line (unpacked by Maven from Central) after the
 * checks: named after the verdict, with the trend history of earlier runs of the same selection, as a folder or as
 * the single file CI archives. The history comes out of every run, single file or not: the folder report is always
 * generated first (it is the one that writes {@code history/}), then the single file from the same results.
 */
public final class AllureReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GENERATION_TIMEOUT_SECONDS = 300;

    /**
     * @param allureHome the Allure command line's folder (with {@code lib/} and {@code plugins/})
     * @param historyDir where this selection's trend history is kept between runs
     * @param executor   the report's executor widget (name, type, buildName, buildUrl, buildOrder); blank values are left out
     */
    public record Options(Path allureHome, Path resultsDir, Path reportDir, Path historyDir, String name,
                          boolean singleFile, Map<String, String> executor) {
    }

    private AllureReport() {
    }

    /** Generates the report; returns the statistic the report shows (total, passed, failed, broken, skipped). */
    public static JsonNode generate(Options options) {
        try {
            Files.createDirectories(options.resultsDir());
            writeExecutor(options);
            copyTree(options.historyDir(), options.resultsDir().resolve("history"));
            run(options, false);
            JsonNode statistic = JSON.readTree(options.reportDir().resolve("widgets/summary.json").toFile()).path("statistic");
            RunEvidence.delete(options.historyDir());
            copyTree(options.reportDir().resolve("history"), options.historyDir());
            if (options.singleFile()) {
                run(options, true);
            }
            return statistic;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the Allure report in " + options.reportDir() + ": " + e.getMessage(), e);
        }
    }

    private static void run(Options options, boolean singleFile) throws IOException {
        Path home = options.allureHome();
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = home.resolve("lib") + "/*" + File.pathSeparator + home.resolve("lib/config");
        List<String> command = new ArrayList<>(List.of(javaCommand, "-cp", classPath,
                "io.qameta.allure.CommandLine", "generate", "--clean", "--name", options.name(),
                "-o", options.reportDir().toString()));
        if (singleFile) {
            command.add("--single-file");
        }
        command.add(options.resultsDir().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("APP_HOME", home.toString()); // where the command line finds its plugins
        // Never phone home: the generator's analytics call, and the report page's analytics script.
        builder.environment().put("ALLURE_NO_ANALYTICS", "true");
        Process process = builder.start();
        // Its output is one "generated" line or, on failure, what went wrong: shown only then (a quiet console).
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(GENERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the Allure command line did not finish within " + GENERATION_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the report", e);
        }
        if (process.exitValue() != 0 || !Files.exists(options.reportDir().resolve("index.html"))) {
            throw new IOException("the Allure command line failed (exit " + process.exitValue() + "): "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
    }

    private static void writeExecutor(Options options) throws IOException {
        ObjectNode executor = JSON.createObjectNode();
        options.executor().forEach((key, value) -> {
            if (value != null && !value.isBlank() && !value.contains("${")) {
                executor.put(key, value);
            }
        });
        executor.put("reportName", options.name());
        if (executor.has("buildOrder") && executor.path("buildOrder").asText().matches("\\d+")) {
            executor.put("buildOrder", Long.parseLong(executor.path("buildOrder").asText()));
        }
        JSON.writeValue(options.resultsDir().resolve("executor.json").toFile(), executor);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
