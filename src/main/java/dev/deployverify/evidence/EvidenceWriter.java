package dev.deployverify.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deployverify.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes what a finished run leaves for sign-off, beside the Allure report: {@code sign-off/<system>.md|html} and
 * an index, and {@code verdict.json}. Each sheet also travels inside the report, as the tear-down step "Sign-off
 * sheet: ..." of every check of its system: attached there, it is in the single-file report QA attaches, without
 * being counted as a check (the report, the console and verdict.json count the same checks).
 */
public final class EvidenceWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceWriter() {
    }

    public static void write(Environment environment, RunRecord record, ChecklistCatalogue catalogue, Path reportsDir,
                             Redactor redactor) {
        Path signOffDir = reportsDir.resolve("sign-off");
        RunPlan plan = record.plan();
        String verdict = Verdict.evaluate(record).name().toLowerCase();
        String heading = "Sign-off sheets: " + record.environment() + ", run " + plan.runId();
        StringBuilder index = new StringBuilder("# ").append(heading).append("\n\n")
                .append("Verdict: **").append(verdict).append("** (").append(Verdict.reason(record)).append(")\n\n")
                .append("Selection: ").append(plan.selection()).append("\n\n");
        StringBuilder indexHtml = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(heading)).append("</title></head><body><h1>").append(escape(heading)).append("</h1><p>Verdict: <b>")
                .append(verdict).append("</b> (").append(escape(Verdict.reason(record))).append(")</p><p>Selection: ")
                .append(escape(plan.selection())).append("</p><ul>");
        try {
            Files.createDirectories(signOffDir);
            for (String system : environment.systems().keySet()) {
                ChecklistCatalogue.Checklist checklist = catalogue.checklist(system).orElse(null);
                if (checklist == null) {
                    continue;
                }
                SignOffSheet sheet = new SignOffSheet(checklist, record, environment.systems().get(system).baseUrl().toString());
                String markdown = redactor.redact(sheet.markdown());
                String html = redactor.redact(sheet.html());
                Files.writeString(signOffDir.resolve(system + ".md"), markdown);
                Files.writeString(signOffDir.resolve(system + ".html"), html);
                index.append("- [").append(checklist.title()).append("](").append(system).append(".md): ")
                        .append(sheet.outcome().name().toLowerCase()).append('\n');
                indexHtml.append("<li><a href=\"").append(system).append(".html\">").append(escape(checklist.title()))
                        .append("</a>: ").append(sheet.outcome().name().toLowerCase()).append("</li>");
                attachToChecks(sheet, checklist.title(), markdown, html, record);
            }
            // Systems this run did not verify are named as such, never as "inconclusive".
            plan.notVerified().forEach((system, reason) -> {
                index.append("- ").append(system).append(": not verified in this run (").append(reason).append(")\n");
                indexHtml.append("<li>").append(escape(system)).append(": not verified in this run (").append(escape(reason)).append(")</li>");
            });
            Files.writeString(signOffDir.resolve("index.md"), index.toString());
            Files.writeString(signOffDir.resolve("index.html"), indexHtml.append("</ul></body></html>").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sign-off sheets in " + signOffDir, e);
        }
        Verdict.write(record, catalogue, reportsDir);
    }

    /**
     * The sheet as the tear-down step of each of the system's checks in the report (an Allure container whose
     * children are their results, found by the JUnit unique id Allure records), so it travels inside the report.
     */
    private static void attachToChecks(SignOffSheet sheet, String title, String markdown, String html, RunRecord record) throws IOException {
        Path results = AllureEnvironment.resultsDirectory();
        if (results == null || !Files.isDirectory(results)) {
            return;
        }
        java.util.Set<String> checkIds = new java.util.HashSet<>();
        record.results().stream().filter(r -> r.system().equals(sheet.system())).forEach(r -> checkIds.add(r.id()));
        List<String> children = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonNode result = JSON.readTree(file.toFile());
                for (JsonNode label : result.path("labels")) {
                    if ("junit.platform.uniqueid".equals(label.path("name").asText()) && checkIds.contains(label.path("value").asText())) {
                        children.add(result.path("uuid").asText());
                    }
                }
            }
        }
        if (children.isEmpty()) {
            return;
        }
        String uuid = UUID.randomUUID().toString();
        String htmlSource = uuid + "-signoff-attachment.html";
        String mdSource = uuid + "-signoff-attachment.md";
        Files.writeString(results.resolve(htmlSource), html);
        Files.writeString(results.resolve(mdSource), markdown);
        ObjectNode container = JSON.createObjectNode();
        container.put("uuid", uuid);
        container.put("name", "Sign-off sheet: " + title);
        container.set("children", JSON.valueToTree(children));
        container.put("start", record.startedAt().toEpochMilli());
        container.put("stop", System.currentTimeMillis());
        ObjectNode fixture = container.putArray("afters").addObject();
        fixture.put("name", "Sign-off sheet: " + title + " (result for " + sheet.system() + ": " + sheet.outcome().name().toLowerCase() + ")");
        fixture.put("status", switch (sheet.outcome()) {
            case PASS -> "passed";
            case FAIL -> "failed";
            case INCONCLUSIVE -> "broken";
        });
        fixture.put("stage", "finished");
        fixture.put("start", record.startedAt().toEpochMilli());
        fixture.put("stop", System.currentTimeMillis());
        var attachments = fixture.putArray("attachments");
        attachments.addObject().put("name", "Sign-off sheet: " + title + " (HTML)").put("source", htmlSource).put("type", "text/html");
        attachments.addObject().put("name", "Sign-off sheet: " + title + " (Markdown)").put("source", mdSource).put("type", "text/markdown");
        Files.writeString(results.resolve(uuid + "-container.json"), JSON.writeValueAsString(container));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
