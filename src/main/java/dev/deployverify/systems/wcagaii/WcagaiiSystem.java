package dev.deployverify.systems.wcagaii;

import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.wcagaii.reference.WcagaiiReference;

import java.util.Set;

/** Wcagaii: its faults and its reference stand-in; checks, checklist and defaults sit in this package too. */
public final class WcagaiiSystem implements VerifiedSystem<WcagaiiFault> {

    @Override
    public Class<WcagaiiFault> faultType() {
        return WcagaiiFault.class;
    }

    @Override
    public StandIn startStandIn(Set<WcagaiiFault> faults) {
        return new WcagaiiReference(new Faults<>(faults));
    }
}
