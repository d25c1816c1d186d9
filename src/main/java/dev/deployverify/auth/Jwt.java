package dev.deployverify.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** HS256 JSON Web Tokens: minted for test users where an environment gives the signing secret, and verified. */
public final class Jwt {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {
    }

    /** Signs the claims with HS256; {@code iat} and {@code exp} are added from {@code now} and {@code ttlSeconds}. */
    public static String mintHs256(Map<String, ?> claims, String secret, Instant now, long ttlSeconds) {
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.getEpochSecond() + ttlSeconds);
        String signingInput = encode(Map.of("alg", "HS256", "typ", "JWT")) + "." + encode(payload);
        return signingInput + "." + B64.encodeToString(hmacSha256(secret, signingInput));
    }

    /** The claims when the signature is valid and the token has not expired at {@code now}; empty otherwise. */
    public static Optional<JsonNode> verifyHs256(String token, String secret, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty(); // never "none", never an algorithm the caller did not ask for
            }
            byte[] expected = hmacSha256(secret, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims.has("exp") && claims.get("exp").asLong() <= now.getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** HMAC-SHA256 of the text with the secret, as used by JWTs and webhook signatures. */
    public static byte[] hmacSha256(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(Map<String, ?> json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
