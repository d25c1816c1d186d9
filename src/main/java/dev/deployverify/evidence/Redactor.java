package dev.deployverify.evidence;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of the deploy evidence. Every secret the run knows (credentials from the environment, tokens
 * it obtained) is registered here, and every text bound for the report (attachments, failure messages) passes
 * through {@link #redact}. Header values are masked by name, whatever they contain.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    /** Secrets shorter than this would mask ordinary words; no real credential is this short. */
    private static final int MIN_SECRET_LENGTH = 6;

    private static final Set<String> SENSITIVE_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
            "stripe-signature", "telnyx-signature-ed25519", "x-auth-token");

    /** JSON fields and query parameters whose values are credentials whatever their value. */
    private static final Pattern SENSITIVE_JSON_FIELD = Pattern.compile(
            "(\"(?:accessToken|refreshToken|access_token|refresh_token|token|password|secret|apiKey|api_key|client_secret)\"\\s*:\\s*\")([^\"]*)(\")",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENSITIVE_QUERY_PARAM = Pattern.compile(
            "([?&](?:token|access_token|api_key|apikey|signature|X-Amz-Signature|sig|password)=)([^&\\s\"]+)",
            Pattern.CASE_INSENSITIVE);
    /** A JWT: three base64url parts, the first a JSON header. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Registers a secret value (and its URL-encoded form) so that it never appears in the evidence. */
    public void register(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            return;
        }
        secrets.add(secret);
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        if (!encoded.equals(secret)) {
            secrets.add(encoded);
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        String mask = Matcher.quoteReplacement(MASK);
        result = SENSITIVE_JSON_FIELD.matcher(result).replaceAll("$1" + mask + "$3");
        result = SENSITIVE_QUERY_PARAM.matcher(result).replaceAll("$1" + mask);
        return JWT.matcher(result).replaceAll(mask);
    }

    /** A header as it may appear in the evidence. */
    public String headerValue(String name, String value) {
        return isSensitiveHeader(name) ? MASK : redact(value);
    }

    public static boolean isSensitiveHeader(String name) {
        return SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }
}
