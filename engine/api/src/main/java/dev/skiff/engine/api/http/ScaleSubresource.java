package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.select.LabelSelector;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.store.StoredObject;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code scale} subresource: an {@code autoscaling/v1 Scale} view of a workload's replicas. Reads
 * build the view; writes (PUT, or any patch applied to the view) change only {@code spec.replicas}.
 */
final class ScaleSubresource {
    private final GenericRegistry registry;

    ScaleSubresource(GenericRegistry registry) {
        this.registry = registry;
    }

    byte[] handle(ApiRequest req) {
        ResourceType type = req.type();
        String ns = req.info().namespace();
        String name = req.info().name();
        return switch (req.method()) {
            case "GET" -> Json.bytes(scaleOf(Json.parseStored(registry.get(type, ns, name).value())));
            case "PUT" -> {
                JsonNode body = BodyDecoder.parse(req.body(), req.contentType(), req.context().fieldValidation(),
                        req.warnings());
                yield write(req, current -> body.isObject() ? (ObjectNode) body.deepCopy() : Json.object());
            }
            case "PATCH" -> {
                if (req.contentType().equals(PatchEndpoint.APPLY_PATCH)) {
                    throw Errors.unsupportedMediaType("server-side apply of the scale subresource is not supported");
                }
                PatchEndpoint.requireSupported(req.contentType());
                JsonNode patch = BodyDecoder.parse(req.body(), "application/json", req.context().fieldValidation(),
                        req.warnings());
                String contentType = req.contentType().equals(PatchEndpoint.STRATEGIC_MERGE_PATCH)
                        ? PatchEndpoint.MERGE_PATCH : req.contentType();
                UnaryOperator<ObjectNode> patcher = PatchEndpoint.patcher(type, contentType, patch);
                yield write(req, patcher);
            }
            default -> throw Errors.methodNotAllowed("the server does not allow this method on the scale subresource");
        };
    }

    /** Applies {@code change} to the current Scale view and writes the resulting replica count back. */
    private byte[] write(ApiRequest req, UnaryOperator<ObjectNode> change) {
        ResourceType type = req.type();
        String name = req.info().name();
        StoredObject updated = registry.guaranteedUpdate(type, req.info().namespace(), name, req.context(),
                Subresource.NONE, current -> {
                    ObjectNode scale = change.apply(scaleOf(current));
                    JsonNode replicas = scale.path("spec").path("replicas");
                    if (!replicas.isMissingNode() && !replicas.isIntegralNumber()) {
                        throw Errors.badRequest("spec.replicas must be an integer");
                    }
                    int n = replicas.isMissingNode() ? 0 : replicas.asInt();
                    if (n < 0) {
                        throw Errors.invalid("Scale", "autoscaling", name, List.of(new Status.Cause(
                                "FieldValueInvalid", "Invalid value: " + n + ": must be greater than or equal to 0",
                                "spec.replicas")));
                    }
                    String rv = Json.text(scale, "metadata.resourceVersion");
                    ObjectNode desired = current.deepCopy();
                    if (rv != null && !rv.isEmpty()) {
                        Json.metadata(desired).put("resourceVersion", rv);
                    } else {
                        Json.metadata(desired).remove("resourceVersion");
                    }
                    Json.child(desired, "spec").put("replicas", n);
                    return desired;
                });
        return Json.bytes(scaleOf(Json.parseStored(updated.value())));
    }

    static ObjectNode scaleOf(JsonNode object) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            JsonNode v = object.path("metadata").get(f);
            if (v != null) {
                meta.set(f, v);
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        JsonNode selector = object.path("spec").path("selector");
        if (selector.isObject()) {
            status.put("selector", LabelSelector.fromLabelSelectorObject(selector).toString());
        }
        return scale;
    }
}
