package dev.deployverify.systems;

import java.util.Locale;

/**
 * A fault a system's stand-in can be started with, implemented by the system's fault enum: one constant per fault,
 * carrying everything about it in its {@link FaultSpec}. Its id is {@code <system>.<constant in kebab case>}, as
 * {@code -Dreference.faults} takes it: {@code HEALTH_DOWN} of a system {@code x} is {@code x.health-down}.
 */
public interface Fault {

    /** The enum constant's name. */
    String name();

    FaultSpec spec();

    /** The name within its system: the constant in kebab case. */
    default String shortName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
