package dev.deployverify.env;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One system under verification as an environment describes it: where it is, the paths it serves, the thresholds
 * it is held to, the credentials the checks may use, and free-form settings (test user ids, allowed origins...).
 */
public final class SystemTarget {

    private final String name;
    private final URI baseUrl;
    private final URI wsUrl;
    private final Map<String, String> paths;
    private final Map<String, Double> thresholds;
    private final Map<String, String> credentials;
    private final Map<String, String> credentialDescriptions;
    private final Map<String, String> settings;
    private final Colour colour;

    SystemTarget(String name, URI baseUrl, URI wsUrl, Map<String, String> paths, Map<String, Double> thresholds,
                 Map<String, String> credentials, Map<String, String> credentialDescriptions,
                 Map<String, String> settings) {
        this(name, baseUrl, wsUrl, paths, thresholds, credentials, credentialDescriptions, settings, Colour.LIVE);
    }

    SystemTarget(String name, URI baseUrl, URI wsUrl, Map<String, String> paths, Map<String, Double> thresholds,
                 Map<String, String> credentials, Map<String, String> credentialDescriptions,
                 Map<String, String> settings, Colour colour) {
        this.colour = colour;
        this.name = name;
        this.baseUrl = baseUrl;
        this.wsUrl = wsUrl;
        this.paths = Map.copyOf(paths);
        this.thresholds = Map.copyOf(thresholds);
        this.credentials = Map.copyOf(credentials);
        this.credentialDescriptions = Map.copyOf(credentialDescriptions);
        this.settings = Map.copyOf(settings);
    }

    public String name() {
        return name;
    }

    /** Which stack is verified: live (the environment's baseUrl) or green (its greenUrl, which baseUrl then is). */
    public Colour colour() {
        return colour;
    }

    /** Base URL without a trailing slash: the green stack's in a green run. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** WebSocket base URL (ws/wss), derived from the base URL unless the environment gives one. */
    public URI wsUrl() {
        return wsUrl;
    }

    public String path(String key) {
        String path = paths.get(key);
        if (path == null) {
            throw new IllegalArgumentException(name + " has no path named '" + key + "'; known: " + new TreeMap<>(paths).keySet());
        }
        return path;
    }

    /** The absolute URL of a named path. */
    public URI url(String pathKey) {
        return URI.create(baseUrl + path(pathKey));
    }

    public double threshold(String key) {
        Double value = thresholds.get(key);
        if (value == null) {
            throw new IllegalArgumentException(name + " has no threshold named '" + key + "'; known: " + new TreeMap<>(thresholds).keySet());
        }
        return value;
    }

    public int intThreshold(String key) {
        return (int) Math.round(threshold(key));
    }

    /** A secret, if the environment gives it. Never log or attach the value. */
    public Optional<String> credential(String key) {
        if (!credentialDescriptions.containsKey(key)) {
            throw new IllegalArgumentException(name + " has no credential named '" + key + "'");
        }
        return Optional.ofNullable(credentials.get(key));
    }

    /** Every credential value, for registering with the redactor. */
    public java.util.Collection<String> credentialValues() {
        return credentials.values();
    }

    /** What a credential is for, to tell a user which one to configure. */
    public String credentialDescription(String key) {
        return credentialDescriptions.getOrDefault(key, key);
    }

    /** A setting, empty when not configured (blank counts as not configured). */
    public Optional<String> setting(String key) {
        if (!settings.containsKey(key)) {
            throw new IllegalArgumentException(name + " has no setting named '" + key + "'; known: " + new TreeMap<>(settings).keySet());
        }
        return Optional.ofNullable(settings.get(key)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return name + " at " + baseUrl + (colour == Colour.GREEN ? " (green)" : "");
    }
}
