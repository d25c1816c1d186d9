package dev.deployverify.selftest.evidence;

import dev.deployverify.evidence.FailureCause;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue "Evidence you can sign", item 6: "Contract" no longer swallows every failure, login 500s included. */
class FailureCauseTest {

    @Test
    void aLoginThatAnswers500IsAvailabilityNotContract() {
        assertThat(FailureCause.of(new AssertionError("expected POST /api/auth/login to answer 200, got 500 {\"error\":\"boom\"}"),
                Set.of("flow", "ywmessaging"), true)).isEqualTo(FailureCause.AVAILABILITY);
        assertThat(FailureCause.of(new AssertionError("[GET /health status] expected: 200 but was: 503"), Set.of("smoke"), true))
                .isEqualTo(FailureCause.AVAILABILITY);
    }

    @Test
    void aRefusedLoginOfTheTestAccountIsAuthentication() {
        assertThat(FailureCause.of(new AssertionError("expected POST /api/auth/login to answer 200, got 401 {\"error\":\"Invalid credentials\"}"),
                Set.of("flow"), true)).isEqualTo(FailureCause.AUTHENTICATION);
    }

    @Test
    void aSecurityCheckThatExpected401IsSecurity() {
        assertThat(FailureCause.of(new AssertionError("[GET /v1/users/me/ with a forged token: expected 401] expected: 401 but was: 200"),
                Set.of("security"), true)).isEqualTo(FailureCause.SECURITY);
    }

    @Test
    void latencyOverBudgetIsPerformance() {
        assertThat(FailureCause.of(new AssertionError("expected p95 < 200 ms over 50 samples, measured 340 ms"),
                Set.of("performance"), true)).isEqualTo(FailureCause.PERFORMANCE);
    }

    @Test
    void aWrongAnswerIsContract() {
        assertThat(FailureCause.of(new AssertionError("[GET /health .status] expected: \"healthy\" but was: \"ok\""),
                Set.of("smoke"), true)).isEqualTo(FailureCause.CONTRACT);
    }

    @Test
    void aTargetThatDoesNotAnswerIsAvailability() {
        assertThat(FailureCause.of(new RuntimeException("request failed", new ConnectException("Connection refused")), Set.of(), false))
                .isEqualTo(FailureCause.AVAILABILITY);
        assertThat(FailureCause.of(new HttpTimeoutException("request timed out"), Set.of(), false)).isEqualTo(FailureCause.AVAILABILITY);
    }

    @Test
    void anUntrustedCertificateIsSecurity() {
        assertThat(FailureCause.of(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"), Set.of(), false))
                .isEqualTo(FailureCause.SECURITY);
    }

    @Test
    void aBugOfTheSuiteIsBroken() {
        assertThat(FailureCause.of(new NullPointerException("Cannot invoke \"String.length()\""), Set.of("smoke"), false))
                .isEqualTo(FailureCause.BROKEN);
    }
}
