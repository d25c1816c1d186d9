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
 * The run's one verdict, evaluated once: <b>fail</b> when any check failed; else <b>inconclusive</b> when a target
 * never became ready, a check could not reach a verdict (e.g. a load run that could not generate its load), or no
 * check ran at all; else <b>pass</b>. Written as {@code verdict.json} for CI to gate promotion on.
 */
public final class Verdict {

    public enum Outcome { PASS, FAIL, INCONCLUSIVE }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Verdict() {
    }

    public static Outcome evaluate(RunRecord record) {
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
        return switch (evaluate(record)) {
            case FAIL -> failed + " check" + (failed == 1 ? "" : "s") + " failed";
            case INCONCLUSIVE -> !record.notReadyReasons().isEmpty() ? String.join("; ", record.notReadyReasons())
                    : count(results, Status.INCONCLUSIVE) > 0 ? count(results, Status.INCONCLUSIVE) + " check(s) could not reach a verdict"
                    : "no check ran";
            case PASS -> "every check that ran passed";
        };
    }

    public static Path write(RunRecord record, ChecklistCatalogue catalogue, String suiteCommit, Path reportsDir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", evaluate(record).name().toLowerCase());
        root.put("reason", reason(record));
        root.put("environment", record.environment());
        root.put("description", record.description());
        root.put("startedAt", record.startedAt().toString());
        root.put("finishedAt", Instant.now().toString());
        root.put("suiteCommit", suiteCommit);
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
        Path file = reportsDir.resolve("verdict.json");
        try {
            Files.createDirectories(reportsDir);
            JSON.writeValue(file.toFile(), root);
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
