package dev.deployverify.env;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.deployverify.systems.Systems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code environments/<name>.yaml}, lays it over each system's defaults ({@code defaults.yaml} in the
 * system's package: the contract's paths and the checklist's numbers) and resolves {@code ${VARIABLE}} placeholders.
 * Everything wrong with the file surfaces as one {@link EnvironmentException} line.
 *
 * <p>Only the systems the run selects ({@link SystemSelection}) need their variables; the others are still checked
 * for typos and literal secrets, then left out with the reason. {@code ${VARIABLE:-}} marks a value optional (empty
 * when the variable is not set: a credential is then absent and the checks needing it skip with that reason);
 * outside credentials, {@code ${VARIABLE:-default}} gives a default.
 */
public final class EnvironmentLoader {


    private static final Set<String> TOP_LEVEL_KEYS = Set.of("description", "reference", "mutatingChecks", "timeouts", "systems");
    private static final Set<String> TIMEOUT_KEYS = Set.of("connectSeconds", "requestSeconds", "flowSeconds", "readinessSeconds");
    private static final Set<String> SYSTEM_KEYS = Set.of("baseUrl", "wsUrl", "greenUrl", "credentials", "paths", "thresholds", "settings");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(:-([^}]*))?}");
    /** A credential is one placeholder, optional at most with an empty default: a literal default would be a secret. */
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("^\\$\\{[A-Za-z_][A-Za-z0-9_.]*(:-)?}$");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EnvironmentLoader() {
    }

    /** Reads and validates the file without resolving variables: tells whether the reference deployment is needed. */
    public static ParsedEnvironment parse(EnvironmentRequest request) {
        Path file = request.file();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            List<String> known = request.knownNames();
            throw new EnvironmentException("environment '" + request.name() + "' not found: there is no " + file
                    + (known.isEmpty() ? "" : "; known environments: " + String.join(", ", known)));
        } catch (IOException e) {
            throw new EnvironmentException("environment '" + request.name() + "': cannot read " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new EnvironmentException(file.getFileName() + where + ": malformed YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new EnvironmentException(file.getFileName() + ": the file is empty");
        }
        if (!root.isObject()) {
            throw new EnvironmentException(file.getFileName() + ": expected a mapping of keys (description, systems, ...)");
        }
        return new ParsedEnvironment(request, (ObjectNode) root);
    }

    /** Parses, then resolves with the given variables. */
    public static Environment load(EnvironmentRequest request, Variables variables) {
        return parse(request).resolve(variables);
    }

    /** An environment file that parsed; {@link #resolve} validates it against the defaults and fills placeholders. */
    public static final class ParsedEnvironment {
        private final EnvironmentRequest request;
        private final ObjectNode root;

        private ParsedEnvironment(EnvironmentRequest request, ObjectNode root) {
            this.request = request;
            this.root = root;
        }

        public String name() {
            return request.name();
        }

        public boolean isReference() {
            return root.path("reference").asBoolean(false);
        }

        public Environment resolve(Variables variables) {
            return resolve(variables, Colour.LIVE);
        }

        /** Resolves for a run against one colour of a blue-green deployment (see {@link Colour}). */
        public Environment resolve(Variables variables, Colour colour) {
            return new Resolver(request, variables, colour).resolve(root);
        }
    }

    private static final class Resolver {
        private final EnvironmentRequest request;
        private final Variables variables;
        private final String fileName;
        private final Map<String, String> missing = new LinkedHashMap<>();
        private final Colour colour;
        /** Systems a green run leaves out (no green stack), with the reason the report gives. */
        private final Map<String, String> leftOut = new TreeMap<>();

        Resolver(EnvironmentRequest request, Variables variables, Colour colour) {
            this.request = request;
            this.variables = variables;
            this.colour = colour;
            this.fileName = request.file().getFileName().toString();
        }

        Environment resolve(ObjectNode root) {
            rejectUnknownKeys(root, TOP_LEVEL_KEYS, "");
            boolean reference = bool(root, "reference", false);
            boolean mutating = bool(root, "mutatingChecks", false);
            Timeouts timeouts = timeouts(root.path("timeouts"));
            JsonNode systemsNode = root.path("systems");
            if (!systemsNode.isObject() || systemsNode.isEmpty()) {
                throw error("systems", "list at least one system (known: " + String.join(", ", Systems.names()) + ")");
            }
            Map<String, SystemTarget> systems = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = systemsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String system = entry.getKey();
                if (!Systems.names().contains(system)) {
                    throw error("systems." + system, "unknown system" + suggestion(system, Systems.names())
                            + " (known: " + String.join(", ", Systems.names()) + ")");
                }
                boolean selected = request.selection().includes(system);
                Map<String, String> missingBefore = new LinkedHashMap<>(missing);
                SystemTarget target = system(system, entry.getValue());
                if (!selected) {
                    // Validated like the others (typos, literal secrets), but its variables are not this run's
                    // business: a team verifying one system does not hold the other systems' secrets.
                    missing.clear();
                    missing.putAll(missingBefore);
                    leftOut.put(system, request.selection().reasonLeftOut(system));
                } else if (target != null) {
                    systems.put(system, target);
                }
            }
            boolean anySelected = false;
            for (Iterator<String> names = systemsNode.fieldNames(); names.hasNext(); ) {
                anySelected |= request.selection().includes(names.next());
            }
            if (colour == Colour.GREEN && systems.isEmpty() && missing.isEmpty() && anySelected) {
                throw error("systems", "a green run (-Dcolour=green) needs a greenUrl on at least one system; none has one");
            }
            if (!missing.isEmpty()) {
                StringBuilder line = new StringBuilder("environment '" + request.name() + "': missing variable");
                line.append(missing.size() > 1 ? "s " : " ");
                List<String> parts = new ArrayList<>();
                missing.forEach((variable, usedBy) -> parts.add(variable + " (" + usedBy + ")"));
                line.append(String.join(", ", parts)).append(": export ")
                        .append(missing.size() > 1 ? "them" : "it").append(" before the run");
                throw new EnvironmentException(line.toString());
            }
            String description = root.path("description").asText(request.name());
            return new Environment(request.name(), description, request.file(), reference, mutating, timeouts, systems,
                    colour, leftOut);
        }

        private Timeouts timeouts(JsonNode node) {
            if (node.isMissingNode()) {
                return Timeouts.DEFAULTS;
            }
            rejectUnknownKeys(node, TIMEOUT_KEYS, "timeouts.");
            Timeouts d = Timeouts.DEFAULTS;
            return new Timeouts(
                    seconds(node, "connectSeconds", d.connect()),
                    seconds(node, "requestSeconds", d.request()),
                    seconds(node, "flowSeconds", d.flow()),
                    seconds(node, "readinessSeconds", d.readiness()));
        }

        private Duration seconds(JsonNode node, String key, Duration fallback) {
            JsonNode value = node.path(key);
            if (value.isMissingNode()) {
                return fallback;
            }
            if (!value.isNumber() || value.asDouble() <= 0) {
                throw error("timeouts." + key, "expected a positive number of seconds, got '" + value.asText() + "'");
            }
            return Duration.ofMillis(Math.round(value.asDouble() * 1000));
        }

        private SystemTarget system(String system, JsonNode node) {
            String at = "systems." + system;
            if (!node.isObject()) {
                throw error(at, "expected a mapping with baseUrl, credentials, paths, thresholds, settings");
            }
            rejectUnknownKeys(node, SYSTEM_KEYS, at + ".");
            SystemDefaults defaults = SystemDefaults.of(system);

            Map<String, String> paths = overlayStrings(defaults.paths(), node.path("paths"), at + ".paths", system);
            paths.forEach((key, path) -> {
                if (!path.isEmpty() && !path.startsWith("/")) {
                    throw error(at + ".paths." + key, "a path starts with '/', got '" + path + "'");
                }
            });
            Map<String, String> settings = overlayStrings(defaults.settings(), node.path("settings"), at + ".settings", system);
            Map<String, Double> thresholds = new LinkedHashMap<>(defaults.thresholds());
            JsonNode thresholdNode = node.path("thresholds");
            rejectUnknownKeys(thresholdNode, defaults.thresholds().keySet(), at + ".thresholds.");
            thresholdNode.fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber()) {
                    throw error(at + ".thresholds." + e.getKey(), "expected a number, got '" + e.getValue().asText() + "'");
                }
                thresholds.put(e.getKey(), e.getValue().asDouble());
            });

            Map<String, String> credentials = new LinkedHashMap<>();
            JsonNode credentialNode = node.path("credentials");
            rejectUnknownKeys(credentialNode, defaults.credentials().keySet(), at + ".credentials.");
            credentialNode.fields().forEachRemaining(e -> {
                String key = at + ".credentials." + e.getKey();
                String raw = e.getValue().asText();
                if (!WHOLE_PLACEHOLDER.matcher(raw).matches()) {
                    // Deliberately no echo of the value: it may be a real secret pasted by mistake.
                    throw error(key, "secrets are given only as ${VARIABLE} placeholders, never as literal values");
                }
                String value = substitute(raw, system + " credentials." + e.getKey());
                if (value != null && !value.isEmpty()) {
                    credentials.put(e.getKey(), value);
                }
            });

            URI baseUrl = url(node.path("baseUrl"), at + ".baseUrl", system, Set.of("http", "https"), true);
            URI greenUrl = url(node.path("greenUrl"), at + ".greenUrl", system, Set.of("http", "https"), false);
            if (colour == Colour.GREEN) {
                if (greenUrl == null) {
                    leftOut.put(system, system + " has no greenUrl in environment " + request.name()
                            + ": a green run (-Dcolour=green) verifies only systems with a green stack");
                    return null;
                }
                // The green stack is verified where the live one would be; its WebSocket URL follows it.
                return new SystemTarget(system, greenUrl, URI.create(greenUrl.toString().replaceFirst("^http", "ws")), paths,
                        thresholds, credentials, defaults.credentials(), settings, Colour.GREEN);
            }
            URI wsUrl = node.has("wsUrl")
                    ? url(node.path("wsUrl"), at + ".wsUrl", system, Set.of("ws", "wss"), true)
                    : baseUrl == null ? null : URI.create(baseUrl.toString().replaceFirst("^http", "ws"));
            return new SystemTarget(system, baseUrl, wsUrl, paths, thresholds, credentials, defaults.credentials(), settings);
        }

        private Map<String, String> overlayStrings(Map<String, String> defaults, JsonNode node, String at, String system) {
            rejectUnknownKeys(node, defaults.keySet(), at + ".");
            Map<String, String> result = new LinkedHashMap<>(defaults);
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw error(at + "." + e.getKey(), "expected a single value");
                }
                String value = substitute(e.getValue().asText(), system + " " + at.substring(at.lastIndexOf('.') + 1) + "." + e.getKey());
                result.put(e.getKey(), value == null ? "" : value); // a missing variable is reported with the others
            });
            return result;
        }

        private URI url(JsonNode node, String at, String system, Set<String> schemes, boolean required) {
            if (node.isMissingNode() || node.isNull()) {
                if (required) {
                    throw error(at, "required: the URL where " + system + " is deployed");
                }
                return null;
            }
            String raw = node.asText();
            String text = substitute(raw, system + " " + at.substring(at.lastIndexOf('.') + 1));
            if (text == null) {
                return null; // reported with the other missing variables
            }
            // A value from a variable is named by its placeholder, never echoed: it may carry a token.
            String shown = PLACEHOLDER.matcher(raw).find() ? raw + " (its value)" : "'" + raw + "'";
            URI uri;
            try {
                uri = new URI(text);
            } catch (java.net.URISyntaxException e) {
                throw error(at, shown + " is not a URL (" + e.getReason() + ")");
            }
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase()) || uri.getHost() == null) {
                throw error(at, shown + " is not a " + String.join("/", new java.util.TreeSet<>(schemes)) + " URL with a host");
            }
            String normalized = uri.toString().replaceAll("/+$", "");
            return URI.create(normalized);
        }

        /** Replaces placeholders; a missing variable is recorded (all are reported together) and yields null. */
        private String substitute(String raw, String usedBy) {
            Matcher m = PLACEHOLDER.matcher(raw);
            StringBuilder out = new StringBuilder();
            boolean complete = true;
            while (m.find()) {
                String variable = m.group(1);
                // Empty counts as unset, as in the shell's ${VAR:-}: a CI secret that was never defined maps to "".
                String value = variables.get(variable).filter(v -> !v.isEmpty()).orElse(m.group(2) != null ? m.group(3) : null);
                if (value == null) {
                    missing.putIfAbsent(variable, usedBy);
                    complete = false;
                    value = "";
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return complete ? out.toString() : null;
        }

        private void rejectUnknownKeys(JsonNode node, Set<String> known, String prefix) {
            if (node.isMissingNode() || node.isNull()) {
                return;
            }
            if (!node.isObject()) {
                throw error(prefix.replaceFirst("\\.$", ""), "expected a mapping of keys");
            }
            Set<String> unknown = new LinkedHashSet<>();
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    unknown.add(name);
                }
            });
            if (!unknown.isEmpty()) {
                String name = unknown.iterator().next();
                throw error(prefix + name, "unknown key" + suggestion(name, known)
                        + " (known here: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }

        private boolean bool(JsonNode root, String key, boolean fallback) {
            JsonNode value = root.path(key);
            if (value.isMissingNode()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw error(key, "expected true or false, got '" + value.asText() + "'");
            }
            return value.asBoolean();
        }

        private EnvironmentException error(String key, String problem) {
            return new EnvironmentException(fileName + ": " + key + ": " + problem);
        }
    }

    /** "did you mean" for typos: the known key with the smallest edit distance, if close. */
    static String suggestion(String name, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = editDistance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A system's defaults: the contract's paths, the checklist's numbers, the credential and setting names. */
    record SystemDefaults(Map<String, String> paths, Map<String, Double> thresholds,
                          Map<String, String> credentials, Map<String, String> settings) {

        /**
         * The shared layer ({@code systems/defaults.yaml}: the keys the toolkit itself reads, such as the readiness
         * and version paths and the request budget), then the system's own {@code systems/<system>/defaults.yaml}.
         */
        static SystemDefaults of(String system) {
            JsonNode shared = read("dev/deployverify/systems/defaults.yaml");
            JsonNode own = read("dev/deployverify/systems/" + system + "/defaults.yaml");
            Map<String, Double> thresholds = new LinkedHashMap<>();
            for (JsonNode root : List.of(shared, own)) {
                root.path("thresholds").fields().forEachRemaining(e -> thresholds.put(e.getKey(), e.getValue().asDouble()));
            }
            return new SystemDefaults(merged(shared, own, "paths"), thresholds, merged(shared, own, "credentials"),
                    merged(shared, own, "settings"));
        }

        private static JsonNode read(String resource) {
            try (InputStream in = EnvironmentLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing class-path resource " + resource);
                }
                return YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Map<String, String> merged(JsonNode shared, JsonNode own, String section) {
            Map<String, String> map = strings(shared.path(section));
            map.putAll(strings(own.path(section)));
            return map;
        }

        private static Map<String, String> strings(JsonNode node) {
            Map<String, String> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
            return map;
        }
    }
}
