package dev.deployverify.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last step of {@code mvn verify}: prints the run's verdict in a few lines and fails the build unless it is
 * "pass", so the Maven exit code follows the verdict (CI gates promotion on it).
 */
public final class VerdictGate {

    private VerdictGate() {
    }

    public static void main(String[] args) throws IOException {
        Path reports = Path.of(System.getProperty("reports.dir", "reports/local"));
        Path file = reports.resolve("verdict.json");
        if (!Files.exists(file)) {
            fail("[deploy-verify] verdict: INCONCLUSIVE: no verdict was written (" + file + "): no check ran, see above");
        }
        JsonNode verdict = new ObjectMapper().readTree(file.toFile());
        String outcome = verdict.path("verdict").asText("inconclusive").toUpperCase();
        JsonNode counts = verdict.path("counts");
        StringBuilder summary = new StringBuilder();
        summary.append("[deploy-verify] verdict for ").append(verdict.path("environment").asText()).append(": ").append(outcome)
                .append(" (").append(verdict.path("reason").asText()).append(")\n");
        summary.append("[deploy-verify]   checks: ").append(counts.path("total").asInt()).append(" = ")
                .append(counts.path("passed").asInt()).append(" passed, ").append(counts.path("failed").asInt()).append(" failed, ")
                .append(counts.path("skipped").asInt()).append(" skipped, ").append(counts.path("inconclusive").asInt()).append(" inconclusive\n");
        verdict.path("versions").fields().forEachRemaining(e ->
                summary.append("[deploy-verify]   ").append(e.getKey()).append(" version: ").append(e.getValue().asText()).append('\n'));
        for (JsonNode failed : verdict.path("failedChecks")) {
            summary.append("[deploy-verify]   ").append(failed.path("status").asText()).append(": ").append(failed.path("check").asText())
                    .append(failed.path("items").isEmpty() ? "" : " " + failed.path("items")).append('\n');
        }
        summary.append("[deploy-verify]   evidence: ").append(reports.resolve("allure-report/index.html")).append(" and ")
                .append(reports.resolve("sign-off/index.html"));
        System.out.println(summary);
        if (!"PASS".equals(outcome)) {
            fail("[deploy-verify] verdict " + outcome + ": " + verdict.path("reason").asText());
        }
    }

    private static void fail(String message) {
        IllegalStateException stop = new IllegalStateException(message);
        stop.setStackTrace(new StackTraceElement[0]); // Maven prints the message; a stack trace would only hide it
        throw stop;
    }
}
