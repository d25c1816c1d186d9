package dev.deployverify.evidence;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Why a check did not pass, for the report's categories: QA reads "availability" or "authentication" before any
 * message. Decided once, where a failure is rewritten for the report, and written as the first line of the failure's
 * trace ({@code cause: <key>: ...}), which the report's categories match.
 */
public enum FailureCause {
    AVAILABILITY("Availability: the target did not answer, or answered 5xx"),
    AUTHENTICATION("Authentication: a login or token of the suite's test account was refused"),
    CONTRACT("Contract: the answer is not what the contract or checklist says"),
    PERFORMANCE("Performance: latency or error rate over the checklist's numbers"),
    SECURITY("Security: headers, TLS, CORS, limits, signatures, leaks"),
    INCONCLUSIVE("Inconclusive: no verdict could be reached (target not ready, load not generated, limiter of the suite's own making)"),
    BROKEN("Broken: a problem of the suite itself, not of the deployment");

    private static final Pattern SERVER_ERROR = Pattern.compile("\\b(answered|HTTP|status|but was:?|got) ?5\\d\\d\\b");
    private static final Pattern REFUSED_LOGIN = Pattern.compile("(?i)(login|log in|token|auth\\w*|sign.?in|api key)\\S*.{0,80}\\b(401|403)\\b"
            + "|\\b(401|403)\\b.{0,80}(login|token|auth|api key)");

    private final String title;

    FailureCause(String title) {
        this.title = title;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category's name in the report. */
    public String title() {
        return title;
    }

    /**
     * @param failure the check's exception as thrown
     * @param tags    the check's tags (performance, security, ...)
     * @param assertion whether the check failed an expectation (else it could not complete)
     */
    public static FailureCause of(Throwable failure, Set<String> tags, boolean assertion) {
        String message = String.valueOf(failure.getMessage());
        if (!assertion) {
            if (has(failure, javax.net.ssl.SSLException.class) || has(failure, java.security.cert.CertificateException.class)) {
                return SECURITY;
            }
            if (has(failure, com.fasterxml.jackson.core.JsonProcessingException.class)) {
                return CONTRACT;
            }
            if (has(failure, IOException.class) || has(failure, TimeoutException.class)
                    || has(failure, java.io.UncheckedIOException.class) || failure.getClass().getName().contains("Timeout")
                    || failure.getClass().getName().contains("SocketIo") || message.contains("timed out")
                    || message.contains("Connection refused")) {
                return AVAILABILITY;
            }
            return BROKEN;
        }
        if (SERVER_ERROR.matcher(message).find()) {
            return AVAILABILITY;
        }
        if (tags.contains("performance") || tags.contains("load")) {
            return PERFORMANCE;
        }
        if (REFUSED_LOGIN.matcher(message).find() && !tags.contains("security")) {
            return AUTHENTICATION;
        }
        if (tags.contains("security")) {
            return SECURITY;
        }
        return CONTRACT;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
