package dev.deployverify.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The last step of {@code mvn verify}: settles this run's verdict (a verdict.json that is not this run's, or not
 * final, is inconclusive, never a pass), generates the report named after it, and prints the verdict in a few lines,
 * the very last thing on the console. The exit code follows the verdict: 0 pass, 1 fail, 2 inconclusive.
 */
public final class VerdictGate {

    /** Failed checks listed on the console; the rest are in the report. */
    private static final int LISTED_FAILURES = 10;
    private static final int MESSAGE_CHARS = 300;

    private VerdictGate() {
    }

    public static void main(String[] args) {
        int exit = run(System::getProperty, System.out);
        System.out.flush();
        if (exit != 0) {
            // Ends Maven here: its "BUILD FAILURE ... re-run with -e" would otherwise bury the verdict.
            System.exit(exit);
        }
    }

    /**
     * @param configuration {@code reports.dir}, {@code run.id}, and for the report {@code allure.home},
     *                      {@code allure.singleFile} and {@code executor.*} (no {@code allure.home}: no report)
     */
    public static int run(Function<String, String> configuration, PrintStream out) {
        Path reportsDir = Path.of(orDefault(configuration.apply("reports.dir"), "reports/local"));
        String runId = configuration.apply("run.id");
        JsonNode verdict = settle(reportsDir, runId);
        String allureHome = configuration.apply("allure.home");
        Path results = reportsDir.resolve("allure-results");
        if (allureHome != null && !allureHome.isBlank() && Files.isDirectory(results)) {
            try {
                Map<String, String> executor = new LinkedHashMap<>();
                for (String key : List.of("name", "type", "buildName", "buildUrl", "buildOrder")) {
                    executor.put(key, configuration.apply("executor." + key));
                }
                JsonNode shown = AllureReport.generate(new AllureReport.Options(Path.of(allureHome), results,
                        reportsDir.resolve("allure-report"), reportsDir.resolve("history").resolve(verdict.path("selection").path("historyKey").asText("every-check")),
                        reportName(verdict), Boolean.parseBoolean(configuration.apply("allure.singleFile")), executor));
                verdict = agreeWithReport(verdict, shown, reportsDir);
            } catch (RuntimeException e) {
                verdict = rewrite(verdict, "inconclusive", "the report could not be generated: " + e.getMessage(), reportsDir);
            }
        }
        print(verdict, reportsDir, out);
        return exitCode(outcome(verdict));
    }

    /** Settles and prints, without a report (the run ended before its checks): the exit code. */
    public static int finish(Path reportsDir, String runId, PrintStream out) {
        JsonNode verdict = settle(reportsDir, runId);
        print(verdict, reportsDir, out);
        return exitCode(outcome(verdict));
    }

    public static int exitCode(Verdict.Outcome outcome) {
        return switch (outcome) {
            case PASS -> 0;
            case FAIL -> 1;
            case INCONCLUSIVE -> 2;
        };
    }

    /**
     * This run's final verdict.json. Missing, another run's, or not final (the run stopped at a stage): inconclusive
     * with the reason, written back so that whoever reads verdict.json later reads the same.
     */
    static JsonNode settle(Path reportsDir, String runId) {
        String id = runId == null || runId.isBlank() || runId.startsWith("${") ? null : runId.trim();
        JsonNode found = RunEvidence.read(reportsDir).orElse(null);
        if (found == null || (id != null && !id.equals(found.path("runId").asText()))) {
            String why = found == null ? "no verdict was written (" + reportsDir.resolve(Verdict.FILE) + "): no check ran, see above"
                    : "no verdict of run " + id + " was written; the verdict.json there is run "
                    + found.path("runId").asText("(unknown)") + "'s, not this run's";
            RunPlan plan = RunPlan.unresolved(id == null ? "unknown" : id, reportsDir.getFileName().toString(), "", "unknown");
            Verdict.writeUnfinished(plan, Verdict.Stage.FINISHED, why, reportsDir);
            return RunEvidence.read(reportsDir).orElseThrow();
        }
        if (!Verdict.Stage.FINISHED.key().equals(found.path("stage").asText())) {
            ObjectNode settled = ((ObjectNode) found).put("stage", Verdict.Stage.FINISHED.key()).put("verdict", "inconclusive");
            Verdict.rewrite(settled, reportsDir);
            return settled;
        }
        return found;
    }

    /**
     * The console, verdict.json and the report count the same checks. If the report holds a result the run did
     * not record (or the other way round), the evidence is not whole: inconclusive.
     */
    private static JsonNode agreeWithReport(JsonNode verdict, JsonNode shown, Path reportsDir) {
        JsonNode counts = verdict.path("counts");
        int total = counts.path("total").asInt();
        int passed = counts.path("passed").asInt();
        if (shown.path("total").asInt() == total && shown.path("passed").asInt() == passed) {
            return verdict;
        }
        String mismatch = "the report holds " + shown.path("total").asInt() + " results (" + shown.path("passed").asInt()
                + " passed) but the run recorded " + total + " checks (" + passed + " passed): the evidence is not whole";
        // A run that did not pass already says why; the mismatch is then a consequence (e.g. no check could start).
        boolean passedSoFar = "pass".equals(verdict.path("verdict").asText());
        return rewrite(verdict, passedSoFar ? "inconclusive" : verdict.path("verdict").asText(),
                passedSoFar ? mismatch : verdict.path("reason").asText() + "; " + mismatch, reportsDir);
    }

    private static JsonNode rewrite(JsonNode verdict, String outcome, String reason, Path reportsDir) {
        ObjectNode changed = ((ObjectNode) verdict).put("verdict", outcome).put("reason", reason);
        Verdict.rewrite(changed, reportsDir);
        return changed;
    }

    /** e.g. "FAIL · production · partial: -Dchecks="<system>" · <system> 1.4.2 · run 20261204T114200Z-3f9a". */
    static String reportName(JsonNode verdict) {
        List<String> versions = new ArrayList<>();
        verdict.path("versions").fields().forEachRemaining(e -> versions.add(e.getKey() + " " + e.getValue().asText()));
        String selection = verdict.path("selection").path("checks").asText().isEmpty() ? "every check"
                : "partial: -Dchecks=\"" + verdict.path("selection").path("checks").asText() + "\"";
        return outcome(verdict).name() + " · " + verdict.path("environment").asText() + " · " + selection
                + (versions.isEmpty() ? "" : " · " + String.join(", ", versions)) + " · run " + verdict.path("runId").asText();
    }

    static void print(JsonNode verdict, Path reportsDir, PrintStream out) {
        String outcome = outcome(verdict).name();
        String selection = verdict.path("selection").path("checks").asText().isEmpty() ? "every check"
                : "partial run: -Dchecks=\"" + verdict.path("selection").path("checks").asText() + "\"";
        JsonNode counts = verdict.path("counts");
        List<String> lines = new ArrayList<>();
        lines.add("run " + verdict.path("runId").asText() + " of " + verdict.path("environment").asText() + " (" + selection
                + "): " + counts.path("total").asInt() + " checks: " + counts.path("passed").asInt() + " passed, "
                + counts.path("failed").asInt() + " failed, " + counts.path("inconclusive").asInt() + " inconclusive, "
                + counts.path("skipped").asInt() + " skipped");
        List<String> versions = new ArrayList<>();
        verdict.path("versions").fields().forEachRemaining(e -> versions.add(e.getKey() + " " + e.getValue().asText()));
        if (!versions.isEmpty()) {
            lines.add("  versions: " + String.join(", ", versions));
        }
        JsonNode failed = verdict.path("failedChecks");
        for (int i = 0; i < failed.size() && i < LISTED_FAILURES; i++) {
            JsonNode check = failed.get(i);
            String items = check.path("items").isEmpty() ? "" : " " + String.join(" ", iterable(check.path("items")));
            lines.add("  " + check.path("status").asText().toUpperCase() + items + ": " + shorten(check.path("message").asText(check.path("check").asText())));
        }
        if (failed.size() > LISTED_FAILURES) {
            lines.add("  ... and " + (failed.size() - LISTED_FAILURES) + " more: see the report");
        }
        List<String> evidence = new ArrayList<>();
        for (String file : List.of("allure-report/index.html", "sign-off/index.html", Verdict.FILE)) {
            if (Files.exists(reportsDir.resolve(file))) {
                evidence.add(reportsDir.resolve(file).toString());
            }
        }
        lines.add("  evidence: " + String.join(", ", evidence));
        lines.add("verdict: " + outcome + " (" + verdict.path("reason").asText() + ")");
        lines.forEach(line -> out.println("[deploy-verify] " + line));
    }

    private static Verdict.Outcome outcome(JsonNode verdict) {
        try {
            return Verdict.Outcome.valueOf(verdict.path("verdict").asText("inconclusive").toUpperCase());
        } catch (IllegalArgumentException e) {
            return Verdict.Outcome.INCONCLUSIVE;
        }
    }

    private static List<String> iterable(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MESSAGE_CHARS ? line : line.substring(0, MESSAGE_CHARS) + "...";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
