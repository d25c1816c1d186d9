package dev.deployverify.systems;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one fault stands for and how the suite proves it catches it: the kind of bad deploy, what breaks, the
 * checklist items it violates (downstream ones included: a fault that stops a flow early violates every item of the
 * flow its checks can no longer verify) or, for a check that comes from the system's brief, the brief's requirement,
 * and its detection cases.
 *
 * @param violates checklist item ids of the system's own checklist; empty when {@code brief} names the requirement
 * @param caughtBy the cases proving it is caught: each runs its check classes with the fault on, and exactly its red
 *                 checks must fail
 */
public record FaultSpec(Kind kind, String breaks, List<String> violates, String brief, List<Detection> caughtBy) {

    public enum Kind {
        AVAILABILITY, CONTRACT, FLOW, PERFORMANCE, SECURITY;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param checks      the check classes to run with the fault on
     * @param red         the checks expected red, each a prefix or part of the check's display name
     * @param environment a test environment of its own (a path under {@code src/test/resources}), or null for the
     *                    reference's {@code local.yaml}
     */
    public record Detection(List<Class<?>> checks, List<String> red, String environment) {
    }

    public FaultSpec {
        violates = List.copyOf(violates);
        caughtBy = List.copyOf(caughtBy);
    }

    public static FaultSpec availability(String breaks) {
        return of(Kind.AVAILABILITY, breaks);
    }

    public static FaultSpec contract(String breaks) {
        return of(Kind.CONTRACT, breaks);
    }

    public static FaultSpec flow(String breaks) {
        return of(Kind.FLOW, breaks);
    }

    public static FaultSpec performance(String breaks) {
        return of(Kind.PERFORMANCE, breaks);
    }

    public static FaultSpec security(String breaks) {
        return of(Kind.SECURITY, breaks);
    }

    private static FaultSpec of(Kind kind, String breaks) {
        return new FaultSpec(kind, breaks, List.of(), "", List.of());
    }

    /** The checklist items it violates. */
    public FaultSpec violates(String... itemIds) {
        return new FaultSpec(kind, breaks, List.of(itemIds), brief, caughtBy);
    }

    /** The brief's requirement it violates, where no checklist item states it. */
    public FaultSpec brief(String requirement) {
        return new FaultSpec(kind, breaks, violates, requirement, caughtBy);
    }

    /** A detection case: run {@code checks} with the fault on; the checks named by {@code red} must fail, no other. */
    public FaultSpec caughtBy(Class<?> checks, String... red) {
        return caughtBy(List.of(checks), red);
    }

    public FaultSpec caughtBy(List<Class<?>> checks, String... red) {
        return with(new Detection(List.copyOf(checks), List.of(red), null));
    }

    /** The last detection case runs against a test environment of its own (a path under src/test/resources). */
    public FaultSpec in(String testEnvironment) {
        List<Detection> cases = new ArrayList<>(caughtBy);
        Detection last = cases.remove(cases.size() - 1);
        cases.add(new Detection(last.checks(), last.red(), testEnvironment));
        return new FaultSpec(kind, breaks, violates, brief, cases);
    }

    private FaultSpec with(Detection detection) {
        List<Detection> cases = new ArrayList<>(caughtBy);
        cases.add(detection);
        return new FaultSpec(kind, breaks, violates, brief, cases);
    }

    /** What the fault violates, as the catalogue shows it. */
    public String violation() {
        return violates.isEmpty() ? "brief: " + brief : String.join(", ", violates);
    }

    @Override
    public String toString() {
        return kind + " (" + violation() + "): " + breaks + "; caught by " + Arrays.toString(caughtBy.toArray());
    }
}
