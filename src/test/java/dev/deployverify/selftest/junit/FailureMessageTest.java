package dev.deployverify.selftest.junit;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.junit.VerifiesSystem;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A failing check's message names its checklist item and never carries a secret, whatever the check put in it. */
class FailureMessageTest {

    @Test
    void failureNamesTheItemAndMasksSecrets() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(SecretLeakingFixture.class);

        assertThat(outcome.failed()).containsOnlyKeys("Fixture item: a check that puts secrets in its failure");
        String message = outcome.failed().values().iterator().next();
        assertThat(message)
                .startsWith("CheckFailed: Fixture item: a check that puts secrets in its failure: ")
                .contains("password [REDACTED]", "stripe [REDACTED]", "token [REDACTED]")
                .doesNotContain("pw-", "whsec_", "eyJ");
    }

    @Test
    void anErrorThatIsNotAnAssertionSaysTheCheckCouldNotComplete() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(UnreachableFixture.class);

        assertThat(outcome.failed().values()).singleElement().asString()
                .contains("Fixture item: a target that refuses connections: could not complete: ConnectException");
    }

    @VerifiesSystem("ywmessaging")
    static class SecretLeakingFixture {
        @SmokeCheck
        @DisplayName("Fixture item: a check that puts secrets in its failure")
        void leaks(SystemUnderTest sut) {
            String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl";
            fail("password " + sut.target().credential("password").orElseThrow()
                    + " stripe " + sut.target().credential("stripeWebhookSecret").orElseThrow()
                    + " token " + jwt);
        }
    }

    @VerifiesSystem("ywmessaging")
    static class UnreachableFixture {
        @SmokeCheck
        @DisplayName("Fixture item: a target that refuses connections")
        void connects() throws Exception {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", 1), 1000);
            }
        }
    }
}
