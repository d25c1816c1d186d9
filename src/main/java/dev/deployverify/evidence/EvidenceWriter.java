package dev.deployverify.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deployverify.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Writes what a finished run leaves for sign-off, beside the Allure report: {@code sign-off/<system>.md|html} and
 * an index, {@code verdict.json}, and one Allure result per system ("Sign-off sheet: ...") carrying the sheet, so
 * the report QA attaches contains it.
 */
public final class EvidenceWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceWriter() {
    }

    public static void write(Environment environment, RunRecord record, ChecklistCatalogue catalogue, String suiteCommit,
                             Path reportsDir, Redactor redactor) {
        Path signOffDir = reportsDir.resolve("sign-off");
        StringBuilder index = new StringBuilder("# Sign-off sheets: ").append(record.environment()).append("\n\n")
                .append("Verdict: **").append(Verdict.evaluate(record).name().toLowerCase()).append("** (")
                .append(Verdict.reason(record)).append(")\n\n");
        StringBuilder indexHtml = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-off sheets</title></head><body><h1>Sign-off sheets: ")
                .append(record.environment()).append("</h1><p>Verdict: <b>").append(Verdict.evaluate(record).name().toLowerCase())
                .append("</b> (").append(escape(Verdict.reason(record))).append(")</p><ul>");
        try {
            Files.createDirectories(signOffDir);
            for (String system : environment.systems().keySet()) {
                ChecklistCatalogue.Checklist checklist = catalogue.checklist(system).orElse(null);
                if (checklist == null) {
                    continue;
                }
                SignOffSheet sheet = new SignOffSheet(checklist, record, suiteCommit,
                        environment.systems().get(system).baseUrl().toString());
                String markdown = redactor.redact(sheet.markdown());
                String html = redactor.redact(sheet.html());
                Files.writeString(signOffDir.resolve(system + ".md"), markdown);
                Files.writeString(signOffDir.resolve(system + ".html"), html);
                index.append("- [").append(checklist.title()).append("](").append(system).append(".md): ")
                        .append(sheet.outcome().name().toLowerCase()).append('\n');
                indexHtml.append("<li><a href=\"").append(system).append(".html\">").append(escape(checklist.title()))
                        .append("</a>: ").append(sheet.outcome().name().toLowerCase()).append("</li>");
                allureResult(sheet, checklist.title(), markdown, html, record);
            }
            Files.writeString(signOffDir.resolve("index.md"), index.toString());
            Files.writeString(signOffDir.resolve("index.html"), indexHtml.append("</ul></body></html>").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sign-off sheets in " + signOffDir, e);
        }
        Verdict.write(record, catalogue, suiteCommit, reportsDir);
    }

    /** The sheet as an Allure test result, so it travels inside the report. */
    private static void allureResult(SignOffSheet sheet, String title, String markdown, String html, RunRecord record) throws IOException {
        Path results = AllureEnvironment.resultsDirectory();
        if (results == null) {
            return;
        }
        Files.createDirectories(results);
        String uuid = UUID.randomUUID().toString();
        String htmlSource = uuid + "-signoff-attachment.html";
        String mdSource = uuid + "-signoff-attachment.md";
        Files.writeString(results.resolve(htmlSource), html);
        Files.writeString(results.resolve(mdSource), markdown);
        String name = "Sign-off sheet: " + title;
        ObjectNode result = JSON.createObjectNode();
        result.put("uuid", uuid);
        result.put("historyId", md5("deploy-verify.signoff." + sheet.system()));
        result.put("name", name);
        result.put("fullName", "deploy-verify.signoff." + sheet.system());
        result.put("status", switch (sheet.outcome()) {
            case PASS -> "passed";
            case FAIL -> "failed";
            case INCONCLUSIVE -> "broken";
        });
        result.put("stage", "finished");
        result.put("start", record.startedAt().toEpochMilli());
        result.put("stop", System.currentTimeMillis());
        result.put("description", "Every item of the checklist with this run's result, or what is left to a person. "
                + "Items: " + sheet.counts());
        result.putObject("statusDetails").put("message", "Result for " + sheet.system() + ": " + sheet.outcome().name().toLowerCase());
        var labels = result.putArray("labels");
        labels.addObject().put("name", "suite").put("value", "Sign-off sheets");
        labels.addObject().put("name", "feature").put("value", "Sign-off");
        labels.addObject().put("name", "tag").put("value", "sign-off");
        var attachments = result.putArray("attachments");
        attachments.addObject().put("name", "Sign-off sheet (HTML)").put("source", htmlSource).put("type", "text/html");
        attachments.addObject().put("name", "Sign-off sheet (Markdown)").put("source", mdSource).put("type", "text/markdown");
        Files.writeString(results.resolve(uuid + "-result.json"), JSON.writeValueAsString(result));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
