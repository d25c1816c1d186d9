package dev.deployverify.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run did, collected while the checks run: each check's outcome with the checklist items it verifies,
 * the versions the targets reported, the readiness of each target, and key figures (percentiles, rates) the checks
 * measured. The sign-off sheet and the verdict are written from it.
 */
public final class RunRecord {

    public enum Status { PASSED, FAILED, SKIPPED, INCONCLUSIVE }

    /** One check's outcome. {@code message} is redacted; for a skipped check it is the reason. */
    public record CheckResult(String system, String name, String id, Set<String> tags, List<String> items,
                              Status status, String message) {
    }

    /** A measured number worth putting on the sign-off sheet, with what it was measured over. */
    public record Figure(String system, String name, double value, String unit, String basis) {
    }

    private final RunPlan plan;
    private final Instant startedAt = Instant.now();
    private final Map<String, String> versions = new LinkedHashMap<>();
    private final List<CheckResult> results = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> notReady = new LinkedHashMap<>();
    private String unfinished;

    public RunRecord(RunPlan plan) {
        this.plan = plan;
    }

    /** What the run was asked to verify, and its id. */
    public RunPlan plan() {
        return plan;
    }

    public synchronized void version(String system, String version) {
        versions.put(system, version);
    }

    public synchronized void result(CheckResult result) {
        results.add(result);
    }

    public synchronized void figure(Figure figure) {
        figures.add(figure);
    }

    /** A target that never became ready (or never served the expected version): the run is inconclusive. */
    public synchronized void notReady(String system, String reason) {
        notReady.put(system, reason);
    }

    /**
     * The run stopped before all its checks had run (interrupted, or the test JVM was told to stop): whatever the
     * finished checks showed, the verdict is inconclusive, with this reason.
     */
    public synchronized void unfinished(String reason) {
        unfinished = reason;
    }

    public synchronized java.util.Optional<String> unfinishedReason() {
        return java.util.Optional.ofNullable(unfinished);
    }

    public String environment() {
        return plan.environment();
    }

    public String description() {
        return plan.description();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized Map<String, String> versions() {
        return Map.copyOf(versions);
    }

    public synchronized List<CheckResult> results() {
        return List.copyOf(results);
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    public synchronized List<String> notReadyReasons() {
        return List.copyOf(notReady.values());
    }

    /** Why this system's checks did not run, when its target never became ready. */
    public synchronized java.util.Optional<String> notReadyReason(String system) {
        return java.util.Optional.ofNullable(notReady.get(system));
    }
}
