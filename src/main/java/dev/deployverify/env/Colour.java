package dev.deployverify.env;

import java.util.Locale;

/**
 * Which stack of a blue-green deployment a run verifies: {@code live} (each system's {@code baseUrl}, the default)
 * or {@code green} (each system's {@code greenUrl}: the new stack, before traffic is switched to it). Chosen with
 * {@code -Dcolour=green}.
 */
public enum Colour {
    LIVE, GREEN;

    /** Blank means live; anything but live or green stops the run with one line. */
    public static Colour parse(String text) {
        if (text == null || text.isBlank()) {
            return LIVE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EnvironmentException("colour: unknown colour '" + text + "' (known: live, green)");
        }
    }
}
