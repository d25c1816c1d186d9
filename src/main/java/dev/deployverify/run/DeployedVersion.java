package dev.deployverify.run;

import dev.deployverify.http.HttpSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.env.Timeouts;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads the version a deployment reports (settings versionPath/versionField), for the evidence. */
public final class DeployedVersion {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployedVersion() {
    }

    /** The version, or a short sentence saying why it is not known; never throws. */
    public static String read(SystemTarget target, Timeouts timeouts) {
        String path = target.setting("versionPath").orElse("/health");
        String field = target.setting("versionField").orElse("version");
        try {
            HttpClient client = HttpSpecs.jdkClient(timeouts.connect());
            HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(target.baseUrl() + path))
                    .timeout(timeouts.request()).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            JsonNode version = body == null ? null : body.get(field);
            return version != null && !version.isNull() ? version.asText()
                    : "not reported (GET " + path + " answered " + response.statusCode() + " without '" + field + "')";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not known (interrupted)";
        } catch (Exception e) {
            return "not known (GET " + path + ": " + e.getClass().getSimpleName() + ")";
        }
    }
}
