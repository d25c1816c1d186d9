package dev.deployverify.systems.dawg;

import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.dawg.reference.DawgReference;

import java.util.Set;

/** Dawg: its faults and its reference stand-in; checks, checklist and defaults sit in this package too. */
public final class DawgSystem implements VerifiedSystem<DawgFault> {

    @Override
    public Class<DawgFault> faultType() {
        return DawgFault.class;
    }

    @Override
    public StandIn startStandIn(Set<DawgFault> faults) {
        return new DawgReference(new Faults<>(faults));
    }
}
