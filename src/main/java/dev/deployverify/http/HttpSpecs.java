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

/**
 * The one factory of REST Assured specifications. Each system gets its own: base URI, connect and read timeouts
 * (nothing hangs: each read is bounded, and the whole exchange by {@link RequestDeadline}), redirects not followed (a redirect is a finding, not something to walk past), and the redacting
 * Allure filter. Never {@code RestAssured.baseURI} or global filters: checks of several systems share a JVM.
 */
public final class HttpSpecs {

    private HttpSpecs() {
    }

    public static RequestSpecification forSystem(SystemTarget target, Timeouts timeouts, Redactor redactor) {
        return forBaseUri(target.baseUrl().toString(), timeouts, redactor);
    }

    public static RequestSpecification forBaseUri(String baseUri, Timeouts timeouts, Redactor redactor) {
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
                            return client;
                        }))
                .redirect(RedirectConfig.redirectConfig().followRedirects(false));
        return new RequestSpecBuilder()
                .setBaseUri(baseUri)
                .setConfig(config)
                .addFilter(Answer.recorder(redactor))  // first: sees the response the check gets, for Answer.of
                .addFilter(new RedactingAllureFilter(redactor))
                .addFilter(new RequestDeadline(timeouts.connect().plus(timeouts.request())))
                .build();
    }
}
