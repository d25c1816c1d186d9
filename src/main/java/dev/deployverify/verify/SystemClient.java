package dev.deployverify.verify;

import dev.deployverify.env.SystemTarget;
import dev.deployverify.run.SystemUnderTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Objects;

import static io.restassured.RestAssured.given;

/**
 * What each system's client extends: requests through the run's HTTP specification for the system (base URI,
 * timeouts, redacted evidence, the request budget), to the paths the environment names. A check class gets its
 * system's client as a constructor parameter, a fresh one per check instance (see
 * {@link dev.deployverify.junit.VerificationExtension}): a client may remember what its check created.
 */
public class SystemClient {

    protected final SystemUnderTest sut;

    public SystemClient(SystemUnderTest sut) {
        this.sut = Objects.requireNonNull(sut, "sut");
    }

    /** The system in this environment, its settings and the run's shared state. */
    public SystemUnderTest sut() {
        return sut;
    }

    public SystemTarget target() {
        return sut.target();
    }

    /** The path the environment names {@code key} (the code's own path by default). */
    public String path(String key) {
        return sut.target().path(key);
    }

    /** The numbers this system's checks are held to, each recorded in the report where a check applies it. */
    public Thresholds thresholds() {
        return new Thresholds(sut);
    }

    /** A fresh request to this system; a system whose requests carry more (a test token) says so by overriding it. */
    public RequestSpecification request() {
        return given().spec(sut.http());
    }

    public Response get(String pathKey) {
        return request().get(path(pathKey));
    }
}
