package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.RequestContext.FieldValidationMode;
import dev.skiff.engine.api.registry.Timestamps;
import dev.skiff.engine.api.registry.Warnings;
import dev.skiff.engine.api.security.ServiceAccountTokens;
import dev.skiff.engine.api.status.Errors;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST .../serviceaccounts/NAME/token}: a {@code TokenRequest} answered with a signed token for the
 * service account (what {@code kubectl create token} asks for).
 */
final class TokenRequests {
    private static final long DEFAULT_SECONDS = 3600;

    private final GenericRegistry registry;
    private final ServiceAccountTokens tokens;

    TokenRequests(GenericRegistry registry, ServiceAccountTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
    }

    byte[] create(ApiRequest req) {
        if (!req.method().equals("POST")) {
            throw Errors.methodNotAllowed("only create is supported on serviceaccounts/token");
        }
        JsonNode sa = Json.parseStored(registry.get(req.type(), req.info().namespace(), req.info().name()).value());
        ObjectNode request = req.body().length == 0 ? Json.object()
                : (ObjectNode) BodyDecoder.parse(req.body(), req.contentType(), FieldValidationMode.IGNORE, new Warnings());
        long seconds = request.path("spec").path("expirationSeconds").asLong(DEFAULT_SECONDS);
        if (seconds < 600) {
            throw Errors.badRequest("spec.expirationSeconds: Invalid value: " + seconds
                    + ": may not specify a duration less than 10 minutes");
        }
        Instant expires = registry.clock().instant().plus(Duration.ofSeconds(seconds));
        String token = tokens.issue(req.info().namespace(), req.info().name(), Json.text(sa, "metadata.uid"), expires);
        ObjectNode response = Json.object();
        response.put("kind", "TokenRequest");
        response.put("apiVersion", "authentication.k8s.io/v1");
        ObjectNode meta = response.putObject("metadata");
        meta.put("name", req.info().name());
        meta.put("namespace", req.info().namespace());
        meta.put("creationTimestamp", Timestamps.now(registry.clock()));
        ObjectNode spec = response.putObject("spec");
        spec.set("audiences", request.path("spec").has("audiences") ? request.path("spec").get("audiences")
                : Json.NODES.arrayNode().add("https://kubernetes.default.svc.cluster.local"));
        spec.put("expirationSeconds", seconds);
        ObjectNode status = response.putObject("status");
        status.put("token", token);
        status.put("expirationTimestamp", Timestamps.format(expires));
        return Json.bytes(response);
    }
}
