package dev.deployverify.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every line item of the systems' production checklists, with a stable id and what becomes of it after a deploy:
 * automated (the checks that declare it with {@code @Verifies}), manual (a person confirms it at sign-off) or not
 * applicable (with the reason). Read from {@code checklists/<system>.yaml} on the class path.
 */
public final class ChecklistCatalogue {

    public enum Disposition {
        AUTOMATED("automated"), MANUAL("manual"), NOT_APPLICABLE("not-applicable");

        private final String yaml;

        Disposition(String yaml) {
            this.yaml = yaml;
        }

        public String label() {
            return yaml;
        }

        static Optional<Disposition> of(String text) {
            for (Disposition d : values()) {
                if (d.yaml.equals(text)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    /** One line item. {@code disposition} is empty when the catalogue does not say (the catalogue test fails then). */
    public record Item(String id, String text, Optional<Disposition> disposition, String reason) {
    }

    public record Section(String title, List<Item> items) {
    }

    public record Checklist(String system, String title, List<Section> sections) {

        public List<Item> items() {
            return sections.stream().flatMap(s -> s.items().stream()).toList();
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, Checklist> bySystem;
    private final Map<String, Item> byId = new LinkedHashMap<>();

    private ChecklistCatalogue(Map<String, Checklist> bySystem) {
        this.bySystem = bySystem;
        bySystem.values().forEach(c -> c.items().forEach(i -> byId.put(i.id(), i)));
    }

    /** The catalogue of the given systems. */
    public static ChecklistCatalogue load(Iterable<String> systems) {
        Map<String, Checklist> checklists = new LinkedHashMap<>();
        for (String system : systems) {
            checklists.put(system, read(system));
        }
        return new ChecklistCatalogue(checklists);
    }

    public Map<String, Checklist> checklists() {
        return bySystem;
    }

    public Optional<Checklist> checklist(String system) {
        return Optional.ofNullable(bySystem.get(system));
    }

    public Optional<Item> item(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private static Checklist read(String system) {
        String resource = "dev/deployverify/systems/" + system + "/checklist.yaml";
        try (InputStream in = ChecklistCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no checklist catalogue " + resource + " on the class path");
            }
            JsonNode root = YAML.readTree(in);
            List<Section> sections = new ArrayList<>();
            for (JsonNode section : root.path("sections")) {
                String sectionDisposition = section.path("disposition").asText("");
                String sectionReason = section.path("reason").asText("");
                List<Item> items = new ArrayList<>();
                for (JsonNode item : section.path("items")) {
                    boolean own = item.has("disposition");
                    String disposition = own ? item.path("disposition").asText() : sectionDisposition;
                    String reason = item.has("reason") ? item.path("reason").asText() : own ? "" : sectionReason;
                    items.add(new Item(item.path("id").asText(), item.path("text").asText(), Disposition.of(disposition), reason));
                }
                sections.add(new Section(section.path("title").asText(), items));
            }
            return new Checklist(system, root.path("checklist").asText(system), sections);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
