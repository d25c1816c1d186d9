package dev.deployverify.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deployverify.evidence.RunRecord.CheckResult;
import dev.deployverify.evidence.RunRecord.Status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's one verdict, evaluated once: <b>inconclusive</b> when the run did not finish; else <b>fail</b> when any
 * check failed; else <b>inconclusive</b> when a target never became ready, a check could not reach a verdict (e.g. a
 * load run that could not generate its load), or no check ran at all; else <b>pass</b>. Written as
 * {@code verdict.json} for CI to gate promotion on. Until a run has finished, its {@code verdict.json} says
 * "inconclusive" with the stage it reached ({@link Stage}), so a run that stops anywhere never leaves a pass behind.
 */
public final class Verdict {

    public enum Outcome { PASS, FAIL, INCONCLUSIVE }

    /** How far a run got; only a {@code FINISHED} verdict.json is the run's verdict. */
    public enum Stage {
        /** The run started (its environment loaded) and no check has run yet. */
        STARTED,
        /** The checks are running. */
        CHECKING,
        /** The verdict is final. */
        FINISHED;

        public String key() {
            return name().toLowerCase();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The verdict's file name in the run's reports directory. */
    public static final String FILE = "verdict.json";

    private Verdict() {
    }

    public static Outcome evaluate(RunRecord record) {
        if (record.unfinishedReason().isPresent()) {
            return Outcome.INCONCLUSIVE;
        }
        List<CheckResult> results = record.results();
        if (results.stream().anyMatch(r -> r.status() == Status.FAILED)) {
            return Outcome.FAIL;
        }
        if (!record.notReadyReasons().isEmpty() || results.stream().anyMatch(r -> r.status() == Status.INCONCLUSIVE)
                || results.stream().noneMatch(r -> r.status() == Status.PASSED)) {
            return Outcome.INCONCLUSIVE;
        }
        return Outcome.PASS;
    }

    /** Why, in one sentence. */
    public static String reason(RunRecord record) {
        List<CheckResult> results = record.results();
        long failed = count(results, Status.FAILED);
        String partial = record.plan().partial() ? " (" + record.plan().selection() + ")" : "";
        return switch (evaluate(record)) {
            case FAIL -> failed + " check" + (failed == 1 ? "" : "s") + " failed" + partial;
            case INCONCLUSIVE -> record.unfinishedReason().isPresent() ? record.unfinishedReason().get()
                    : !record.notReadyReasons().isEmpty() ? String.join("; ", record.notReadyReasons())
                    : count(results, Status.INCONCLUSIVE) > 0 ? count(results, Status.INCONCLUSIVE) + " check(s) could not reach a verdict"
                    : "no check ran";
            case PASS -> "every check that ran passed" + partial;
        };
    }

    /** The verdict.json of a run that has not reached (or never will reach) its checks' verdict: inconclusive. */
    public static Path writeUnfinished(RunPlan plan, Stage stage, String reason, Path reportsDir) {
        ObjectNode root = header(plan, stage, Outcome.INCONCLUSIVE, reason);
        root.set("counts", counts(List.of()));
        return write(root, reportsDir);
    }

    public static Path write(RunRecord record, ChecklistCatalogue catalogue, Path reportsDir) {
        ObjectNode root = header(record.plan(), Stage.FINISHED, evaluate(record), reason(record));
        root.put("startedAt", record.startedAt().toString());
        root.put("finishedAt", Instant.now().toString());
        root.set("versions", JSON.valueToTree(new TreeMap<>(record.versions())));
        List<CheckResult> results = record.results();
        root.set("counts", counts(results));
        ObjectNode bySystem = root.putObject("bySystem");
        new TreeMap<>(groupBy(results, false)).forEach((system, list) -> bySystem.set(system, counts(list)));
        ObjectNode byTag = root.putObject("byTag");
        new TreeMap<>(groupBy(results, true)).forEach((tag, list) -> byTag.set(tag, counts(list)));
        ArrayNode failedChecks = root.putArray("failedChecks");
        ArrayNode failedItems = root.putArray("failedItems");
        Map<String, ObjectNode> itemNodes = new TreeMap<>();
        for (CheckResult r : results) {
            if (r.status() != Status.FAILED && r.status() != Status.INCONCLUSIVE) {
                continue;
            }
            ObjectNode check = failedChecks.addObject();
            check.put("system", r.system()).put("check", r.name()).put("status", r.status().name().toLowerCase())
                    .put("message", r.message());
            check.set("items", JSON.valueToTree(r.items()));
            for (String id : r.items()) {
                ObjectNode item = itemNodes.computeIfAbsent(id, k -> {
                    ObjectNode node = JSON.createObjectNode().put("id", k)
                            .put("text", catalogue.item(k).map(ChecklistCatalogue.Item::text).orElse(""));
                    node.putArray("checks");
                    return node;
                });
                ((ArrayNode) item.get("checks")).add(r.name());
            }
        }
        itemNodes.values().forEach(failedItems::add);
        ArrayNode figures = root.putArray("keyFigures");
        record.figures().forEach(f -> figures.addObject().put("system", f.system()).put("name", f.name())
                .put("value", Math.round(f.value() * 1000) / 1000.0).put("unit", f.unit()).put("basis", f.basis()));
        return write(root, reportsDir);
    }

    /** What every verdict.json starts with: which run, how far it got, its verdict, and what it was asked to verify. */
    private static ObjectNode header(RunPlan plan, Stage stage, Outcome outcome, String reason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", plan.runId());
        root.put("stage", stage.key());
        root.put("verdict", outcome.name().toLowerCase());
        root.put("reason", reason);
        root.put("environment", plan.environment());
        root.put("description", plan.description());
        ObjectNode selection = root.putObject("selection");
        selection.put("scope", plan.partial() ? "partial" : "full");
        selection.put("checks", plan.checks());
        selection.put("historyKey", plan.historyKey());
        selection.set("systems", JSON.valueToTree(plan.systems()));
        selection.set("notVerified", JSON.valueToTree(plan.notVerified()));
        root.put("colour", plan.colour());
        root.set("expectedVersions", JSON.valueToTree(plan.expectedVersions()));
        root.put("suiteCommit", plan.suiteCommit());
        return root;
    }

    /** Writes a verdict.json read back and changed by the gate. */
    static Path rewrite(ObjectNode root, Path reportsDir) {
        return write(root, reportsDir);
    }

    /** Replaced in one step (write, then move), so a reader never sees half a verdict. */
    private static Path write(ObjectNode root, Path reportsDir) {
        Path file = reportsDir.resolve(FILE);
        try {
            Files.createDirectories(reportsDir);
            Path partial = reportsDir.resolve(FILE + ".partial");
            JSON.writeValue(partial.toFile(), root);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static ObjectNode counts(List<CheckResult> results) {
        ObjectNode node = JSON.createObjectNode();
        node.put("total", results.size());
        for (Status status : Status.values()) {
            node.put(status.name().toLowerCase(), count(results, status));
        }
        return node;
    }

    private static long count(List<CheckResult> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static Map<String, List<CheckResult>> groupBy(List<CheckResult> results, boolean byTag) {
        Map<String, List<CheckResult>> groups = new TreeMap<>();
        for (CheckResult r : results) {
            if (byTag) {
                r.tags().forEach(tag -> groups.computeIfAbsent(tag, k -> new java.util.ArrayList<>()).add(r));
            } else {
                groups.computeIfAbsent(r.system(), k -> new java.util.ArrayList<>()).add(r);
            }
        }
        return groups;
    }
}
