package dev.deployverify.verify;

import dev.deployverify.http.Answer;
import io.restassured.response.Response;
import org.assertj.core.api.AbstractAssert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assertions on a REST Assured {@link Response}: its status, its JSON body's fields and its headers. Each failure
 * names the request (method and path), what was expected, what was found, and what came (status and a redacted
 * excerpt of the body, see {@link Answer#came()}), so the report says what went wrong without a rerun:
 *
 * <pre>{@code
 * Verify.that(api.get("health")).hasStatus(200).hasField("status", "ok");
 * // expected GET /health to answer 200, got 503 {"status":"down","checks":{"database":"failed"}}
 * }</pre>
 *
 * Start from {@link Verify#that(Response)} (or {@link Verify#assertThat(Response)}).
 */
public class ResponseAssert extends AbstractAssert<ResponseAssert, Response> {

    /** Characters of a found value quoted in a failure. */
    private static final int VALUE_CHARS = 80;

    private final Answer answer;
    /** The status a previous {@link #hasStatus} demanded, named again by the body's failures. */
    private String expectedStatus = "";

    public ResponseAssert(Response actual) {
        super(actual, ResponseAssert.class);
        this.answer = actual == null ? null : Answer.of(actual);
    }

    /** The status is one of these. */
    public ResponseAssert hasStatus(int... expected) {
        isNotNull();
        expectedStatus = Arrays.stream(expected).mapToObj(String::valueOf).collect(Collectors.joining(" or "));
        if (Arrays.stream(expected).noneMatch(status -> status == actual.statusCode())) {
            fail("expected " + answer.request() + " to answer " + expectedStatus + ", got " + answer.came());
        }
        return this;
    }

    /** The JSON value at the path equals {@code expected} (numbers compared by value, strings exactly). */
    public ResponseAssert hasField(String path, Object expected) {
        Object found = field(path);
        if (!same(found, expected)) {
            failField("." + path + " " + render(expected), render(found));
        }
        return this;
    }

    /** Each of these paths holds {@code expected}; every one that does not is named in one failure. */
    public ResponseAssert hasFields(Object expected, String... paths) {
        List<String> wrong = new ArrayList<>();
        for (String path : paths) {
            Object found = field(path);
            if (!same(found, expected)) {
                wrong.add("." + path + " " + render(found));
            }
        }
        if (!wrong.isEmpty()) {
            failField(Arrays.stream(paths).map(p -> "." + p).collect(Collectors.joining(", ")) + " each " + render(expected),
                    String.join(", ", wrong));
        }
        return this;
    }

    /** A string at the path equal to {@code expected}, ignoring case ("Bearer" for "bearer"). */
    public ResponseAssert hasFieldIgnoringCase(String path, String expected) {
        Object found = field(path);
        if (!(found instanceof String text) || !text.equalsIgnoreCase(expected)) {
            failField("." + path + " " + render(expected) + " (in any case)", render(found));
        }
        return this;
    }

    /** Nothing (or JSON null) at the path: a token field after a refused login. */
    public ResponseAssert hasNoField(String path) {
        Object found = field(path);
        if (found != null) {
            failField("no ." + path, render(found));
        }
        return this;
    }

    /** Some value (a string, number, boolean, list or object) at the path. */
    public ResponseAssert hasField(String path) {
        if (field(path) == null) {
            failField("a value at ." + path, "none");
        }
        return this;
    }

    /** A non-blank string at the path. */
    public ResponseAssert hasNonBlankField(String path) {
        Object found = field(path);
        if (!(found instanceof String text) || text.isBlank()) {
            failField("a non-blank string at ." + path, render(found));
        }
        return this;
    }

    /** A number above zero at the path. */
    public ResponseAssert hasPositiveField(String path) {
        Object found = field(path);
        if (!(found instanceof Number number) || number.doubleValue() <= 0) {
            failField("a number above 0 at ." + path, render(found));
        }
        return this;
    }

    /** A number below {@code limit} at the path. */
    public ResponseAssert hasNumberBelow(String path, double limit) {
        Object found = field(path);
        if (!(found instanceof Number number) || number.doubleValue() >= limit) {
            failField("a number below " + Thresholds.format(limit) + " at ." + path, render(found));
        }
        return this;
    }

    /** An object at the path with at least one entry, every entry's value {@code expected}. */
    public ResponseAssert hasEveryEntry(String path, Object expected) {
        Object found = field(path);
        if (!(found instanceof Map<?, ?> entries) || entries.isEmpty()) {
            failField("an object with entries at ." + path, render(found));
            return this;
        }
        List<String> wrong = entries.entrySet().stream().filter(e -> !same(e.getValue(), expected))
                .map(e -> "." + path + "." + e.getKey() + " " + render(e.getValue())).toList();
        if (!wrong.isEmpty()) {
            failField("every entry of ." + path + " " + render(expected), String.join(", ", wrong));
        }
        return this;
    }

    /** The header is present and not blank. */
    public ResponseAssert hasHeader(String name) {
        String found = header(name);
        if (found == null || found.isBlank()) {
            failField("header " + name, found == null ? "none" : "a blank one");
        }
        return this;
    }

    /** The header's value is exactly {@code expected}. */
    public ResponseAssert hasHeader(String name, String expected) {
        String found = header(name);
        if (!expected.equals(found)) {
            failField("header " + name + " " + expected, shown(name));
        }
        return this;
    }

    /** The header's value is one of these, ignoring case (values such as DENY or nosniff are case-insensitive). */
    public ResponseAssert hasHeaderIgnoringCase(String name, String... expected) {
        String found = header(name);
        if (found == null || Arrays.stream(expected).noneMatch(found::equalsIgnoreCase)) {
            failField("header " + name + " " + String.join(" or ", expected), shown(name));
        }
        return this;
    }

    /** The header's value is a whole number. */
    public ResponseAssert hasNumericHeader(String name) {
        String found = header(name);
        if (found == null || !found.strip().matches("\\d+")) {
            failField("header " + name + " with a number", shown(name));
        }
        return this;
    }

    /** The header's value starts with {@code prefix}. */
    public ResponseAssert hasHeaderStartingWith(String name, String prefix) {
        String found = header(name);
        if (found == null || !found.startsWith(prefix)) {
            failField("header " + name + " starting with " + prefix, shown(name));
        }
        return this;
    }

    /** The header is absent. */
    public ResponseAssert hasNoHeader(String name) {
        String found = header(name);
        if (found != null) {
            failField("no header " + name, shown(name));
        }
        return this;
    }

    /** The header is absent or none of these values (compared ignoring case). */
    public ResponseAssert hasHeaderNotIn(String name, String... refused) {
        String found = header(name);
        if (found != null && Arrays.stream(refused).anyMatch(found::equalsIgnoreCase)) {
            failField("header " + name + " absent or other than " + String.join(" and ", refused), shown(name));
        }
        return this;
    }

    /** The Content-Type starts with this media type (e.g. "text/html", "audio/"), ignoring case. */
    public ResponseAssert hasContentType(String prefix) {
        isNotNull();
        String type = actual.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
            failField("Content-Type " + prefix + "...", type == null || type.isEmpty() ? "none" : type);
        }
        return this;
    }

    /** The Content-Type contains this (e.g. "json", "version=0.0.4"), ignoring case. */
    public ResponseAssert hasContentTypeContaining(String part) {
        isNotNull();
        String type = actual.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT))) {
            failField("a Content-Type with " + part, type == null || type.isEmpty() ? "none" : type);
        }
        return this;
    }

    /** The body is empty (a 304, a 204). */
    public ResponseAssert hasNoBody() {
        isNotNull();
        String body = actual.asString();
        if (body != null && !body.isEmpty()) {
            failField("no body", body.length() + " characters");
        }
        return this;
    }

    /**
     * The answer meets a requirement of the check's own: {@code problem} says what was found instead, or null when
     * it is met. The failure names the request, the requirement, what was found and what came.
     */
    public ResponseAssert meets(String requirement, Function<Answer, String> problem) {
        isNotNull();
        String found = problem.apply(answer);
        if (found != null) {
            failField(requirement, found);
        }
        return this;
    }

    /** The answer, to read values from once it is as expected: {@code Verify.that(r).hasStatus(201).answer().string("data.id")}. */
    public Answer answer() {
        isNotNull();
        return answer;
    }

    private Object field(String path) {
        isNotNull();
        try {
            return answer.optional(path);
        } catch (AssertionError notJson) {
            fail(notJson.getMessage());
            return null;
        }
    }

    /** The header as it came (null when absent), to compare. */
    private String header(String name) {
        isNotNull();
        return actual.header(name);
    }

    /** The header as a failure may quote it: sensitive ones masked, secrets redacted. */
    private String shown(String name) {
        String value = answer.header(name);
        return value == null ? "none" : value;
    }

    /** "expected GET /health to answer 200 with .status "ok", found "down"; got 503 {...}". */
    private void failField(String expected, String found) {
        fail("expected " + answer.request() + " to answer " + (expectedStatus.isEmpty() ? "" : expectedStatus + " with ")
                + expected + ", found " + found + "; got " + answer.came());
    }

    private void fail(String message) {
        failWithMessage("%s", answer == null ? message : answer.redact(message));
    }

    private String render(Object value) {
        if (value == null) {
            return "none";
        }
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        String redacted = answer.redact(text.length() > VALUE_CHARS + 8_192 ? text.substring(0, VALUE_CHARS + 8_192) : text);
        return redacted.length() > VALUE_CHARS ? redacted.substring(0, VALUE_CHARS) + "..." : redacted;
    }

    private static boolean same(Object found, Object expected) {
        if (found instanceof Number a && expected instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return found != null && found.equals(expected);
    }
}
