package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.http.TlsCertificates;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Phase 1 "SSL certificates valid (not expiring within 30 days)", checked again on what is now serving. */
@YwMessagingCheck
@DisplayName("YWMessaging: TLS certificate")
class YwTlsChecks {

    private final SystemUnderTest sut;

    YwTlsChecks(SystemUnderTest sut) {
        this.sut = sut;
    }

    @SecurityCheck
    @Verifies("YW-6.3")
    @DisplayName("SSL certificates valid (not expiring within 30 days)")
    void certificateValidAndNotExpiringSoon() throws IOException {
        Assumptions.assumeTrue("https".equals(sut.target().baseUrl().getScheme()),
                () -> "base URL " + sut.target().baseUrl() + " is not https: there is no certificate to check");
        TlsCertificates.Inspection certificate = TlsCertificates.inspect(sut.target().baseUrl(), sut.timeouts());
        long minDays = sut.target().intThreshold("tlsMinDaysValid");
        Duration left = certificate.validFor(Instant.now());
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(certificate.trustProblem())
                .as("trust of the certificate of %s (%s)", sut.target().baseUrl().getHost(), certificate.subject()).isNull();
        softly.assertThat(left.toDays())
                .as("days until the certificate (%s) expires on %s; must be more than %d", certificate.subject(),
                        certificate.leaf().getNotAfter().toInstant(), minDays)
                .isGreaterThan(minDays);
        softly.assertAll();
    }
}
