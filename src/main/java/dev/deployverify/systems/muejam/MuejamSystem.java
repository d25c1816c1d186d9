package dev.deployverify.systems.muejam;

import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.muejam.reference.MuejamInfraReference;
import dev.deployverify.systems.muejam.reference.MuejamReference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** MueJam Library: its faults and its reference stand-in; checks, checklist and defaults sit in this package too. */
public final class MuejamSystem implements VerifiedSystem<MuejamFault> {

    @Override
    public Class<MuejamFault> faultType() {
        return MuejamFault.class;
    }

    /**
     * MueJam is deployed blue-green: a live (blue) and a green stack, sharing the Clerk test secret, the faults and
     * one database.
     */
    @Override
    public StandIn startStandIn(Set<MuejamFault> enabled) {
        Faults<MuejamFault> faults = new Faults<>(enabled);
        MuejamInfraReference database = new MuejamInfraReference(faults);
        String secret = MuejamReference.newTestSecret();
        String moderator = "user_moderator_" + UUID.randomUUID().toString().substring(0, 8);
        MuejamReference blue = new MuejamReference(faults, "blue", secret, moderator);
        MuejamReference green = new MuejamReference(faults, "green", secret, moderator);
        Map<String, String> variables = new LinkedHashMap<>(database.variables());
        variables.putAll(Map.of("reference.muejam.url", blue.url(), "reference.muejam.plainHttpUrl", blue.plainHttpUrl(),
                "reference.muejam.greenUrl", green.url(), "reference.muejam.jwtSecret", secret,
                "reference.muejam.moderatorUserId", moderator));
        return new StandIn() {
            @Override
            public Map<String, String> variables() {
                return variables;
            }

            @Override
            public Map<String, Integer> leftovers() {
                Map<String, Integer> left = new LinkedHashMap<>(blue.leftovers());
                green.leftovers().forEach((kind, count) -> left.put(kind + " (green)", count));
                return left;
            }

            @Override
            public void close() {
                for (AutoCloseable part : List.<AutoCloseable>of(green, blue, database)) {
                    try {
                        part.close();
                    } catch (Exception e) {
                        // Stopping one stack must not keep the others running.
                    }
                }
            }
        };
    }
}
