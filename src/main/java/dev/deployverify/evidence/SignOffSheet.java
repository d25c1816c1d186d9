package dev.deployverify.evidence;

import dev.deployverify.evidence.ChecklistCatalogue.Checklist;
import dev.deployverify.evidence.ChecklistCatalogue.Disposition;
import dev.deployverify.evidence.ChecklistCatalogue.Item;
import dev.deployverify.evidence.ChecklistCatalogue.Section;
import dev.deployverify.evidence.RunRecord.CheckResult;
import dev.deployverify.evidence.RunRecord.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sign-off sheet of one system: its checklist, section by section, each item with what this run found (passed,
 * failed with the message, skipped with the reason, not run) or what is left to a person (manual) and why an item
 * does not apply. Rendered as Markdown and as HTML; QA attaches it to the release sign-off.
 */
public final class SignOffSheet {

    /** An item's state on the sheet. */
    public enum State {
        PASSED("passed"), FAILED("FAILED"), INCONCLUSIVE("inconclusive"), SKIPPED("skipped"), NOT_RUN("not run"),
        MANUAL("manual: awaiting a person"), NOT_APPLICABLE("not applicable");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One row: the item, its state and the evidence (check names and messages, or the reason). */
    public record Row(Item item, State state, String evidence) {
    }

    private final Checklist checklist;
    private final RunRecord record;
    private final String baseUrl;
    private final List<CheckResult> results;

    public SignOffSheet(Checklist checklist, RunRecord record, String baseUrl) {
        this.checklist = checklist;
        this.record = record;
        this.baseUrl = baseUrl;
        this.results = record.results().stream().filter(r -> r.system().equals(checklist.system())).toList();
    }

    public String system() {
        return checklist.system();
    }

    /** Passed, failed or inconclusive for this system's checks alone. */
    public Verdict.Outcome outcome() {
        if (results.stream().anyMatch(r -> r.status() == Status.FAILED)) {
            return Verdict.Outcome.FAIL;
        }
        if (results.stream().anyMatch(r -> r.status() == Status.INCONCLUSIVE) || results.stream().noneMatch(r -> r.status() == Status.PASSED)
                || record.notReadyReason(checklist.system()).isPresent()) {
            return Verdict.Outcome.INCONCLUSIVE;
        }
        return Verdict.Outcome.PASS;
    }

    public Row row(Item item) {
        Disposition disposition = item.disposition().orElse(Disposition.MANUAL);
        if (disposition == Disposition.MANUAL) {
            return new Row(item, State.MANUAL, item.reason());
        }
        if (disposition == Disposition.NOT_APPLICABLE) {
            return new Row(item, State.NOT_APPLICABLE, item.reason());
        }
        List<CheckResult> checks = results.stream().filter(r -> r.items().contains(item.id())).toList();
        if (checks.isEmpty()) {
            return new Row(item, State.NOT_RUN, record.notReadyReason(checklist.system())
                    .map(reason -> "inconclusive: " + reason).orElse("its checks were not selected in this run"));
        }
        State state = checks.stream().anyMatch(r -> r.status() == Status.FAILED) ? State.FAILED
                : checks.stream().anyMatch(r -> r.status() == Status.INCONCLUSIVE) ? State.INCONCLUSIVE
                : checks.stream().anyMatch(r -> r.status() == Status.PASSED) ? State.PASSED
                : State.SKIPPED;
        // Every check that did not pass, with its message; passing ones by name, summarised when there are many
        // (a parameterized check can have dozens of rows).
        List<CheckResult> passed = checks.stream().filter(r -> r.status() == Status.PASSED).toList();
        List<String> parts = new ArrayList<>();
        checks.stream().filter(r -> r.status() != Status.PASSED).forEach(r -> parts.add(r.status().name().toLowerCase()
                + ": " + r.name() + (r.message() == null || r.message().isBlank() ? "" : " (" + shorten(withoutName(r)) + ")")));
        if (passed.size() > 3) {
            parts.add("passed: " + passed.size() + " checks, e.g. " + passed.get(0).name());
        } else {
            passed.forEach(r -> parts.add("passed: " + r.name()));
        }
        String evidence = String.join("; ", parts);
        return new Row(item, state, evidence);
    }

    /** Checks that verify the system's contract rather than a line of its checklist. */
    public List<CheckResult> additionalChecks() {
        return results.stream().filter(r -> r.items().isEmpty()).toList();
    }

    public Map<State, Long> counts() {
        return checklist.items().stream().map(this::row)
                .collect(Collectors.groupingBy(Row::state, () -> new java.util.EnumMap<>(State.class), Collectors.counting()));
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Sign-off sheet: ").append(checklist.title()).append("\n\n");
        header().forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
        md.append('\n');
        // What QA needs first: what failed and what could not be decided, before the ~150 rows of the checklist.
        for (State first : List.of(State.FAILED, State.INCONCLUSIVE)) {
            List<Row> rows = rows(first);
            md.append("## ").append(summaryTitle(first, rows.size())).append("\n\n");
            if (!rows.isEmpty()) {
                md.append("| Item | Evidence |\n|---|---|\n");
                rows.forEach(row -> md.append("| ").append(row.item().id()).append(' ').append(cell(row.item().text()))
                        .append(" | ").append(cell(row.evidence())).append(" |\n"));
                md.append('\n');
            }
        }
        List<RunRecord.Figure> figures = figures();
        if (!figures.isEmpty()) {
            md.append("## Key figures (measured in this run)\n\n| Figure | Value | Measured over |\n|---|---|---|\n");
            figures.forEach(f -> md.append("| ").append(cell(f.name())).append(" | ").append(value(f)).append(" | ")
                    .append(cell(f.basis())).append(" |\n"));
            md.append('\n');
        }
        for (Section section : checklist.sections()) {
            md.append("## ").append(section.title()).append("\n\n| Item | State | Evidence |\n|---|---|---|\n");
            for (Item item : section.items()) {
                Row row = row(item);
                md.append("| ").append(item.id()).append(' ').append(cell(item.text())).append(" | ").append(row.state().label())
                        .append(" | ").append(cell(row.evidence())).append(" |\n");
            }
            md.append('\n');
        }
        List<CheckResult> extra = additionalChecks();
        if (!extra.isEmpty()) {
            md.append("## Contract checks (no checklist item)\n\n| Check | State | Evidence |\n|---|---|---|\n");
            extra.forEach(r -> md.append("| ").append(cell(r.name())).append(" | ").append(r.status().name().toLowerCase())
                    .append(" | ").append(cell(r.message() == null ? "" : shorten(r.message()))).append(" |\n"));
        }
        return md.toString();
    }

    public String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-off sheet: ")
                .append(esc(checklist.title())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}th{background:#f3f3f3}")
                .append(".passed{background:#dff5dd}.FAILED{background:#f9d6d5;font-weight:bold}.inconclusive{background:#fde9c8}")
                .append(".skipped,.not-run{background:#eee}.manual{background:#e3ecfb}.not-applicable{color:#777}")
                .append("</style></head><body><h1>Sign-off sheet: ").append(esc(checklist.title())).append("</h1><ul>");
        header().forEach((k, v) -> h.append("<li><b>").append(esc(k)).append("</b>: ").append(esc(v)).append("</li>"));
        h.append("</ul>");
        for (State first : List.of(State.FAILED, State.INCONCLUSIVE)) {
            List<Row> rows = rows(first);
            h.append("<h2>").append(esc(summaryTitle(first, rows.size()))).append("</h2>");
            if (!rows.isEmpty()) {
                h.append("<table><tr><th>Id</th><th>Item</th><th>Evidence</th></tr>");
                rows.forEach(row -> h.append("<tr class=\"").append(css(row)).append("\"><td><a href=\"#").append(esc(row.item().id()))
                        .append("\">").append(esc(row.item().id())).append("</a></td><td>").append(esc(row.item().text()))
                        .append("</td><td>").append(esc(row.evidence())).append("</td></tr>"));
                h.append("</table>");
            }
        }
        List<RunRecord.Figure> figures = figures();
        if (!figures.isEmpty()) {
            h.append("<h2>Key figures (measured in this run)</h2><table><tr><th>Figure</th><th>Value</th><th>Measured over</th></tr>");
            figures.forEach(f -> h.append("<tr><td>").append(esc(f.name())).append("</td><td>").append(esc(value(f)))
                    .append("</td><td>").append(esc(f.basis())).append("</td></tr>"));
            h.append("</table>");
        }
        for (Section section : checklist.sections()) {
            h.append("<h2>").append(esc(section.title())).append("</h2><table><tr><th>Id</th><th>Item</th><th>State</th><th>Evidence</th></tr>");
            for (Item item : section.items()) {
                Row row = row(item);
                h.append("<tr id=\"").append(esc(item.id())).append("\" class=\"").append(css(row)).append("\"><td>").append(esc(item.id())).append("</td><td>").append(esc(item.text()))
                        .append("</td><td>").append(esc(row.state().label())).append("</td><td>").append(esc(row.evidence())).append("</td></tr>");
            }
            h.append("</table>");
        }
        List<CheckResult> extra = additionalChecks();
        if (!extra.isEmpty()) {
            h.append("<h2>Contract checks (no checklist item)</h2><table><tr><th>Check</th><th>State</th><th>Evidence</th></tr>");
            extra.forEach(r -> h.append("<tr class=\"").append(r.status() == Status.PASSED ? "passed" : r.status() == Status.FAILED ? "FAILED" : "skipped")
                    .append("\"><td>").append(esc(r.name())).append("</td><td>").append(r.status().name().toLowerCase())
                    .append("</td><td>").append(esc(r.message() == null ? "" : shorten(r.message()))).append("</td></tr>"));
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    /** Every item in the given state, in checklist order. */
    public List<Row> rows(State state) {
        return checklist.items().stream().map(this::row).filter(row -> row.state() == state).toList();
    }

    private static String summaryTitle(State state, int count) {
        return switch (state) {
            case FAILED -> count == 0 ? "Failed items: none" : "Failed items (" + count + ")";
            case INCONCLUSIVE -> count == 0 ? "Inconclusive items: none" : "Inconclusive items (" + count + ")";
            default -> state.label();
        };
    }

    private static String css(Row row) {
        return row.state().label().split(":")[0].replace(' ', '-');
    }

    private Map<String, String> header() {
        RunPlan plan = record.plan();
        Map<String, String> header = new java.util.LinkedHashMap<>();
        header.put("Result for this system", outcome().name().toLowerCase());
        header.put("Verdict of the run", Verdict.evaluate(record).name().toLowerCase() + " (" + Verdict.reason(record) + ")");
        header.put("Run", plan.runId() + ", started " + record.startedAt());
        header.put("Selection", plan.selection());
        header.put("Environment", record.environment() + " (" + record.description() + "), colour " + plan.colour());
        header.put("Base URL", baseUrl);
        header.put("Expected version", plan.expectedVersions().getOrDefault(checklist.system(), "none given (-Dexpect.version)"));
        header.put("Deployed version seen", record.versions().getOrDefault(checklist.system(), "not read"));
        header.put("Suite commit", plan.suiteCommit());
        Map<State, Long> counts = counts();
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> parts.add(n + " " + state.label()));
        header.put("Items", checklist.items().size() + ": " + String.join(", ", parts));
        return header;
    }

    private List<RunRecord.Figure> figures() {
        return record.figures().stream().filter(f -> f.system().equals(checklist.system())).toList();
    }

    private static String value(RunRecord.Figure figure) {
        return String.format(java.util.Locale.ROOT, "%.2f %s", figure.value(), figure.unit());
    }

    /** A failure's message begins with its check's name, which the row already shows. */
    private static String withoutName(CheckResult result) {
        String prefix = result.name() + ": ";
        return result.message().startsWith(prefix) ? result.message().substring(prefix.length()) : result.message();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 400 ? oneLine : oneLine.substring(0, 400) + "...";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
