package dev.deployverify.systems.ywmessaging;

import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.ywmessaging.reference.YwMessagingReference;

import java.util.Set;

/** YwMessaging: its faults and its reference stand-in; checks, checklist and defaults sit in this package too. */
public final class YwMessagingSystem implements VerifiedSystem<YwMessagingFault> {

    @Override
    public Class<YwMessagingFault> faultType() {
        return YwMessagingFault.class;
    }

    @Override
    public StandIn startStandIn(Set<YwMessagingFault> faults) {
        return new YwMessagingReference(new Faults<>(faults));
    }
}
