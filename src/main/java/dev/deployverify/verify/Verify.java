package dev.deployverify.verify;

import dev.deployverify.perf.PerfAssertions;
import io.restassured.response.Response;

/**
 * The checks' one assertion entry point: AssertJ's assertions, the latency assertions ({@code assertThat(sample)}) and
 * the HTTP answer's ({@code that(response)}), from one import.
 *
 * <pre>{@code
 * import static dev.deployverify.verify.Verify.assertThat;
 *
 * Verify.that(api.login(email, "wrong")).as("login with a wrong password").hasStatus(401);
 * assertThat(sample).hasAtLeastSamples(200).hasPercentileBelow(95, 500);
 * }</pre>
 */
public class Verify extends PerfAssertions {

    protected Verify() {
    }

    /** What a request answered: its status, body fields and headers, each failure naming the request and what came. */
    public static ResponseAssert assertThat(Response actual) {
        return new ResponseAssert(actual);
    }

    /** As {@link #assertThat(Response)}, reading as a sentence: {@code Verify.that(response).hasStatus(200)}. */
    public static ResponseAssert that(Response actual) {
        return new ResponseAssert(actual);
    }
}
