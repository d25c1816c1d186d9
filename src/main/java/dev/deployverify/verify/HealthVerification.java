package dev.deployverify.verify;

import dev.deployverify.run.SystemUnderTest;

/**
 * The body of the health checks every system makes: GET one of its health endpoints and hold what it answered to
 * a status and the fields its code reports ({@code status}, {@code ready}, {@code alive}, a dependency's entry, every
 * service's entry), each failure naming the endpoint, what was expected and what came.
 *
 * <pre>{@code
 * health.endpoint("health").hasStatus(200).hasField("status", "ok");
 * health.endpoint("health").hasStatus(200, 503).hasField("status", "healthy").hasEveryEntry("services", "healthy");
 * }</pre>
 */
public final class HealthVerification {

    private final SystemClient client;
    private final Thresholds thresholds;

    /** Health endpoints asked without anything of a system's own (no token). */
    public HealthVerification(SystemUnderTest sut) {
        this(new SystemClient(sut));
    }

    /** Health endpoints asked the way this system's client asks (e.g. with its test token). */
    public HealthVerification(SystemClient client) {
        this.client = client;
        this.thresholds = new Thresholds(client.sut());
    }

    /** What the health endpoint {@code pathKey} answers to a GET, to hold to its status and fields. */
    public ResponseAssert endpoint(String pathKey) {
        return Verify.that(client.get(pathKey));
    }

    /** The endpoint answers 200 with its field reporting the value that means up ({@code "ok"}, {@code true}). */
    public ResponseAssert up(String pathKey, String field, Object value) {
        return endpoint(pathKey).hasStatus(200).hasField(field, value);
    }

    /** A threshold a reported figure is held to (a disk's percent used), recorded as the check's report parameter. */
    public double threshold(String key) {
        return thresholds.value(key);
    }
}
