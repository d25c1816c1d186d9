package dev.deployverify.http;

import dev.deployverify.evidence.Redactor;
import io.qameta.allure.Allure;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.nio.charset.StandardCharsets;

/**
 * Attaches each request and response to the current Allure step as text, with credentials masked: sensitive
 * headers by name, cookies, token fields in bodies, and every secret the run registered. Written here rather
 * than with AllureRestAssured because that one writes cookies and bodies verbatim.
 */
public final class RedactingAllureFilter implements Filter {

    /** Bounds each attachment: the evidence must stay small enough to attach to a sign-off. */
    static final int MAX_BODY_CHARS = 16_384;

    private final Redactor redactor;

    public RedactingAllureFilter(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        String title = request.getMethod() + " " + redactor.redact(pathOf(request.getURI()));
        StringBuilder sent = new StringBuilder(request.getMethod()).append(' ').append(redactor.redact(request.getURI())).append('\n');
        for (Header header : request.getHeaders()) {
            sent.append(header.getName()).append(": ").append(redactor.headerValue(header.getName(), header.getValue())).append('\n');
        }
        request.getCookies().forEach(cookie -> sent.append("Cookie: ").append(cookie.getName()).append('=').append(Redactor.MASK).append('\n'));
        Object body = request.getBody();
        if (body != null) {
            sent.append('\n').append(bounded(body instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.UTF_8)
                    : String.valueOf(body)));
        }
        Response response;
        try {
            response = context.next(request, responseSpec);
        } catch (RuntimeException e) {
            Allure.addAttachment("Request: " + title, "text/plain", sent.append("\n\n(no response: ")
                    .append(redactor.redact(String.valueOf(e.getMessage()))).append(")").toString(), ".txt");
            throw e;
        }
        Allure.addAttachment("Request: " + title, "text/plain", sent.toString(), ".txt");

        StringBuilder received = new StringBuilder(response.getStatusLine()).append('\n');
        for (Header header : response.getHeaders()) {
            received.append(header.getName()).append(": ").append(redactor.headerValue(header.getName(), header.getValue())).append('\n');
        }
        String responseBody = response.asString();
        if (responseBody != null && !responseBody.isEmpty()) {
            received.append('\n').append(bounded(responseBody));
        }
        Allure.addAttachment("Response: " + response.getStatusCode() + " " + title, "text/plain", received.toString(), ".txt");
        return response;
    }

    private static String pathOf(String uri) {
        int scheme = uri.indexOf("://");
        int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
        return slash < 0 ? uri : uri.substring(slash);
    }

    /** The text redacted and cut to {@link #MAX_BODY_CHARS}: of a 50 MB body only the start is redacted and attached. */
    private String bounded(String text) {
        if (text.length() <= MAX_BODY_CHARS) {
            return redactor.redact(text);
        }
        String redacted = redactor.redact(Answer.head(text, MAX_BODY_CHARS));
        return redacted.substring(0, Math.min(redacted.length(), MAX_BODY_CHARS)) + "\n... ("
                + (text.length() - MAX_BODY_CHARS) + " more characters not attached)";
    }
}
