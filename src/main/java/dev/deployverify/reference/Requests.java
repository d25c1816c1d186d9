package dev.deployverify.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.security.SecureRandom;
import java.util.Base64;

/** Small request helpers and per-run secrets shared by the stand-ins. */
public final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Requests() {
    }

    /** The body as JSON, or an empty object when it is missing or not JSON (the handler then validates fields). */
    public static JsonNode jsonBody(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body());
            return node == null ? JSON.createObjectNode() : node;
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** An integer query parameter, or the fallback when absent or not a number. */
    public static int intParam(Context ctx, String name, int fallback) {
        try {
            String value = ctx.queryParam(name);
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A random URL-safe token of {@code bytes} random bytes: per-run passwords, secrets and ids. */
    public static String randomToken(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
