package dev.deployverify.selftest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fault catalogue ({@code fault-catalogue.yaml} on the test class path): every fault of the reference
 * deployment with the kind of bad deploy it stands for and the checklist items it violates (or, for a check that
 * comes from the system's brief, the brief's requirement).
 */
public final class FaultCatalogue {

    public enum Kind { AVAILABILITY, CONTRACT, FLOW, PERFORMANCE, SECURITY }

    /**
     * @param name     {@code system.fault}, as {@code -Dreference.faults} takes it
     * @param violates checklist item ids; empty when the requirement comes from the brief
     * @param brief    the brief's requirement, when no checklist item states it
     */
    public record Fault(String name, String system, Kind kind, List<String> violates, String brief) {

        /** What the fault violates, for the score table. */
        public String violation() {
            return violates.isEmpty() ? "brief: " + brief : String.join(", ", violates);
        }
    }

    private FaultCatalogue() {
    }

    public static List<Fault> load() {
        try (InputStream in = FaultCatalogue.class.getResourceAsStream("/fault-catalogue.yaml")) {
            if (in == null) {
                throw new IllegalStateException("fault-catalogue.yaml is not on the test class path");
            }
            JsonNode root = new YAMLMapper().readTree(in);
            List<Fault> faults = new ArrayList<>();
            root.fields().forEachRemaining(system -> system.getValue().fields().forEachRemaining(fault -> {
                JsonNode entry = fault.getValue();
                List<String> violates = new ArrayList<>();
                entry.path("violates").forEach(id -> violates.add(id.asText()));
                faults.add(new Fault(system.getKey() + "." + fault.getKey(), system.getKey(),
                        Kind.valueOf(entry.path("kind").asText().toUpperCase(Locale.ROOT)), List.copyOf(violates),
                        entry.path("brief").asText("")));
            }));
            return List.copyOf(faults);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fault-catalogue.yaml", e);
        }
    }
}
