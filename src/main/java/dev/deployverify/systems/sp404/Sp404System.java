package dev.deployverify.systems.sp404;

import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.sp404.reference.Sp404Reference;

import java.util.Set;

/** Sp404: its faults and its reference stand-in; checks, checklist and defaults sit in this package too. */
public final class Sp404System implements VerifiedSystem<Sp404Fault> {

    @Override
    public Class<Sp404Fault> faultType() {
        return Sp404Fault.class;
    }

    @Override
    public StandIn startStandIn(Set<Sp404Fault> faults) {
        return new Sp404Reference(new Faults<>(faults));
    }
}
