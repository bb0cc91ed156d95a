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

    private final java.util.function.Function<ResourceType, java.util.Optional<JsonNode>> customScale;

    /**
     * @param customScale a custom kind's {@code subresources.scale} from its CRD (which paths hold the replica
     *                    counts and selector), empty for built-in kinds
     */
    ScaleSubresource(GenericRegistry registry,
                     java.util.function.Function<ResourceType, java.util.Optional<JsonNode>> customScale) {
        this.registry = registry;
        this.customScale = customScale;
    }

    /** Where a kind keeps what the Scale view shows, as JSON pointers. */
    private record ScalePaths(String specReplicas, String statusReplicas, String labelSelector) {
        static final ScalePaths BUILT_IN = new ScalePaths("/spec/replicas", "/status/replicas", null);

        static ScalePaths of(JsonNode crdScale) {
            return new ScalePaths(pointer(crdScale.path("specReplicasPath").asText(".spec.replicas")),
                    pointer(crdScale.path("statusReplicasPath").asText(".status.replicas")),
                    crdScale.has("labelSelectorPath") ? pointer(crdScale.path("labelSelectorPath").asText()) : null);
        }

        private static String pointer(String dotted) {
            return dotted.replace('.', '/');
        }
    }

    private ScalePaths paths(ResourceType type) {
        return customScale.apply(type).map(ScalePaths::of).orElse(ScalePaths.BUILT_IN);
    }

    byte[] handle(ApiRequest req) {
        ResourceType type = req.type();
        String ns = req.info().namespace();
        String name = req.info().name();
        return switch (req.method()) {
            case "GET" -> Json.bytes(scaleOf(Json.parseStored(registry.get(type, ns, name).value()), paths(type)));
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
        ScalePaths paths = paths(type);
        StoredObject updated = registry.guaranteedUpdate(type, req.info().namespace(), name, req.context(),
                Subresource.NONE, current -> {
                    ObjectNode scale = change.apply(scaleOf(current, paths));
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
                    setAt(desired, paths.specReplicas(), n);
                    return desired;
                });
        return Json.bytes(scaleOf(Json.parseStored(updated.value()), paths));
    }

    /** Writes {@code value} at a JSON pointer, creating the objects on the way. */
    private static void setAt(ObjectNode root, String pointer, int value) {
        String[] parts = pointer.substring(1).split("/");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = Json.child(node, parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    private static ObjectNode scaleOf(JsonNode object, ScalePaths paths) {
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
        scale.putObject("spec").put("replicas", object.at(paths.specReplicas()).asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.at(paths.statusReplicas()).asInt(0));
        if (paths.labelSelector() != null) {
            // a custom kind keeps its selector already in string form
            String selector = object.at(paths.labelSelector()).asText("");
            if (!selector.isEmpty()) {
                status.put("selector", selector);
            }
        } else {
            JsonNode selector = object.path("spec").path("selector");
            if (selector.isObject()) {
                status.put("selector", LabelSelector.fromLabelSelectorObject(selector).toString());
            }
        }
        return scale;
    }
}
