package dev.deployverify.env;

import java.util.Map;
import java.util.Optional;

/** Where {@code ${NAME}} placeholders in an environment file get their values. */
@FunctionalInterface
public interface Variables {

    /** Placeholders naming {@code reference.*} are filled by the embedded reference deployment, never by the shell. */
    String REFERENCE_PREFIX = "reference.";

    Optional<String> get(String name);

    /** The process environment: how secrets reach a run in CI. */
    static Variables fromProcessEnvironment() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    static Variables of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name));
    }

    /** This source first, then {@code fallback}. */
    default Variables orElse(Variables fallback) {
        return name -> get(name).or(() -> fallback.get(name));
    }

    /**
     * For validating a file before the reference deployment is started: every {@code reference.*} variable resolves
     * to a well-formed stand-in, so only the shell's variables can be missing.
     */
    static Variables referenceStandIns() {
        return name -> name.startsWith(REFERENCE_PREFIX)
                ? Optional.of(name.endsWith("url") || name.endsWith("Url") ? "http://127.0.0.1:9" : "stand-in")
                : Optional.empty();
    }

}
