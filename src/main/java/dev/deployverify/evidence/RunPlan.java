package dev.deployverify.evidence;

import dev.deployverify.env.Environment;
import dev.deployverify.env.SystemSelection;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one run was asked to verify, under which id: recorded in {@code verdict.json}, the report's environment
 * widget and name, and every sign-off sheet, so that evidence never says more than the run checked (a run of 13
 * smoke checks of one system is a partial run, and says so).
 *
 * @param runId            unique per run; every piece of evidence carries it
 * @param checks           the {@code -Dchecks} tag expression, empty for every check
 * @param systems          the systems verified
 * @param notVerified      every other known system, with the reason (not selected, not in this environment)
 * @param expectedVersions {@code -Dexpect.version}, per system
 */
public record RunPlan(String runId, String environment, String description, String checks, List<String> systems,
                      SortedMap<String, String> notVerified, String colour, SortedMap<String, String> expectedVersions,
                      String suiteCommit) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public RunPlan {
        systems = List.copyOf(systems);
        notVerified = new TreeMap<>(notVerified);
        expectedVersions = new TreeMap<>(expectedVersions);
    }

    public static RunPlan of(String runId, Environment environment, SystemSelection selection,
                             Map<String, String> expectedVersions, String suiteCommit) {
        return new RunPlan(runId, environment.name(), environment.description(), selection.expression(),
                List.copyOf(environment.systems().keySet()), environment.systemsNotVerified(),
                environment.colour().name().toLowerCase(Locale.ROOT), new TreeMap<>(expectedVersions), suiteCommit);
    }

    /** A run that could not even load its environment: all that is known is what was asked for. */
    public static RunPlan unresolved(String runId, String environment, String checks, String suiteCommit) {
        return new RunPlan(runId, environment, "", checks == null ? "" : checks.trim(), List.of(), new TreeMap<>(),
                "live", new TreeMap<>(), suiteCommit);
    }

    /** e.g. {@code 20261204T114200Z-3f9a}: sortable, and unique enough for runs that start in the same second. */
    public static String newRunId() {
        return STAMP.format(Instant.now()) + "-" + String.format("%04x", new SecureRandom().nextInt(0x10000));
    }

    /** The id given by Maven ({@code run.id}) or a new one when the checks run without it (the suite's own tests). */
    public static String runIdOrNew(String given) {
        return given == null || given.isBlank() || given.startsWith("${") ? newRunId() : given.trim();
    }

    public boolean partial() {
        return !checks.isEmpty();
    }

    /** For people: "every check" or "partial: -Dchecks="smoke & <system>"". */
    public String selection() {
        return partial() ? "partial: -Dchecks=\"" + checks + "\"" : "every check";
    }

    /**
     * The key under which the report's trend history is kept: runs of the same selection share a history, so a
     * smoke run after a full run is not drawn as a collapse.
     */
    public String historyKey() {
        if (!partial()) {
            return "every-check";
        }
        String slug = checks.toLowerCase(Locale.ROOT).replace("&", " and ").replace("|", " or ").replace("!", " not ")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "selection" : slug;
    }
}
