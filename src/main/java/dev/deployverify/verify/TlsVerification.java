package dev.deployverify.verify;

import dev.deployverify.http.TlsCertificates;
import dev.deployverify.run.SystemUnderTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The body of the TLS certificate check: the certificate the system's base URL presents is trusted for its host and
 * valid for more than the threshold's days. Both problems (untrusted and expiring) are reported together. A base URL
 * that is not https has no certificate to check: the check is skipped saying so.
 */
public final class TlsVerification {

    private final SystemUnderTest sut;
    private final Thresholds thresholds;

    public TlsVerification(SystemUnderTest sut) {
        this.sut = sut;
        this.thresholds = new Thresholds(sut);
    }

    /** Trusted, and not expiring within the threshold {@code minDaysKey} (days). */
    public void certificateValid(String minDaysKey) throws IOException {
        Assumptions.assumeTrue("https".equals(sut.target().baseUrl().getScheme()),
                () -> "base URL " + sut.target().baseUrl() + " is not https: there is no certificate to check");
        TlsCertificates.Inspection certificate = TlsCertificates.inspect(sut.target().baseUrl(), sut.timeouts());
        long minDays = thresholds.count(minDaysKey);
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
