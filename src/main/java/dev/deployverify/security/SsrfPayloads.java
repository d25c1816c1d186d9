package dev.deployverify.security;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Server-side request forgery cases from the OWASP SSRF prevention cheat sheet, as URLs to hand to a service that
 * fetches URLs: loopback in its many spellings, cloud metadata, private ranges, non-HTTP schemes and credential
 * tricks. A check sends each one as data and expects the service to refuse it; the suite itself never connects to
 * any of them.
 */
public final class SsrfPayloads {

    /** A named payload: {@code family} groups spellings of one trick, {@code name} is the report's row. */
    public record Payload(String family, String name, String url) {
        public Payload {
            Objects.requireNonNull(family);
            Objects.requireNonNull(name);
            URI.create(url); // every payload is at least a syntactically valid URI
        }

        @Override
        public String toString() {
            return name + ": " + url;
        }
    }

    /** Host name in public DNS that resolves to 127.0.0.1: looks external, is loopback. */
    public static final String LOOPBACK_ALIAS_HOST = "localtest.me";

    private static final List<Payload> ALL = List.of(
            new Payload("loopback", "loopback IPv4", "http://127.0.0.1/"),
            new Payload("loopback", "loopback name", "http://localhost/"),
            new Payload("loopback", "unspecified address 0.0.0.0", "http://0.0.0.0/"),
            new Payload("numeric-ip", "loopback as one decimal number", "http://2130706433/"),
            new Payload("numeric-ip", "loopback in hexadecimal", "http://0x7f000001/"),
            new Payload("numeric-ip", "loopback in short form 127.1", "http://127.1/"),
            new Payload("numeric-ip", "loopback in octal", "http://0177.0.0.1/"),
            new Payload("ipv6", "loopback IPv6 [::1]", "http://[::1]/"),
            new Payload("ipv6", "IPv4-mapped IPv6 loopback", "http://[::ffff:127.0.0.1]/"),
            new Payload("metadata", "cloud metadata 169.254.169.254", "http://169.254.169.254/latest/meta-data/"),
            new Payload("metadata", "AWS metadata over IPv6", "http://[fd00:ec2::254]/latest/meta-data/"),
            new Payload("private", "private range 10.0.0.0/8", "http://10.0.0.1/"),
            new Payload("private", "private range 172.16.0.0/12", "http://172.16.0.1/"),
            new Payload("private", "private range 192.168.0.0/16", "http://192.168.1.1/"),
            new Payload("scheme", "file scheme", "file:///etc/passwd"),
            new Payload("scheme", "gopher scheme", "gopher://127.0.0.1:6379/_INFO"),
            new Payload("scheme", "ftp scheme", "ftp://127.0.0.1/"),
            new Payload("credentials", "user info before a loopback host", "http://user@127.0.0.1/"),
            new Payload("credentials", "public-looking name in user info, loopback host", "http://example.com@127.0.0.1/"),
            new Payload("dns", "public name that resolves to loopback", "http://" + LOOPBACK_ALIAS_HOST + "/"));

    private SsrfPayloads() {
    }

    /** Every payload, in a stable order. */
    public static List<Payload> all() {
        return ALL;
    }

    public static List<Payload> family(String family) {
        List<Payload> payloads = ALL.stream().filter(p -> p.family().equals(family)).toList();
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException("no SSRF payload family '" + family + "'");
        }
        return payloads;
    }
}
