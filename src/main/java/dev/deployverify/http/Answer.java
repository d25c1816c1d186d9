package dev.deployverify.http;

import dev.deployverify.evidence.Redactor;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

/**
 * The one way a check demands "status X and a body of shape Y" of a REST Assured {@link Response}. Whatever came
 * instead (another status, an HTML error page, a JSON body without the field, a field of another type), the check
 * fails with an {@link AssertionError} that names the request's method and path, the status expected, the status
 * that came and a redacted excerpt of the body: never a {@code NullPointerException} from {@code response.path(...)}.
 *
 * <pre>{@code
 * List<Map<String, Object>> items = Answer.of(response).expectStatus(200).list("items");
 * String id = Answer.of(created).expectStatus(201).string("data.id");
 * }</pre>
 *
 * The request is known from the responses of {@link HttpSpecs}' specifications (a filter records it); for others,
 * name it with {@link #of(Response, String)}.
 */
public final class Answer {

    /** Body characters quoted in a failure message. */
    static final int EXCERPT_CHARS = 300;

    /** Method and path of each response sent through an {@link HttpSpecs} specification, and its run's redactor. */
    private static final Map<Response, Sent> SENT = Collections.synchronizedMap(new WeakHashMap<>());

    private record Sent(String request, Redactor redactor) {
    }

    private final Response response;
    private final String request;
    private final Redactor redactor;
    private String expectedStatus = "";
    private JsonPath json;

    private Answer(Response response, String request, Redactor redactor) {
        this.response = response;
        this.request = request;
        this.redactor = redactor;
    }

    /** The answer to a request sent through an {@link HttpSpecs} specification (method and path are known). */
    public static Answer of(Response response) {
        Sent sent = SENT.get(response);
        return sent == null ? new Answer(response, "the request", new Redactor()) : new Answer(response, sent.request(), sent.redactor());
    }

    /** The answer to {@code request} (e.g. "GET /api/stories"), for responses that did not go through {@link HttpSpecs}. */
    public static Answer of(Response response, String request) {
        Sent sent = SENT.get(response);
        return new Answer(response, request, sent == null ? new Redactor() : sent.redactor());
    }

    /** Shorthand: {@code Answer.of(response).expectStatus(status)}. */
    public static Answer expect(Response response, int... status) {
        return of(response).expectStatus(status);
    }

    /** The status is one of these, or the check fails naming the request, the status and the body that came. */
    public Answer expectStatus(int... expected) {
        this.expectedStatus = Arrays.stream(expected).mapToObj(String::valueOf).collect(Collectors.joining(" or "));
        if (Arrays.stream(expected).noneMatch(status -> status == response.statusCode())) {
            throw new AssertionError("expected " + request + " to answer " + expectedStatus + ", got " + came());
        }
        return this;
    }

    /** A JSON array at the path ("" or "$" for the whole body); its elements as JSON maps, lists, strings, numbers. */
    public <T> List<T> list(String path) {
        return typed(path, List.class, "a list");
    }

    /** A JSON object at the path ("" or "$" for the whole body). */
    public Map<String, Object> object(String path) {
        return typed(path, Map.class, "an object");
    }

    /** A non-blank JSON string at the path. */
    public String string(String path) {
        String value = typed(path, String.class, "a string");
        if (value.isBlank()) {
            throw shape(path, "a non-blank string", "\"" + value + "\"");
        }
        return value;
    }

    /** A JSON number at the path. */
    public Number number(String path) {
        return typed(path, Number.class, "a number");
    }

    /** A JSON number at the path, as an int. */
    public int integer(String path) {
        return number(path).intValue();
    }

    /** Any non-null JSON value at the path (a string, number, boolean, list or object). */
    public <T> T value(String path) {
        return typed(path, Object.class, "a value");
    }

    /** The value at the path, or null when it is absent or JSON null (the body must still be JSON). */
    public <T> T optional(String path) {
        return json().get(root(path));
    }

    public Response response() {
        return response;
    }

    /** What came: "404 {"error":"Not Found"}" (status, content type when not JSON, redacted body excerpt). */
    public String came() {
        String type = response.contentType();
        String body;
        try {
            body = response.asString();
        } catch (RuntimeException unreadable) {
            body = "(body unreadable: " + unreadable.getClass().getSimpleName() + ")";
        }
        body = redactor.redact(body == null ? "" : body).strip().replaceAll("\\s*\\R\\s*", " ");
        if (body.length() > EXCERPT_CHARS) {
            body = body.substring(0, EXCERPT_CHARS) + "... (" + body.length() + " characters)";
        }
        boolean json = type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
        return response.statusCode() + (json || type == null || type.isEmpty() ? "" : " " + type) + " "
                + (body.isEmpty() ? "(empty body)" : body);
    }

    @SuppressWarnings("unchecked")
    private <T> T typed(String path, Class<?> type, String what) {
        Object value = json().get(root(path));
        if (value == null) {
            throw shape(path, what, "none");
        }
        if (!type.isInstance(value)) {
            throw shape(path, what, value.getClass().getSimpleName().replace("LinkedHashMap", "an object")
                    .replace("ArrayList", "a list") + " " + excerpt(String.valueOf(value)));
        }
        return (T) value;
    }

    private JsonPath json() {
        if (json == null) {
            try {
                json = JsonPath.from(response.asString());
                json.get("$");  // parses now, so a body that is not JSON fails here, named
            } catch (RuntimeException notJson) {
                json = null;
                throw new AssertionError("expected " + request + " to answer " + (expectedStatus.isEmpty() ? "" : expectedStatus + " with ")
                        + "a JSON body, got " + came());
            }
        }
        return json;
    }

    private AssertionError shape(String path, String what, String found) {
        String at = root(path).equals("$") ? "as its body" : "at ." + path;
        return new AssertionError("expected " + request + " to answer " + (expectedStatus.isEmpty() ? "" : expectedStatus + " with ")
                + what + " " + at + ", found " + found + "; got " + came());
    }

    private String excerpt(String text) {
        String redacted = redactor.redact(text);
        return redacted.length() > 80 ? redacted.substring(0, 80) + "..." : redacted;
    }

    private static String root(String path) {
        return path == null || path.isEmpty() ? "$" : path;
    }

    /** Records each request's method and path with its response, for {@link #of(Response)}. First in the chain. */
    static Filter recorder(Redactor redactor) {
        return new Recorder(redactor);
    }

    private static final class Recorder implements Filter {
        private final Redactor redactor;

        Recorder(Redactor redactor) {
            this.redactor = redactor;
        }

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                               FilterContext context) {
            Response response = context.next(request, responseSpec);
            if (response != null) {
                SENT.put(response, new Sent(request.getMethod() + " " + redactor.redact(pathOf(request.getURI())), redactor));
            }
            return response;
        }

        private static String pathOf(String uri) {
            try {
                URI parsed = URI.create(uri);
                String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
                return parsed.getRawQuery() == null ? path : path + "?" + parsed.getRawQuery();
            } catch (IllegalArgumentException unparsable) {
                return uri;
            }
        }
    }
}
