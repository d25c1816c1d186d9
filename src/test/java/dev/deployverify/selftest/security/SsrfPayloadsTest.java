package dev.deployverify.selftest.security;

import dev.deployverify.security.SsrfPayloads;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SsrfPayloadsTest {

    @Test
    void coversEveryCaseTheBriefNames() {
        assertThat(SsrfPayloads.all()).extracting(SsrfPayloads.Payload::url).contains(
                "http://127.0.0.1/", "http://localhost/", "http://[::1]/", "http://0.0.0.0/", "http://2130706433/",
                "http://0x7f000001/", "http://127.1/", "http://169.254.169.254/latest/meta-data/",
                "http://[fd00:ec2::254]/latest/meta-data/", "file:///etc/passwd", "http://user@127.0.0.1/");
        assertThat(SsrfPayloads.all()).extracting(SsrfPayloads.Payload::family).contains(
                "loopback", "numeric-ip", "ipv6", "metadata", "private", "scheme", "credentials", "dns");
    }

    @Test
    void namesAreUniqueSoEachIsItsOwnReportRow() {
        assertThat(SsrfPayloads.all().stream().map(SsrfPayloads.Payload::name).collect(Collectors.toSet()))
                .hasSameSizeAs(SsrfPayloads.all());
    }

    @Test
    void familiesAreSelectable() {
        assertThat(SsrfPayloads.family("numeric-ip")).hasSize(4).allSatisfy(p -> assertThat(p.family()).isEqualTo("numeric-ip"));
        assertThatThrownBy(() -> SsrfPayloads.family("nope")).hasMessageContaining("nope");
    }
}
