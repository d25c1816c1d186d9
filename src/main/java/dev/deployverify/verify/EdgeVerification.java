package dev.deployverify.verify;

import dev.deployverify.http.Answer;
import dev.deployverify.run.SystemUnderTest;
import io.restassured.response.Response;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * The bodies of the edge checks (what helmet, cors and a rate limiter put on every answer), for any system: the
 * security headers, CORS towards an allowed and a foreign origin, and the rate limiter's headers. Each failure names
 * the request, every header that is wrong (all at once) and what came.
 */
public final class EdgeVerification {

    /** The origin a foreign page would send, unless the environment names one ({@code settings.foreignOrigin}). */
    static final String FOREIGN_ORIGIN = "https://deploy-verify.invalid";
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    /** What Strict-Transport-Security must say. */
    public record Hsts(Duration minMaxAge, boolean includeSubDomains) {

        /** Any max-age. */
        public static Hsts present() {
            return new Hsts(Duration.ZERO, false);
        }

        /** A max-age of at least this long, for the subdomains too. */
        public static Hsts atLeast(Duration maxAge) {
            return new Hsts(maxAge, true);
        }
    }

    /** What a foreign origin may get back as Access-Control-Allow-Origin. */
    public enum ForeignOrigin {
        /** Nothing at all. */
        NO_HEADER,
        /** Neither "*" nor itself: a fixed allowed origin echoed to every caller is safe, the browser compares it. */
        NOT_LET_IN
    }

    /** How RateLimit-Remaining must move from one request to the next. */
    public enum Countdown {
        /** Down by at least one. */
        DECREASES,
        /** Not up, and never above the limit (two limiters in a row can leave it where it was). */
        DOES_NOT_GROW
    }

    private final SystemClient client;

    public EdgeVerification(SystemUnderTest sut) {
        this(new SystemClient(sut));
    }

    public EdgeVerification(SystemClient client) {
        this.client = client;
    }

    /**
     * On a GET of {@code pathKey}: Strict-Transport-Security as {@code hsts} says, a Content-Security-Policy,
     * X-Content-Type-Options nosniff, X-Frame-Options one of {@code frameOptions} and a Referrer-Policy.
     */
    public void securityHeaders(String pathKey, Hsts hsts, String... frameOptions) {
        Response response = client.get(pathKey);
        String wanted = "Strict-Transport-Security with a max-age" + (hsts.minMaxAge().isZero() ? "" : " of at least "
                + hsts.minMaxAge().toSeconds() + " s") + (hsts.includeSubDomains() ? " and includeSubDomains" : "")
                + ", Content-Security-Policy, X-Content-Type-Options nosniff, X-Frame-Options " + String.join(" or ", frameOptions)
                + " and Referrer-Policy";
        assertThat(response).meets(wanted, answer -> {
            List<String> wrong = new ArrayList<>();
            String sts = response.header("Strict-Transport-Security");
            Matcher maxAge = MAX_AGE.matcher(sts == null ? "" : sts);
            if (sts == null || !maxAge.find() || new BigInteger(maxAge.group(1)).compareTo(BigInteger.valueOf(hsts.minMaxAge().toSeconds())) < 0
                    || hsts.includeSubDomains() && !sts.toLowerCase(Locale.ROOT).contains("includesubdomains")) {
                wrong.add(shown(answer, "Strict-Transport-Security"));
            }
            if (blank(response.header("Content-Security-Policy"))) {
                wrong.add(shown(answer, "Content-Security-Policy"));
            }
            if (!"nosniff".equalsIgnoreCase(response.header("X-Content-Type-Options"))) {
                wrong.add(shown(answer, "X-Content-Type-Options"));
            }
            if (Arrays.stream(frameOptions).noneMatch(option -> option.equalsIgnoreCase(response.header("X-Frame-Options")))) {
                wrong.add(shown(answer, "X-Frame-Options"));
            }
            if (blank(response.header("Referrer-Policy"))) {
                wrong.add(shown(answer, "Referrer-Policy"));
            }
            return wrong.isEmpty() ? null : String.join(", ", wrong);
        });
    }

    /**
     * The origin {@code settings.allowedOrigin} (skipped, saying so, where the environment names none) gets itself
     * back in Access-Control-Allow-Origin on a GET of {@code pathKey}, with Access-Control-Allow-Credentials true.
     */
    public void allowsConfiguredOrigin(String pathKey) {
        String origin = client.sut().requireSetting("allowedOrigin", "an origin the CORS policy must allow, e.g. the admin dashboard");
        Response response = client.request().header("Origin", origin).get(client.path(pathKey));
        assertThat(response).as("CORS for the allowed origin %s", origin)
                .hasHeader("Access-Control-Allow-Origin", origin).hasHeader("Access-Control-Allow-Credentials", "true");
    }

    /**
     * A foreign origin ({@code settings.foreignOrigin}) is not let in: neither on a GET of {@code pathKey} nor on a
     * POST preflight (OPTIONS) of {@code preflightPathKey}. The preflight is sent only when the GET passed.
     */
    public void refusesForeignOrigin(String pathKey, String preflightPathKey, ForeignOrigin rule) {
        String foreign = client.target().setting("foreignOrigin").orElse(FOREIGN_ORIGIN);
        refused(client.request().header("Origin", foreign).get(client.path(pathKey)), foreign, rule);
        refused(client.request().header("Origin", foreign).header("Access-Control-Request-Method", "POST")
                .options(client.path(preflightPathKey)), foreign, rule);
    }

    private static void refused(Response response, String foreign, ForeignOrigin rule) {
        ResponseAssert answered = assertThat(response).as("CORS for the foreign origin %s", foreign);
        if (rule == ForeignOrigin.NO_HEADER) {
            answered.hasNoHeader("Access-Control-Allow-Origin");
        } else {
            answered.hasHeaderNotIn("Access-Control-Allow-Origin", "*", foreign);
        }
    }

    /** What {@code answered} carries: the limiter's {@code <prefix>Limit}, {@code Remaining} and {@code Reset}, each a whole number. */
    public void rateLimitHeaders(Response answered, String prefix) {
        List<String> names = List.of(prefix + "Limit", prefix + "Remaining", prefix + "Reset");
        assertThat(answered).meets(String.join(", ", names) + ", each a whole number", answer -> {
            List<String> wrong = names.stream().filter(name -> !number(answered.header(name))).map(name -> shown(answer, name)).toList();
            return wrong.isEmpty() ? null : String.join(", ", wrong);
        });
    }

    /** As {@link #rateLimitCountsDown(Supplier, String, Countdown)}, for two GETs of {@code pathKey}. */
    public void rateLimitCountsDown(String pathKey, String prefix, Countdown countdown) {
        rateLimitCountsDown(() -> client.get(pathKey), prefix, countdown);
    }

    /**
     * Two requests in a row: the second carries the limiter's headers ({@link #rateLimitHeaders}), and its
     * {@code <prefix>Remaining} moved from the first's as {@code countdown} says.
     */
    public void rateLimitCountsDown(Supplier<Response> request, String prefix, Countdown countdown) {
        Response first = request.get();
        Response second = request.get();
        rateLimitHeaders(second, prefix);
        long limit = Long.parseLong(second.header(prefix + "Limit").strip());
        long after = Long.parseLong(second.header(prefix + "Remaining").strip());
        String before = first.header(prefix + "Remaining");
        assertThat(second).meets(prefix + "Remaining " + (countdown == Countdown.DECREASES ? "below" : "at most")
                + " the previous request's (limit " + limit + ")", answer -> {
            if (!number(before)) {
                return "the previous request's " + prefix + "Remaining " + (before == null ? "none" : "'" + before + "'");
            }
            long previous = Long.parseLong(before.strip());
            boolean counted = countdown == Countdown.DECREASES ? after < previous : after <= Math.min(limit, previous);
            return counted ? null : after + " after " + previous;
        });
    }

    /** "X-Frame-Options 'SAMEORIGIN'", "Referrer-Policy none": a header as a failure quotes it. */
    private static String shown(Answer answer, String name) {
        String value = answer.header(name);
        return name + " " + (value == null ? "none" : "'" + value + "'");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean number(String value) {
        return value != null && value.strip().matches("\\d+");
    }
}
