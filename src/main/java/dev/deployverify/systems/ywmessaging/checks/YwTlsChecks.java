package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.TlsVerification;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;

/** Phase 1 "SSL certificates valid (not expiring within 30 days)", checked again on what is now serving. */
@YwMessagingCheck
@DisplayName("YWMessaging: TLS certificate")
class YwTlsChecks {

    @SecurityCheck
    @Verifies("YW-6.3")
    @DisplayName("SSL certificates valid (not expiring within 30 days)")
    void certificateValidAndNotExpiringSoon(TlsVerification tls) throws IOException {
        tls.certificateValid("tlsMinDaysValid");
    }
}
