package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.defaults.Defaults;
import dev.skiff.engine.api.validation.FieldError;
import dev.skiff.engine.api.validation.Validation;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.api.strategy.KindStrategy;
import dev.skiff.engine.api.strategy.Strategies;
import dev.skiff.engine.store.Store;
import dev.skiff.engine.store.StoreException;
import dev.skiff.engine.store.StoredObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The generic write and read path of every kind, as kube-apiserver's generic registry: metadata the
 * server owns, optimistic concurrency, no-op detection, size limits, and the kind's strategy for the
 * rest. Works on object trees; HTTP is someone else's concern.
 */
public final class GenericRegistry {
    /** The largest object the store accepts, as etcd's default request limit. */
    public static final int MAX_OBJECT_BYTES = 1536 * 1024;
    private static final int PATCH_RETRIES = 8;
    private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final Store store;
    private final Clock clock;
    private final ManagedFieldsRecorder managedFields;
    private final SecureRandom random = new SecureRandom();
    private volatile Admission admission = Admission.NONE;
    private volatile SchemaRules schemaRules = SchemaRules.NONE;

    public GenericRegistry(Store store, Clock clock, ManagedFieldsRecorder managedFields) {
        this.store = store;
        this.clock = clock;
        this.managedFields = managedFields;
    }

    /** Applies schema rules (custom resources' CRD schemas) to every write from now on. */
    public void useSchemaRules(SchemaRules rules) {
        this.schemaRules = rules;
    }

    /** Puts admission control (webhooks) around every write from now on. */
    public void useAdmission(Admission admission) {
        this.admission = admission;
    }

    public Store store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public Optional<StoredObject> find(ResourceType type, String namespace, String name) {
        return store.get(type.key(namespace, name));
    }

    public StoredObject get(ResourceType type, String namespace, String name) {
        return find(type, namespace, name).orElseThrow(() -> Errors.notFound(type.group(), type.plural(), name));
    }

    /** Creates the object in {@code namespace} (null for cluster-scoped kinds). */
    public StoredObject create(ResourceType type, String namespace, ObjectNode object, RequestContext ctx) {
        KindStrategy strategy = Strategies.of(type);
        ObjectNode meta = Json.metadata(object);
        checkNamespaceOfBody(type, namespace, meta);
        if (type.namespaced()) {
            meta.put("namespace", namespace);
            requireNamespaceAcceptsContent(namespace);
        } else {
            meta.remove("namespace");
        }
        String name = meta.path("name").asText("");
        String generateName = meta.path("generateName").asText("");
        if (name.isEmpty() && generateName.isEmpty()) {
            throw Errors.invalid(type.kind(), type.group(), "", List.of(new Status.Cause("FieldValueRequired",
                    "name or generateName is required", "metadata.name")));
        }
        meta.remove(List.of("uid", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion"));
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Timestamps.now(clock));
        if (strategy.tracksGeneration()) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        Defaults.apply(type.group(), type.version(), type.kind(), object);
        applySchema(type, object, ctx);
        ObjectNode admitted = admission.mutate(Admission.Operation.CREATE, type, null, namespace, name, object, null,
                ctx);
        if (admitted != object) {
            object.removeAll();
            object.setAll(admitted);
            Defaults.apply(type.group(), type.version(), type.kind(), object);
            meta = Json.metadata(object);
        }
        strategy.prepareForCreate(object);
        managedFields.recordCreate(type, object, ctx, clock.instant());
        for (int attempt = 0; ; attempt++) {
            if (name.isEmpty()) {
                meta.put("name", generated(generateName, strategy.nameRule().maxLength()));
            }
            validate(type, strategy, object, null);
            String finalName = meta.path("name").asText();
            admission.validate(Admission.Operation.CREATE, type, null, namespace, finalName, object, null, ctx);
            if (ctx.dryRun()) {
                if (store.get(type.key(namespace, finalName)).isPresent()) {
                    throw Errors.alreadyExists(type.group(), type.plural(), finalName);
                }
                return new StoredObject(type.key(namespace, finalName), 0, Json.bytes(object));
            }
            try {
                return store.create(type.key(namespace, finalName), rev -> encode(object, rev));
            } catch (StoreException.KeyExists e) {
                if (name.isEmpty() && attempt < 8) {
                    continue;
                }
                throw Errors.alreadyExists(type.group(), type.plural(), finalName);
            } catch (StoreException e) {
                throw translate(e, type, finalName);
            }
        }
    }

    /**
     * Replaces the object with {@code object} (a PUT). A resourceVersion in the body is a precondition;
     * without one the update is unconditional, as Kubernetes allows for built-in kinds.
     */
    public StoredObject update(ResourceType type, String namespace, String name, ObjectNode object,
                               RequestContext ctx, Subresource subresource) {
        ObjectNode meta = Json.metadata(object);
        checkNamespaceOfBody(type, namespace, meta);
        String bodyName = meta.path("name").asText("");
        if (!bodyName.equals(name)) {
            throw Errors.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")");
        }
        long expected = parseResourceVersion(meta.path("resourceVersion").asText(""));
        StoredObject current = get(type, namespace, name);
        if (expected > 0 && expected != current.revision()) {
            throw Errors.modifiedConflict(type.group(), type.plural(), name);
        }
        return commitUpdate(type, namespace, current, Json.parseStored(current.value()), object, ctx, subresource);
    }

    /**
     * Reads, changes and writes the object, retrying when a concurrent write got there first (a
     * "guaranteed update"). The mutation sees a private copy of the current object and returns the
     * desired one; a resourceVersion the mutation leaves in it is a precondition.
     */
    public StoredObject guaranteedUpdate(ResourceType type, String namespace, String name, RequestContext ctx,
                                         Subresource subresource, UnaryOperator<ObjectNode> mutation) {
        for (int attempt = 0; ; attempt++) {
            StoredObject current = get(type, namespace, name);
            ObjectNode old = Json.parseStored(current.value());
            ObjectNode working = old.deepCopy();
            // only a resourceVersion the change itself sets is a precondition
            Json.metadata(working).remove("resourceVersion");
            ObjectNode desired = mutation.apply(working);
            String rv = Json.metadata(desired).path("resourceVersion").asText("");
            if (!rv.isEmpty() && parseResourceVersion(rv) != current.revision()) {
                throw Errors.modifiedConflict(type.group(), type.plural(), name);
            }
            try {
                return commitUpdate(type, namespace, current, old, desired, ctx, subresource);
            } catch (ApiException e) {
                if (e.code() == 409 && "Conflict".equals(e.status().reason()) && rv.isEmpty()
                        && attempt < PATCH_RETRIES) {
                    continue;
                }
                throw e;
            }
        }
    }

    private StoredObject commitUpdate(ResourceType type, String namespace, StoredObject current, ObjectNode old,
                                      ObjectNode updated, RequestContext ctx, Subresource subresource) {
        KindStrategy strategy = Strategies.of(type);
        ObjectNode meta = Json.metadata(updated);
        ObjectNode oldMeta = Json.metadata(old);
        String name = oldMeta.path("name").asText();
        String uid = meta.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(oldMeta.path("uid").asText())) {
            throw Errors.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: "
                    + uid + ", UID in object meta: " + oldMeta.path("uid").asText());
        }
        ObjectNode desired = switch (subresource) {
            case NONE, WHOLE_OBJECT -> updated;
            case STATUS -> withOnlyStatusFrom(old, updated);
            case BINDING -> withBindingFrom(old, updated, type, name);
        };
        ObjectNode desiredMeta = Json.metadata(desired);
        copyField(oldMeta, desiredMeta, "uid");
        copyField(oldMeta, desiredMeta, "creationTimestamp");
        if (subresource != Subresource.WHOLE_OBJECT) {
            // only the server's own lifecycle writes may start a deletion
            copyField(oldMeta, desiredMeta, "deletionTimestamp");
            copyField(oldMeta, desiredMeta, "deletionGracePeriodSeconds");
        }
        desiredMeta.remove("selfLink");
        if (type.namespaced()) {
            desiredMeta.put("namespace", namespace);
        } else {
            desiredMeta.remove("namespace");
        }
        desiredMeta.put("name", name);
        Defaults.apply(type.group(), type.version(), type.kind(), desired);
        applySchema(type, desired, ctx);
        String subresourceName = switch (subresource) {
            case STATUS -> "status";
            case BINDING -> "binding";
            default -> null;
        };
        if (subresource != Subresource.WHOLE_OBJECT) {
            ObjectNode admitted = admission.mutate(Admission.Operation.UPDATE, type, subresourceName, namespace, name,
                    desired, old, ctx);
            if (admitted != desired) {
                desired.removeAll();
                desired.setAll(admitted);
                Defaults.apply(type.group(), type.version(), type.kind(), desired);
                desiredMeta = Json.metadata(desired);
            }
        }
        if (subresource == Subresource.NONE) {
            strategy.prepareForUpdate(desired, old);
        }
        if (strategy.tracksGeneration()) {
            long generation = oldMeta.path("generation").asLong(1);
            if (!Json.sameValue(specOf(desired), specOf(old))) {
                generation++;
            }
            desiredMeta.put("generation", generation);
        } else {
            desiredMeta.remove("generation");
        }
        if (oldMeta.has("managedFields") && !desiredMeta.has("managedFields")) {
            desiredMeta.set("managedFields", oldMeta.get("managedFields").deepCopy());
        }
        desiredMeta.put("resourceVersion", oldMeta.path("resourceVersion").asText());
        if (sameIgnoringManagedFields(desired, old)) {
            return current;
        }
        managedFields.recordUpdate(type, old, desired, ctx, subresource, clock.instant());
        boolean wholeSpecChecked = subresource == Subresource.STATUS || subresource == Subresource.BINDING;
        validate(type, strategy, desired, wholeSpecChecked ? null : old);
        List<String> added = Finalizers.added(old, desired);
        if (oldMeta.has("deletionTimestamp") && !added.isEmpty()) {
            throw Errors.invalid(type.kind(), type.group(), name, List.of(new Status.Cause("FieldValueForbidden",
                    "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers "
                            + added, "metadata.finalizers")));
        }
        if (subresource != Subresource.WHOLE_OBJECT) {
            admission.validate(Admission.Operation.UPDATE, type, subresourceName, namespace, name, desired, old, ctx);
        }
        if (ctx.dryRun()) {
            return new StoredObject(current.key(), current.revision(), Json.bytes(desired));
        }
        try {
            if (oldMeta.has("deletionTimestamp") && !Finalizers.has(desired)
                    && oldMeta.path("deletionGracePeriodSeconds").asLong(0) == 0) {
                // the last finalizer is gone and no grace period runs (a pod's ends with its node's delete):
                // the deletion completes
                return store.delete(current.key(), current.revision(), rev -> encode(desired, rev));
            }
            return store.update(current.key(), current.revision(), rev -> encode(desired, rev));
        } catch (StoreException e) {
            throw translate(e, type, name);
        }
    }

    /** What a delete did: removed the object now, or marked it for deletion pending its finalizers. */
    public record DeleteResult(StoredObject object, boolean deletedNow) {
    }

    /**
     * Deletes the object as Kubernetes does: at once when nothing holds it, otherwise (finalizers present,
     * or an Orphan/Foreground propagation policy that adds its own finalizer) by setting
     * {@code deletionTimestamp} and leaving the object until its finalizers are gone.
     */
    public DeleteResult delete(ResourceType type, String namespace, String name, DeleteOptions options,
                               RequestContext ctx) {
        for (int attempt = 0; ; attempt++) {
            StoredObject current = get(type, namespace, name);
            ObjectNode old = Json.parseStored(current.value());
            options.checkPreconditions(type, old);
            if (attempt == 0) {
                admission.mutate(Admission.Operation.DELETE, type, null, namespace, name, null, old, ctx);
                admission.validate(Admission.Operation.DELETE, type, null, namespace, name, null, old, ctx);
            }
            String policyFinalizer = Finalizers.forPropagation(options.propagationPolicy());
            long grace = Strategies.of(type).gracePeriodSeconds(old, options.gracePeriodSeconds());
            boolean held = Finalizers.has(old) || policyFinalizer != null || grace > 0;
            if (ctx.dryRun()) {
                return new DeleteResult(current, !held);
            }
            try {
                if (!held) {
                    return new DeleteResult(store.delete(current.key(), current.revision(), rev -> {
                        Json.metadata(old).put("resourceVersion", Long.toString(rev));
                        return Json.bytes(old);
                    }), true);
                }
                ObjectNode marked = old.deepCopy();
                ObjectNode meta = Json.metadata(marked);
                long currentGrace = meta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
                if (!meta.has("deletionTimestamp") || grace < currentGrace) {
                    // a graceful delete says when the grace ends; a later, shorter one brings that forward
                    meta.put("deletionTimestamp", Timestamps.format(clock.instant().plusSeconds(grace)));
                    meta.put("deletionGracePeriodSeconds", grace);
                }
                Finalizers.applyPropagation(marked, policyFinalizer);
                if (Json.sameValue(marked, old)) {
                    return new DeleteResult(current, false);
                }
                return new DeleteResult(store.update(current.key(), current.revision(), rev -> encode(marked, rev)),
                        false);
            } catch (StoreException.RevisionConflict e) {
                if (attempt < PATCH_RETRIES && options.preconditionResourceVersion() == null) {
                    continue;
                }
                throw Errors.modifiedConflict(type.group(), type.plural(), name);
            } catch (StoreException e) {
                throw translate(e, type, name);
            }
        }
    }

    /** Writes the object's final state with a deletion timestamp, for kinds whose removal takes time. */
    public StoredObject markDeleting(ResourceType type, String namespace, String name, RequestContext ctx,
                                     UnaryOperator<ObjectNode> also) {
        return guaranteedUpdate(type, namespace, name, ctx, Subresource.WHOLE_OBJECT, o -> {
            ObjectNode meta = Json.metadata(o);
            if (!meta.has("deletionTimestamp")) {
                meta.put("deletionTimestamp", Timestamps.now(clock));
                meta.put("deletionGracePeriodSeconds", 0);
            }
            return also.apply(o);
        });
    }

    /**
     * Prunes what the kind's schema does not declare (a 400 under fieldValidation=Strict, a warning under
     * Warn, silent under Ignore) and fills the schema's defaults.
     */
    private void applySchema(ResourceType type, ObjectNode object, RequestContext ctx) {
        List<String> unknown = schemaRules.pruneAndDefault(type, object);
        if (unknown.isEmpty()) {
            return;
        }
        List<String> messages = unknown.stream().map(path -> "unknown field \"" + path + "\"").toList();
        switch (ctx.fieldValidation()) {
            case STRICT -> throw Errors.badRequest(type.kind() + " in version \"" + type.version()
                    + "\" cannot be handled as a " + type.kind() + ": strict decoding error: "
                    + String.join(", ", messages));
            case WARN -> messages.forEach(ctx.warnings()::add);
            case IGNORE -> { }
        }
    }

    /** Metadata, the kind's field rules (and its update rules when {@code old} is given), all at once. */
    private void validate(ResourceType type, KindStrategy strategy, ObjectNode object, ObjectNode old) {
        List<Status.Cause> causes = new ArrayList<>(MetadataValidation.validate(type, strategy, object));
        causes.addAll(strategy.validate(object));
        causes.addAll(schemaRules.validate(type, object));
        List<FieldError> fieldErrors = old == null
                ? Validation.validateCreate(type.group(), type.version(), type.kind(), object)
                : Validation.validateUpdate(type.group(), type.version(), type.kind(), object, old);
        for (FieldError e : fieldErrors) {
            causes.add(new Status.Cause(e.type(), e.message(), e.field()));
        }
        if (!causes.isEmpty()) {
            throw Errors.invalid(type.kind(), type.group(), Json.text(object, "metadata.name"), causes);
        }
    }

    private void requireNamespaceAcceptsContent(String namespace) {
        StoredObject ns = store.get("/core/namespaces/" + namespace)
                .orElseThrow(() -> Errors.notFound("", "namespaces", namespace));
        JsonNode parsed = Json.parseStored(ns.value());
        if ("Terminating".equals(Json.text(parsed, "status.phase"))) {
            throw new Status(403, "Forbidden", "unable to create new content in namespace " + namespace
                    + " because it is being terminated", Status.Details.of(namespace, "", "namespaces")).exception();
        }
    }

    private static void checkNamespaceOfBody(ResourceType type, String namespace, ObjectNode meta) {
        String bodyNamespace = meta.path("namespace").asText("");
        if (type.namespaced() && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
            throw Errors.badRequest("the namespace of the provided object does not match the namespace sent "
                    + "on the request");
        }
    }

    private byte[] encode(ObjectNode object, long revision) {
        Json.metadata(object).put("resourceVersion", Long.toString(revision));
        byte[] bytes = Json.bytes(object);
        if (bytes.length > MAX_OBJECT_BYTES) {
            throw Errors.tooLarge("Request entity too large: the object is " + bytes.length
                    + " bytes; the limit is " + MAX_OBJECT_BYTES + " bytes");
        }
        return bytes;
    }

    private String generated(String prefix, int maxLength) {
        String base = prefix.length() > maxLength - 5 ? prefix.substring(0, maxLength - 5) : prefix;
        StringBuilder sb = new StringBuilder(base);
        for (int i = 0; i < 5; i++) {
            sb.append(SUFFIX_CHARS.charAt(random.nextInt(SUFFIX_CHARS.length())));
        }
        return sb.toString();
    }

    static long parseResourceVersion(String rv) {
        if (rv.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw Errors.badRequest("invalid resource version: \"" + rv + "\"");
        }
    }

    /**
     * A pods/binding write: only {@code spec.nodeName} (and the PodScheduled condition in status) change, and
     * only from unset, as Kubernetes' binding storage allows.
     */
    private static ObjectNode withBindingFrom(ObjectNode old, ObjectNode updated, ResourceType type, String name) {
        String current = old.path("spec").path("nodeName").asText("");
        String wanted = updated.path("spec").path("nodeName").asText("");
        if (!current.isEmpty() && !current.equals(wanted)) {
            throw Errors.conflict(type.group(), type.plural(), name,
                    "pod " + name + " is already assigned to node \"" + current + "\"");
        }
        ObjectNode result = old.deepCopy();
        ((ObjectNode) result.path("spec")).put("nodeName", wanted);
        if (updated.has("status")) {
            result.set("status", updated.get("status").deepCopy());
        }
        return result;
    }

    private static ObjectNode withOnlyStatusFrom(ObjectNode old, ObjectNode updated) {
        ObjectNode result = old.deepCopy();
        if (updated.has("status")) {
            result.set("status", updated.get("status").deepCopy());
        } else {
            result.remove("status");
        }
        if (Json.metadata(updated).has("managedFields")) {
            Json.metadata(result).set("managedFields", Json.metadata(updated).get("managedFields"));
        }
        return result;
    }

    private static JsonNode specOf(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of("metadata", "status", "kind", "apiVersion"));
        return copy;
    }

    private static boolean sameIgnoringManagedFields(ObjectNode a, ObjectNode b) {
        ObjectNode ac = a.deepCopy();
        ObjectNode bc = b.deepCopy();
        Json.metadata(ac).remove("managedFields");
        Json.metadata(bc).remove("managedFields");
        return Json.sameValue(ac, bc);
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        } else {
            to.remove(field);
        }
    }

    static ApiException translate(StoreException e, ResourceType type, String name) {
        return switch (e) {
            case StoreException.KeyExists k -> Errors.alreadyExists(type.group(), type.plural(), name);
            case StoreException.KeyNotFound k -> Errors.notFound(type.group(), type.plural(), name);
            case StoreException.RevisionConflict k -> Errors.modifiedConflict(type.group(), type.plural(), name);
            case StoreException.RevisionCompacted k -> Errors.gone(k.getMessage());
            case StoreException.StoreFailure k -> Errors.internal(k.getMessage());
            default -> Errors.internal(e.getMessage());
        };
    }

    /**
     * Which part of an object a write addresses: the main resource (status kept), the status subresource
     * (only status taken), or the whole object, for the server's own lifecycle writes.
     */
    /**
     * Which part of the object a write may change: all of it as a client, its status, its node binding, or all
     * of it as the server itself (no admission).
     */
    public enum Subresource { NONE, STATUS, BINDING, WHOLE_OBJECT }
}
