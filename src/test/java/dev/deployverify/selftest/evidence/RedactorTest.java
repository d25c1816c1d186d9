package dev.deployverify.selftest.evidence;

import dev.deployverify.evidence.Redactor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void masksRegisteredSecretsWhereverTheyAppear() {
        redactor.register("pw-Secret+Value/1");

        assertThat(redactor.redact("login failed for password pw-Secret+Value/1!")).isEqualTo("login failed for password [REDACTED]!");
        assertThat(redactor.redact("GET /x?p=pw-Secret%2BValue%2F1")).as("URL-encoded form").doesNotContain("Secret");
    }

    @Test
    void masksTokensItWasNeverToldAbout() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJhZG1pbklkIjoiMSJ9.c2lnbmF0dXJlLXZhbHVl";

        assertThat(redactor.redact("Bearer " + jwt)).isEqualTo("Bearer [REDACTED]");
        assertThat(redactor.redact("{\"accessToken\":\"opaque-123456\",\"name\":\"x\"}"))
                .isEqualTo("{\"accessToken\":\"[REDACTED]\",\"name\":\"x\"}");
        assertThat(redactor.redact("wss://host/socket.io/?token=abcdef123&EIO=4")).isEqualTo("wss://host/socket.io/?token=[REDACTED]&EIO=4");
    }

    @Test
    void masksSensitiveHeadersByNameWhateverTheirValue() {
        assertThat(redactor.headerValue("Authorization", "Basic dXNlcjpwYXNz")).isEqualTo(Redactor.MASK);
        assertThat(redactor.headerValue("set-cookie", "accessToken=abc; HttpOnly")).isEqualTo(Redactor.MASK);
        assertThat(redactor.headerValue("Content-Type", "application/json")).isEqualTo("application/json");
    }

    @Test
    void leavesOrdinaryTextAloneAndIgnoresTooShortSecrets() {
        redactor.register("abc");

        assertThat(redactor.redact("abcdef status ok")).isEqualTo("abcdef status ok");
    }
}
