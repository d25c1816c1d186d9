package dev.deployverify.http;

import dev.deployverify.evidence.Redactor;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
 *
 * <p>Those responses also read their body this way when a check asks {@code response.path(...)} or
 * {@code response.jsonPath()} directly: as JSON whatever the declared content type, and an answer that is not JSON (an
 * HTML error page, an empty 200, a truncated body) fails the check with the same message, never with REST Assured's
 * parser error (its advice to set {@code RestAssured.defaultParser}, a groovy {@code JsonException}, or an
 * {@code XmlPath} that cannot be cast to {@code String} where the check expected a JSON string).
 */
public final class Answer {

    /** Body characters quoted in a failure message. */
    static final int EXCERPT_CHARS = 300;
    /** Characters past a cut that are redacted with the text before it (longer than any token or key). */
    static final int REDACTION_MARGIN = 8_192;

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

    /** The request this answers, as a failure names it: "GET /api/stories" (method and path, secrets masked). */
    public String request() {
        return request;
    }

    /** A header of the answer as a failure may quote it: masked when its name is sensitive, redacted otherwise; null when absent. */
    public String header(String name) {
        String value = response.header(name);
        return value == null ? null : redactor.headerValue(name, value);
    }

    /** A text bound for a failure message, with every secret this run knows masked. */
    public String redact(String text) {
        return redactor.redact(text);
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
        int length = body == null ? 0 : body.length();
        body = redactor.redact(head(body == null ? "" : body, EXCERPT_CHARS)).strip().replaceAll("\\s*\\R\\s*", " ");
        if (body.length() > EXCERPT_CHARS) {
            body = body.substring(0, EXCERPT_CHARS) + "... (" + length + " characters)";
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

    JsonPath json() {
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
        String redacted = redactor.redact(head(text, 80));
        return redacted.length() > 80 ? redacted.substring(0, 80) + "..." : redacted;
    }

    /**
     * The start of a text to be redacted and then cut to {@code chars}: a 50 MB body is never run through the redactor
     * whole, and the margin keeps a secret that straddles the cut whole for the redactor to find.
     */
    static String head(String text, int chars) {
        int keep = chars + REDACTION_MARGIN;
        return text.length() <= keep ? text : text.substring(0, keep);
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
            if (response == null) {
                return null;
            }
            Sent sent = new Sent(request.getMethod() + " " + redactor.redact(pathOf(request.getURI())), redactor);
            Response guarded = JsonBody.guard(response, sent);
            SENT.put(guarded, sent);
            return guarded;
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

    /**
     * The response as the check gets it: REST Assured's own in every respect but {@code path(...)} and
     * {@code jsonPath(...)}, which read the body through an {@link Answer} (parsed once, however often asked).
     */
    private static final class JsonBody implements InvocationHandler {
        private final Response real;
        private final Sent sent;
        private Answer answer;

        private JsonBody(Response real, Sent sent) {
            this.real = real;
            this.sent = sent;
        }

        static Response guard(Response real, Sent sent) {
            return (Response) Proxy.newProxyInstance(Response.class.getClassLoader(), new Class<?>[]{Response.class},
                    new JsonBody(real, sent));
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            int arity = args == null ? 0 : args.length;
            switch (method.getName()) {
                case "path" -> {
                    if (arity == 2 && args[0] instanceof String path) {
                        String[] arguments = (String[]) args[1];
                        return answer(proxy).optional(arguments == null || arguments.length == 0 ? path
                                : String.format(path, (Object[]) arguments));
                    }
                }
                case "jsonPath" -> {
                    JsonPath json = answer(proxy).json();  // not JSON: the check fails here, naming what came
                    if (arity == 0) {
                        return json;
                    }
                }
                case "equals" -> {
                    return arity == 1 && proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    // REST Assured's own.
                }
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return result == real ? proxy : result;  // body(), andReturn(), peek(): still this response
        }

        private synchronized Answer answer(Object proxy) {
            if (answer == null) {
                answer = new Answer((Response) proxy, sent.request(), sent.redactor());
            }
            return answer;
        }
    }
}
