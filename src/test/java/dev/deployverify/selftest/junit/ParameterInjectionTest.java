package dev.deployverify.selftest.junit;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.VerifiesSystem;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.verify.HealthVerification;
import dev.deployverify.verify.SystemClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check takes what it is built on by type: a system's client or a shared check body (anything with a public
 * constructor taking only the system under test), in its constructor or its method, a new one per test instance.
 */
class ParameterInjectionTest {

    static final List<Object> CLIENTS = new CopyOnWriteArrayList<>();

    @Test
    void aClientAndABodyAreBuiltOnTheSystemUnderTestPerInstance() {
        CLIENTS.clear();
        CheckRun.Outcome outcome = CheckRun.againstReference().run(InjectedFixture.class);

        assertThat(outcome.failed()).as("failed (%s)", outcome).isEmpty();
        assertThat(outcome.passed()).hasSize(2);
        assertThat(CLIENTS).as("the clients the two checks got").hasSize(2).doesNotHaveDuplicates();
    }

    /**
     * JUnit turns whatever a parameter's construction throws into a resolution failure, a skip included: clients and
     * bodies ask for their settings when they are used, never in their constructors. One that does fails its check
     * naming why, rather than passing or vanishing.
     */
    @Test
    void aConstructorThatThrowsFailsTheCheckNamingWhy() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(SkippingFixture.class);

        assertThat(outcome.failed()).as("failed (%s)", outcome).hasEntrySatisfying("Fixture item: a client that needs a setting",
                message -> assertThat(message).contains("NeedsSettingClient").contains("noSuchSetting"));
    }

    @Test
    void aTypeNotBuiltOnTheSystemUnderTestIsNotResolved() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(UnresolvableFixture.class);

        assertThat(outcome.failed()).as("failed (%s)", outcome).hasEntrySatisfying("Fixture item: a parameter nobody builds",
                message -> assertThat(message).contains("No ParameterResolver registered"));
    }

    /** A system's client as a check gets it. */
    public static final class FixtureClient extends SystemClient {
        public FixtureClient(SystemUnderTest sut) {
            super(sut);
        }
    }

    /** A client that asks for a setting in its constructor (which clients do not do). */
    public static final class NeedsSettingClient extends SystemClient {
        public NeedsSettingClient(SystemUnderTest sut) {
            super(sut);
            sut.requireSetting("noSuchSetting", "a setting no environment gives");
        }
    }

    @VerifiesSystem("ywmessaging")
    static class InjectedFixture {
        private final FixtureClient api;

        InjectedFixture(FixtureClient api) {
            this.api = api;
            CLIENTS.add(api);
        }

        @SmokeCheck
        @DisplayName("Fixture item: the constructor's client and a method's body")
        void first(HealthVerification health, FixtureClient another) {
            assertThat(another).as("a method's own client").isNotSameAs(api);
            assertThat(api.target().name()).isEqualTo("ywmessaging");
            health.up("live", "alive", true);
        }

        @SmokeCheck
        @DisplayName("Fixture item: a second instance, a second client")
        void second() {
            assertThat(api.sut().target().name()).isEqualTo("ywmessaging");
        }
    }

    @VerifiesSystem("ywmessaging")
    static class SkippingFixture {
        @SmokeCheck
        @DisplayName("Fixture item: a client that needs a setting")
        void check(NeedsSettingClient api) {
            assertThat(api).isNotNull();
        }
    }

    @VerifiesSystem("ywmessaging")
    static class UnresolvableFixture {
        @SmokeCheck
        @DisplayName("Fixture item: a parameter nobody builds")
        void check(StringBuilder notBuiltOnTheSystem) {
            assertThat(notBuiltOnTheSystem).isNotNull();
        }
    }
}
