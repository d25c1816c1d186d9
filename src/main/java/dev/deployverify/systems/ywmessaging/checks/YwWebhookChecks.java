package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.auth.Jwt;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.Verify;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Phase 2 smoke "Webhooks (Telnyx, Stripe) handling correctly": signed events are accepted, forged, unsigned and
 * stale ones refused. The events are inert (an unknown Stripe type, a status for no message), so they change nothing.
 */
@YwMessagingCheck
@DisplayName("YWMessaging: webhooks")
class YwWebhookChecks {

    private static final String STRIPE_EVENT = "{\"id\":\"evt_deploy_verify\",\"object\":\"event\",\"type\":\"deploy_verify.ping\",\"data\":{\"object\":{}}}";
    private static final String TELNYX_EVENT = "{\"data\":{\"event_type\":\"message.finalized\",\"id\":\"deploy-verify\",\"payload\":{\"id\":\"deploy-verify-no-such-message\",\"to\":[{\"status\":\"delivered\"}]}}}";

    private final YwMessagingClient api;

    YwWebhookChecks(YwMessagingClient api) {
        this.api = api;
    }

    @SmokeCheck
    @Verifies("YW-11.5")
    @DisplayName("Webhooks (Stripe) handling correctly: a correctly signed event is accepted")
    void stripeSignedEventAccepted() {
        String secret = api.sut().requireCredential("stripeWebhookSecret");
        long t = Instant.now().getEpochSecond();
        String v1 = HexFormat.of().formatHex(Jwt.hmacSha256(secret, t + "." + STRIPE_EVENT));
        Verify.that(stripe("t=" + t + ",v1=" + v1)).as("Stripe webhook with a valid signature").hasStatus(200).hasField("received", true);
    }

    @SecurityCheck
    @Verifies("YW-11.5")
    @DisplayName("Webhooks (Stripe) handling correctly: a forged signature is rejected with 400")
    void stripeForgedSignatureRejected() {
        long t = Instant.now().getEpochSecond();
        String forged = HexFormat.of().formatHex(Jwt.hmacSha256("whsec_deploy_verify_forged", t + "." + STRIPE_EVENT));
        Verify.that(stripe("t=" + t + ",v1=" + forged)).as("Stripe webhook with a forged signature").hasStatus(400);
    }

    @SecurityCheck
    @Verifies("YW-11.5")
    @DisplayName("Webhooks (Stripe) handling correctly: an unsigned event is rejected with 400")
    void stripeUnsignedRejected() {
        Verify.that(stripe(null)).as("Stripe webhook without Stripe-Signature").hasStatus(400);
    }

    @SmokeCheck
    @Verifies("YW-11.5")
    @DisplayName("Webhooks (Telnyx) handling correctly: an event signed with the test key is accepted")
    void telnyxSignedEventAccepted() {
        PrivateKey key = telnyxKey(api.sut().requireCredential("telnyxPrivateKey"));
        long t = Instant.now().getEpochSecond();
        Verify.that(telnyx(String.valueOf(t), sign(key, t + "|" + TELNYX_EVENT))).as("Telnyx webhook with a valid signature").hasStatus(200);
    }

    @SecurityCheck
    @Verifies("YW-11.5")
    @DisplayName("Webhooks (Telnyx) handling correctly: a forged signature is rejected with 401")
    void telnyxForgedSignatureRejected() {
        long t = Instant.now().getEpochSecond();
        String forged = Base64.getEncoder().encodeToString(new byte[64]);
        Verify.that(telnyx(String.valueOf(t), forged)).as("Telnyx webhook with a forged signature").hasStatus(401);
    }

    @SecurityCheck
    @Verifies("YW-11.5")
    @DisplayName("Webhooks (Telnyx) handling correctly: a timestamp older than 300 s is rejected with 401")
    void telnyxStaleTimestampRejected() {
        long stale = Instant.now().getEpochSecond() - api.thresholds().count("webhookMaxAgeSeconds") - 60;
        // Signed with the test key where there is one, so only the age can be the reason for the refusal.
        String signature = api.target().credential("telnyxPrivateKey")
                .map(k -> sign(telnyxKey(k), stale + "|" + TELNYX_EVENT))
                .orElse(Base64.getEncoder().encodeToString(new byte[64]));
        Verify.that(telnyx(String.valueOf(stale), signature)).as("Telnyx webhook with a stale timestamp").hasStatus(401);
    }

    @SecurityCheck
    @Verifies("YW-11.5")
    @DisplayName("Webhooks (Telnyx) handling correctly: an event without signature headers is rejected with 400")
    void telnyxUnsignedRejected() {
        Verify.that(telnyx(null, null)).as("Telnyx webhook without signature headers").hasStatus(400);
    }

    /** The inert Stripe event, with this Stripe-Signature (none when null). */
    private Response stripe(String signature) {
        RequestSpecification request = api.request().contentType(ContentType.JSON).body(STRIPE_EVENT.getBytes(StandardCharsets.UTF_8));
        return (signature == null ? request : request.header("Stripe-Signature", signature)).post(api.path("stripeWebhook"));
    }

    /** The inert Telnyx event, with these signature headers (none when null). */
    private Response telnyx(String timestamp, String signature) {
        RequestSpecification request = api.request().contentType(ContentType.JSON).body(TELNYX_EVENT.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header("telnyx-timestamp", timestamp).header("telnyx-signature-ed25519", signature);
        }
        return request.post(api.path("telnyxWebhook"));
    }

    private static PrivateKey telnyxKey(String base64Pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Pkcs8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("credentials.telnyxPrivateKey is not a base64 PKCS#8 Ed25519 key");
        }
    }

    private static String sign(PrivateKey key, String text) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
