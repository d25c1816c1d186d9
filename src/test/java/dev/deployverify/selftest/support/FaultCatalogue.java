package dev.deployverify.selftest.support;

import dev.deployverify.systems.FaultSpec;
import dev.deployverify.systems.Systems;

import java.util.List;

/**
 * The fault catalogue, read from every system's fault enum: each fault of the reference deployment with the kind of
 * bad deploy it stands for and the checklist items it violates (or, for a check that comes from the system's brief,
 * the brief's requirement).
 */
public final class FaultCatalogue {

    /**
     * @param name     {@code system.fault}, as {@code -Dreference.faults} takes it
     * @param violates checklist item ids; empty when the requirement comes from the brief
     * @param brief    the brief's requirement, when no checklist item states it
     */
    public record Fault(String name, String system, FaultSpec.Kind kind, List<String> violates, String brief,
                        String breaks) {

        /** What the fault violates, for the score table. */
        public String violation() {
            return violates.isEmpty() ? "brief: " + brief : String.join(", ", violates);
        }
    }

    private FaultCatalogue() {
    }

    public static List<Fault> load() {
        return Systems.faults().stream().map(fault -> {
            FaultSpec spec = fault.spec();
            return new Fault(Systems.id(fault), Systems.systemOf(fault).name(), spec.kind(), spec.violates(),
                    spec.brief(), spec.breaks());
        }).toList();
    }
}
