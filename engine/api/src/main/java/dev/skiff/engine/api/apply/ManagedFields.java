package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Server-side apply and field ownership ({@code metadata.managedFields}), as the Kubernetes API
 * server does them.
 *
 * <ul>
 *   <li>{@link #recordUpdate} is called for every create, update and non-apply patch, with the
 *       final object (after defaulting and the kind's strategy): the writing manager, with
 *       operation {@code Update}, takes the fields it changed; others lose them.
 *   <li>{@link #apply} merges an applied configuration into the live object, removes what the
 *       applier stopped applying, detects conflicts and records the applier's {@code Apply} entry.
 *       The caller then defaults, validates and stores the result as for any write.
 * </ul>
 *
 * <p>Both work on JSON trees in Kubernetes' form and use the merge topology of {@link KindSchemas}.
 */
public final class ManagedFields {

    /** The manager that is given the fields of an object written before any field was tracked. */
    static final String BEFORE_FIRST_APPLY = "before-first-apply";

    /** Fields the API server sets itself; nobody owns them. */
    private static final FieldSet UNTRACKED = FieldSet.of(
            FieldPath.of("apiVersion"),
            FieldPath.of("kind"),
            FieldPath.of("metadata"),
            FieldPath.of("metadata", "name"),
            FieldPath.of("metadata", "namespace"),
            FieldPath.of("metadata", "creationTimestamp"),
            FieldPath.of("metadata", "selfLink"),
            FieldPath.of("metadata", "uid"),
            FieldPath.of("metadata", "clusterName"),
            FieldPath.of("metadata", "generation"),
            FieldPath.of("metadata", "managedFields"),
            FieldPath.of("metadata", "resourceVersion"),
            FieldPath.of("metadata", "deletionTimestamp"),
            FieldPath.of("metadata", "deletionGracePeriodSeconds"));

    private final KindSchemas schemas;

    /** Field management for the built-in kinds; other kinds get deduced schemas. */
    public ManagedFields() {
        this(KindSchemas.builtIn());
    }

    public ManagedFields(KindSchemas schemas) {
        this.schemas = schemas;
    }

    /** {@link #recordUpdate(ObjectNode, ObjectNode, String, String, Instant, String)} for the main resource. */
    public void recordUpdate(ObjectNode oldObj, ObjectNode newObj, String manager, String apiVersion, Instant now) {
        recordUpdate(oldObj, newObj, manager, apiVersion, now, null);
    }

    /**
     * Records a non-apply write in {@code newObj}'s {@code metadata.managedFields}.
     *
     * <p>The starting point is the managed fields {@code newObj} carries (a client may rewrite
     * them; kubectl does when it moves from client-side to server-side apply), or the old
     * object's if it carries none or this is a subresource write. An explicitly empty list, or a
     * list of one empty entry, clears them. An existing object that has no managed fields stays
     * untracked until its first apply, as in Kubernetes.
     *
     * @param oldObj the stored object, or null on create
     * @param newObj the object about to be stored; its {@code metadata.managedFields} is rewritten
     * @param manager the {@code fieldManager} (the caller derives it from the user agent when absent)
     * @param apiVersion the API version of the request, e.g. {@code apps/v1}
     * @param subresource {@code "status"}, {@code "scale"}, or null for the main resource
     */
    public void recordUpdate(ObjectNode oldObj, ObjectNode newObj, String manager, String apiVersion, Instant now,
            String subresource) {
        KindSchema kind = kindOf(newObj, oldObj);
        Managers managers = startingManagers(oldObj, newObj, isSet(subresource));
        ObjectNode before = ObjectViews.withoutManagedFields(oldObj);
        ObjectNode after = ObjectViews.withoutManagedFields(newObj);
        ObjectViews.writeManagedFields(newObj, null);
        if (managers.isEmpty() && oldObj != null && !oldObj.path("metadata").path("uid").asText().isEmpty()) {
            return;
        }
        recordChanges(kind, managers, before, after, managerName(manager), apiVersion, now, subresource);
        managers.capUpdateManagers();
        ObjectViews.writeManagedFields(newObj, managers.encode());
    }

    /** {@link #apply(ObjectNode, JsonNode, String, boolean, String, Instant, String)} for the main resource. */
    public ObjectNode apply(ObjectNode live, JsonNode applied, String manager, boolean force, String apiVersion,
            Instant now) {
        return apply(live, applied, manager, force, apiVersion, now, null);
    }

    /**
     * Applies a configuration ({@code PATCH} with {@code application/apply-patch+yaml}).
     *
     * @param live the stored object, or null if it does not exist yet (apply creates it)
     * @param applied the request body
     * @param manager the {@code fieldManager} query parameter
     * @param force the {@code force} query parameter: take conflicting fields instead of failing
     * @param apiVersion the API version of the request, e.g. {@code apps/v1}
     * @param subresource {@code "status"} for an apply to {@code /status}, null for the main resource
     * @return the new object with its {@code metadata.managedFields}; neither argument is modified.
     *     The caller defaults, runs the kind's strategy and stores it, without calling
     *     {@link #recordUpdate} for this write
     * @throws ApplyException if the body cannot be applied
     * @throws ApplyConflictException if fields owned by other managers would change and
     *     {@code force} is false
     */
    public ObjectNode apply(ObjectNode live, JsonNode applied, String manager, boolean force, String apiVersion,
            Instant now, String subresource) {
        ObjectNode config = AppliedConfiguration.checked(applied, apiVersion, live);
        KindSchema kind = schemas.forKind(apiVersion, config.get("kind").asText());
        AppliedConfiguration.checkStructure(config, kind);
        Managers managers = decodeForApply(live);
        String name = managerName(manager);
        ObjectNode result;
        try {
            result = applyOnce(kind, live, config, managers, name, force, apiVersion, now, subresource);
        } catch (ApplyConflictException conflict) {
            result = applyDespiteClientSideApply(conflict, kind, live, config, managers, name, apiVersion, now, subresource);
        }
        if (name.equals(LastAppliedConfiguration.KUBECTL_MANAGER)) {
            LastAppliedConfiguration.keepInStep(result, config);
        }
        return result;
    }

    private ObjectNode applyDespiteClientSideApply(ApplyConflictException conflict, KindSchema kind, ObjectNode live,
            ObjectNode config, Managers managers, String name, String apiVersion, Instant now, String subresource) {
        if (!name.equals(LastAppliedConfiguration.KUBECTL_MANAGER)) {
            throw conflict;
        }
        Optional<FieldSet> allowed = LastAppliedConfiguration.allowedConflicts(kind, live, apiVersion);
        if (allowed.isEmpty()) {
            throw conflict;
        }
        List<ApplyConflictException.Found> remaining = conflict.found().stream()
                .filter(f -> !allowed.get().has(f.field()))
                .toList();
        if (!remaining.isEmpty()) {
            throw new ApplyConflictException(remaining);
        }
        return applyOnce(kind, live, config, managers, name, true, apiVersion, now, subresource);
    }

    private ObjectNode applyOnce(KindSchema kind, ObjectNode live, ObjectNode config, Managers decoded, String name,
            boolean force, String apiVersion, Instant now, String subresource) {
        TypeSchema root = kind.root();
        FieldSet ignored = kind.resetFields(subresource);
        ObjectNode liveView = live == null ? JsonNodeFactory.instance.objectNode() : ObjectViews.withoutManagedFields(live);
        Managers managers = decoded.copy();
        if (managers.isEmpty() && live != null) {
            // Written before fields were tracked: its fields go to before-first-apply, so changing them conflicts.
            recordChanges(kind, managers, null, liveView, BEFORE_FIRST_APPLY, apiVersion, now, subresource);
        }

        ObjectNode effectiveConfig = ObjectViews.without(config, ignored);
        ObjectNode merged = (ObjectNode) ApplyMerge.merge(root, liveView, effectiveConfig);
        ManagedFieldsEntry.Key self = ManagedFieldsEntry.Key.of(name, ManagedFieldsEntry.Operation.Apply, apiVersion, subresource);
        ManagedFieldsEntry previous = managers.get(self);
        FieldSet appliedFields = AppliedFields.of(root, effectiveConfig).recursiveDifference(ignored).difference(UNTRACKED);
        managers.put(new ManagedFieldsEntry(name, ManagedFieldsEntry.Operation.Apply, apiVersion,
                previous == null ? null : previous.time(), subresource, appliedFields));
        Pruning.prune(root, merged, previous == null ? FieldSet.empty() : previous.fields(), managers.union());

        Comparison changes = Comparison.between(root, liveView, merged).excluding(ignored);
        List<ApplyConflictException.Found> conflicts = conflicts(managers, self, changes.changed());
        if (!conflicts.isEmpty() && !force) {
            throw new ApplyConflictException(conflicts);
        }
        managers.takeAway(changes.changed(), self);
        managers.takeAway(changes.removed(), self);
        ManagedFieldsEntry mine = managers.get(self);
        if (mine != null && !JsonValues.same(liveView, merged)) {
            managers.put(mine.withTime(now));
        }
        ObjectViews.writeManagedFields(merged, managers.encode());
        return merged;
    }

    /** Fields that {@code changed} takes from managers other than {@code self}, by manager then field. */
    private static List<ApplyConflictException.Found> conflicts(Managers managers, ManagedFieldsEntry.Key self,
            FieldSet changed) {
        List<ManagedFieldsEntry> others = new ArrayList<>(managers.all());
        others.removeIf(e -> e.key().equals(self));
        others.sort(Comparator.comparing(e -> e.key().identifier()));
        List<ApplyConflictException.Found> found = new ArrayList<>();
        for (ManagedFieldsEntry other : others) {
            for (FieldPath path : other.fields().intersection(changed).paths()) {
                found.add(new ApplyConflictException.Found(other.key(), path));
            }
        }
        return found;
    }

    /**
     * Gives {@code manager} (operation {@code Update}) the fields that differ between
     * {@code before} (null on create) and {@code after}, taking them from every other manager.
     */
    private static void recordChanges(KindSchema kind, Managers managers, ObjectNode before, ObjectNode after,
            String manager, String apiVersion, Instant now, String subresource) {
        FieldSet ignored = kind.resetFields(subresource);
        JsonNode beforeView = ObjectViews.withZeroValue(kind, before == null ? JsonNodeFactory.instance.objectNode() : before);
        JsonNode afterView = ObjectViews.withZeroValue(kind, after);
        Comparison changes = Comparison.between(kind.root(), beforeView, afterView).excluding(ignored);
        // Like Kubernetes, compute the change as a fresh manager, then fold it into the writer's entry.
        managers.takeAway(changes.changed(), null);
        managers.takeAway(changes.removed(), null);
        FieldSet taken = changes.changed().recursiveDifference(ignored).difference(UNTRACKED);
        if (taken.isEmpty()) {
            return;
        }
        ManagedFieldsEntry.Key key = ManagedFieldsEntry.Key.of(manager, ManagedFieldsEntry.Operation.Update, apiVersion, subresource);
        ManagedFieldsEntry previous = managers.get(key);
        FieldSet fields = previous == null ? taken : taken.union(previous.fields());
        managers.put(new ManagedFieldsEntry(manager, ManagedFieldsEntry.Operation.Update, apiVersion, now, subresource, fields));
    }

    private static Managers startingManagers(ObjectNode oldObj, ObjectNode newObj, boolean subresource) {
        JsonNode live = oldObj == null ? null : oldObj.path("metadata").get("managedFields");
        if (!subresource) {
            JsonNode requested = newObj.path("metadata").get("managedFields");
            if (Managers.isReset(requested)) {
                return Managers.empty();
            }
            try {
                Managers fromRequest = Managers.decode(requested);
                if (!fromRequest.isEmpty()) {
                    return fromRequest;
                }
            } catch (IllegalArgumentException invalid) {
                // A client that mangled managedFields does not lose them: the stored ones are used.
            }
        }
        try {
            return Managers.decode(live);
        } catch (IllegalArgumentException invalid) {
            return Managers.empty();
        }
    }

    private static Managers decodeForApply(ObjectNode live) {
        try {
            return Managers.decode(live == null ? null : live.path("metadata").get("managedFields"));
        } catch (IllegalArgumentException invalid) {
            throw new ApplyException("failed to decode managed fields: " + invalid.getMessage());
        }
    }

    private KindSchema kindOf(ObjectNode newObj, ObjectNode oldObj) {
        ObjectNode source = newObj.hasNonNull("kind") || oldObj == null ? newObj : oldObj;
        return schemas.forKind(source.path("apiVersion").asText(""), source.path("kind").asText(""));
    }

    private static String managerName(String manager) {
        return manager == null || manager.isEmpty() ? "unknown" : manager;
    }

    private static boolean isSet(String subresource) {
        return subresource != null && !subresource.isEmpty();
    }
}
