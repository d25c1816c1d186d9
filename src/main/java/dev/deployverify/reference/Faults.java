package dev.deployverify.reference;

import java.util.Set;
import java.util.TreeSet;

/** The faults one system's stand-in was started with, typed by the system's fault enum. */
public final class Faults<F extends Enum<F>> {

    private final Set<F> enabled;

    public Faults(Set<F> enabled) {
        this.enabled = Set.copyOf(enabled);
    }

    public boolean has(F fault) {
        return enabled.contains(fault);
    }

    public boolean any() {
        return !enabled.isEmpty();
    }

    @Override
    public String toString() {
        return enabled.isEmpty() ? "none" : String.join(", ", new TreeSet<>(enabled.stream().map(Enum::name).toList()));
    }
}
