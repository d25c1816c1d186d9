package dev.deployverify.systems.wcagaii.reference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small axe-core: four of its rules, with axe's ids, over an HTML document. Enough to tell a document with an
 * unlabelled input or an image without alt text from a clean one, which is what the scan flow check asks.
 */
final class AccessibilityRules {

    /** One rule's outcome: the offending elements (violation) or the elements that passed. */
    record RuleResult(String id, String impact, String description, List<String> nodes) {
    }

    record Report(List<RuleResult> violations, List<RuleResult> passes) {
    }

    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)(\\s[^>]*)?/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s\"'>]+))?");
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LABEL_ELEMENT = Pattern.compile("<label\\b[^>]*>(.*?)</label>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Set<String> UNLABELLED_INPUT_TYPES = Set.of("hidden", "submit", "button", "image", "reset");

    private final boolean checkLabels;

    /** @param checkLabels false for the fault where the engine misses unlabelled form fields */
    AccessibilityRules(boolean checkLabels) {
        this.checkLabels = checkLabels;
    }

    Report scan(String html) {
        List<RuleResult> violations = new ArrayList<>();
        List<RuleResult> passes = new ArrayList<>();
        Set<String> labelledIds = new HashSet<>();
        List<int[]> labelSpans = new ArrayList<>();
        Matcher labels = LABEL_ELEMENT.matcher(html);
        while (labels.find()) {
            labelSpans.add(new int[]{labels.start(), labels.end()});
            String forId = attributes(labels.group(0).substring(0, labels.group(0).indexOf('>') + 1)).get("for");
            if (forId != null) {
                labelledIds.add(forId);
            }
        }
        List<String> imagesWithoutAlt = new ArrayList<>();
        List<String> imagesWithAlt = new ArrayList<>();
        List<String> unlabelledFields = new ArrayList<>();
        List<String> labelledFields = new ArrayList<>();
        String lang = null;
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String name = tags.group(1).toLowerCase(Locale.ROOT);
            Map<String, String> attributes = attributes(tags.group(2) == null ? "" : tags.group(2));
            String element = tags.group(0);
            switch (name) {
                case "html" -> lang = attributes.get("lang");
                case "img" -> {
                    boolean decorative = "presentation".equals(attributes.get("role")) || "none".equals(attributes.get("role"));
                    (attributes.containsKey("alt") || decorative ? imagesWithAlt : imagesWithoutAlt).add(element);
                }
                case "input", "select", "textarea" -> {
                    if (name.equals("input") && UNLABELLED_INPUT_TYPES.contains(attributes.getOrDefault("type", "text").toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    boolean labelled = !attributes.getOrDefault("aria-label", "").isBlank()
                            || attributes.containsKey("aria-labelledby") || !attributes.getOrDefault("title", "").isBlank()
                            || labelledIds.contains(attributes.get("id"))
                            || insideAny(labelSpans, tags.start());
                    (labelled ? labelledFields : unlabelledFields).add(element);
                }
                default -> {
                }
            }
        }
        rule(violations, passes, "image-alt", "critical", "Images must have alternate text", imagesWithoutAlt, imagesWithAlt);
        if (checkLabels) {
            rule(violations, passes, "label", "critical", "Form elements must have labels", unlabelledFields, labelledFields);
        }
        rule(violations, passes, "html-has-lang", "serious", "<html> element must have a lang attribute",
                lang == null || lang.isBlank() ? List.of("<html>") : List.of(), lang == null || lang.isBlank() ? List.of() : List.of("<html>"));
        Matcher title = TITLE.matcher(html);
        boolean hasTitle = title.find() && !title.group(1).isBlank();
        rule(violations, passes, "document-title", "serious", "Documents must have <title> element to aid in navigation",
                hasTitle ? List.of() : List.of("<html>"), hasTitle ? List.of("<title>") : List.of());
        return new Report(violations, passes);
    }

    private static void rule(List<RuleResult> violations, List<RuleResult> passes, String id, String impact, String description,
                             List<String> failing, List<String> passing) {
        if (!failing.isEmpty()) {
            violations.add(new RuleResult(id, impact, description, failing));
        } else if (!passing.isEmpty()) {
            passes.add(new RuleResult(id, null, description, passing));
        }
    }

    private static boolean insideAny(List<int[]> spans, int position) {
        return spans.stream().anyMatch(span -> position > span[0] && position < span[1]);
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text.replaceFirst("^<[a-zA-Z0-9]+", "").replaceFirst("/?>$", ""));
        while (m.find()) {
            String value = m.group(2) == null ? "" : m.group(2).replaceAll("^[\"']|[\"']$", "");
            attributes.put(m.group(1).toLowerCase(Locale.ROOT), value);
        }
        return attributes;
    }
}
