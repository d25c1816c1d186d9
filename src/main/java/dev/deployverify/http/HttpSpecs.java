package dev.deployverify.http;

import dev.deployverify.env.SystemTarget;
import dev.deployverify.env.Timeouts;
import dev.deployverify.evidence.Redactor;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import org.apache.http.impl.client.DefaultHttpClient;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one factory of the suite's HTTP clients (all but the load engine's own {@code Http1Connection}): REST Assured
 * specifications for the checks, and {@link #jdkClient} for readiness, versions and probes. Every one speaks
 * HTTP/1.1 and nothing else: the JDK client's default (HTTP/2) offers an {@code Upgrade: h2c} on each new
 * {@code http://} connection, and a Node server with socket.io attached hands every Upgrade request to engine.io,
 * which closes a non-WebSocket one unanswered, so readiness would never succeed against YWMessaging or DAWG AI.
 * REST Assured's Apache client never offers an upgrade.
 *
 * <p>The specifications: each system gets its own: base URI, connect and read timeouts (nothing hangs: each read is
 * bounded, and the whole exchange by {@link RequestDeadline}), text answers read up to 16 MB ({@link BodyCap}),
 * redirects not followed (a redirect is a finding, not something to walk past), the system's {@link RequestBudget}
 * (counted, refused past it, a 429 inconclusive) and the redacting Allure filter. Never {@code RestAssured.baseURI} or
 * global filters: checks of several systems share a JVM.
 */
public final class HttpSpecs {

    private HttpSpecs() {
    }

    public static RequestSpecification forSystem(SystemTarget target, Timeouts timeouts, Redactor redactor) {
        return forBaseUri(target.baseUrl().toString(), timeouts, redactor);
    }

    /** A JDK client speaking HTTP/1.1 only (no h2c upgrade offer), not following redirects. */
    public static HttpClient jdkClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** As {@link #forSystem(SystemTarget, Timeouts, Redactor)}, every request counted against the system's budget. */
    public static RequestSpecification forSystem(SystemTarget target, Timeouts timeouts, Redactor redactor, RequestBudget budget) {
        return forBaseUri(target.baseUrl().toString(), timeouts, redactor, budget);
    }

    public static RequestSpecification forBaseUri(String baseUri, Timeouts timeouts, Redactor redactor) {
        return forBaseUri(baseUri, timeouts, redactor, null);
    }

    /**
     * @param budget the system's request budget (see {@link RequestBudget}): every request is counted, refused past
     *               it, and a 429 makes the check inconclusive; null: not counted (the suite's own tests)
     */
    public static RequestSpecification forBaseUri(String baseUri, Timeouts timeouts, Redactor redactor, RequestBudget budget) {
        return forBaseUri(baseUri, timeouts, redactor, budget, false);
    }

    /**
     * For a rate-limit enforcement check that sends on a key or budget of its own: its requests are counted, never
     * refused, and its 429s reach the check (they are its finding).
     */
    public static RequestSpecification forOwnRateLimit(SystemTarget target, Timeouts timeouts, Redactor redactor, RequestBudget budget) {
        return forBaseUri(target.baseUrl().toString(), timeouts, redactor, budget, true);
    }

    private static RequestSpecification forBaseUri(String baseUri, Timeouts timeouts, Redactor redactor, RequestBudget budget,
                                                   boolean dedicated) {
        int connectMs = (int) timeouts.connect().toMillis();
        int requestMs = (int) timeouts.request().toMillis();
        RestAssuredConfig config = RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", connectMs)
                        .setParam("http.socket.timeout", requestMs)
                        .setParam("http.connection-manager.timeout", (long) connectMs)
                        .httpClientFactory(() -> {
                            DefaultHttpClient client = new DefaultHttpClient();
                            client.addRequestInterceptor(RequestDeadline.registeringInterceptor());
                            client.addResponseInterceptor(new BodyCap());
                            return client;
                        }))
                .redirect(RedirectConfig.redirectConfig().followRedirects(false));
        RequestSpecBuilder builder = new RequestSpecBuilder()
                .setBaseUri(baseUri)
                .setConfig(config)
                .addFilter(Answer.recorder(redactor));  // first: sees the response the check gets, for Answer.of
        if (budget != null) {
            builder.addFilter(new RequestBudgetFilter(budget, dedicated));
        }
        return builder
                .addFilter(new RedactingAllureFilter(redactor))
                .addFilter(new RequestDeadline(timeouts.connect().plus(timeouts.request())))
                .build();
    }
}
