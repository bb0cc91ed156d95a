package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.apply.ManagedFields;
import dev.skiff.engine.api.patch.JsonMergePatch;
import dev.skiff.engine.api.patch.JsonPatch;
import dev.skiff.engine.api.patch.PatchException;
import dev.skiff.engine.api.patch.PatchSchema;
import dev.skiff.engine.api.patch.PatchStrategies;
import dev.skiff.engine.api.patch.StrategicMergePatch;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.store.StoredObject;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * PATCH in its four forms, chosen by content type: JSON patch, JSON merge patch, strategic merge patch
 * and server-side apply. The patch is applied to the current object inside a guaranteed update, so a
 * concurrent writer causes a retry rather than a lost change.
 */
final class PatchEndpoint {
    static final String JSON_PATCH = "application/json-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final String APPLY_PATCH = "application/apply-patch+yaml";

    private final GenericRegistry registry;
    private final ServerSideApplier applier;

    PatchEndpoint(GenericRegistry registry, ManagedFields managedFields) {
        this.registry = registry;
        this.applier = new ServerSideApplier(managedFields, registry.clock());
    }

    record Result(StoredObject object, boolean created) {
    }

    Result patch(ApiRequest req, Subresource sub) {
        ResourceType type = req.type();
        String contentType = req.contentType();
        if (contentType.equals(APPLY_PATCH)) {
            return apply(req, sub);
        }
        requireSupported(contentType);
        UnaryOperator<ObjectNode> patcher = patcher(type, contentType,
                BodyDecoder.parse(req.body(), "application/json", req.context().fieldValidation(), req.warnings()));
        StoredObject result = registry.guaranteedUpdate(type, req.info().namespace(), req.info().name(),
                req.context(), sub, current -> {
                    ObjectNode patched = patcher.apply(current);
                    BodyDecoder.checkFields(patched, type, req.context().fieldValidation(), req.warnings());
                    return patched;
                });
        return new Result(result, false);
    }

    /** The function that applies a non-apply patch of the given content type to an object. */
    static UnaryOperator<ObjectNode> patcher(ResourceType type, String contentType, JsonNode patch) {
        return switch (contentType) {
            case JSON_PATCH -> {
                if (!patch.isArray()) {
                    throw Errors.badRequest("a JSON patch must be an array of operations");
                }
                yield current -> asObject(type, safely(() -> JsonPatch.apply(current, patch)));
            }
            case MERGE_PATCH -> {
                requireObject(patch);
                yield current -> safely(() -> JsonMergePatch.apply(current, patch));
            }
            case STRATEGIC_MERGE_PATCH -> {
                requireObject(patch);
                Optional<PatchSchema> schema = PatchStrategies.forKind(type.group(), type.kind());
                if (schema.isEmpty()) {
                    throw Errors.unsupportedMediaType("the body of the request was in an unknown format - accepted "
                            + "media types include: " + JSON_PATCH + ", " + MERGE_PATCH + ", " + APPLY_PATCH);
                }
                yield current -> safely(() -> StrategicMergePatch.apply(current, patch, schema.get()));
            }
            default -> {
                requireSupported(contentType);
                throw Errors.unsupportedMediaType("server-side apply is not a patch of this kind");
            }
        };
    }

    static void requireSupported(String contentType) {
        if (!List.of(JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH).contains(contentType)) {
            throw Errors.unsupportedMediaType("the body of the request was in an unknown format - accepted media "
                    + "types include: " + JSON_PATCH + ", " + MERGE_PATCH + ", " + APPLY_PATCH + ", "
                    + STRATEGIC_MERGE_PATCH);
        }
    }

    private Result apply(ApiRequest req, Subresource sub) {
        ResourceType type = req.type();
        RequestContext ctx = req.context().asApply();
        if (req.params().get("fieldManager") == null || req.params().get("fieldManager").isEmpty()) {
            throw Errors.invalid("PatchOptions", "meta.k8s.io", "", List.of(new Status.Cause("FieldValueRequired",
                    "Required value: is required for apply patch", "fieldManager")));
        }
        boolean force = req.flag("force");
        ObjectNode applied = BodyDecoder.asObjectOf(BodyDecoder.parse(req.body(), APPLY_PATCH,
                ctx.fieldValidation(), req.warnings()), type, ctx.fieldValidation(), req.warnings());
        String ns = req.info().namespace();
        String name = req.info().name();
        String bodyName = Json.text(applied, "metadata.name");
        if (bodyName != null && !bodyName.equals(name)) {
            throw Errors.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
                    + name + ")");
        }
        if (registry.find(type, ns, name).isEmpty()) {
            if (sub != Subresource.NONE) {
                throw Errors.notFound(type.group(), type.plural(), name);
            }
            ObjectNode created = applier.apply(type, null, applied, ctx.fieldManager(), force, sub);
            Json.metadata(created).put("name", name);
            try {
                return new Result(registry.create(type, ns, created, ctx), true);
            } catch (dev.skiff.engine.api.status.ApiException e) {
                if (!"AlreadyExists".equals(e.status().reason())) {
                    throw e;
                }
                // created meanwhile: fall through to an apply on the existing object
            }
        }
        StoredObject result = registry.guaranteedUpdate(type, ns, name, ctx, sub,
                current -> applier.apply(type, current, applied, ctx.fieldManager(), force, sub));
        return new Result(result, false);
    }

    private static ObjectNode asObject(ResourceType type, JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            throw Errors.badRequest("the patched result is not a " + type.kind() + " object");
        }
        return o;
    }

    private static void requireObject(JsonNode patch) {
        if (!patch.isObject()) {
            throw Errors.badRequest("the patch must be a JSON object");
        }
    }

    private static <T> T safely(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (PatchException e) {
            throw new Status(422, "Invalid", e.getMessage(), null).exception();
        }
    }
}
