package dev.skiff.engine.controllers.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.Finalizers;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.control.ControllerLoop;
import dev.skiff.engine.api.control.EventFeed;
import dev.skiff.engine.controllers.OwnerReferences;
import dev.skiff.engine.api.control.WorkQueue;
import dev.skiff.engine.store.ListResult;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' garbage collector, driven by {@code ownerReferences}: an object whose owners are all gone
 * is deleted (Background propagation); an owner deleted with Orphan propagation first releases its
 * dependents (the {@code orphan} finalizer); one deleted with Foreground propagation first deletes its
 * dependents and waits for those that block it (the {@code foregroundDeletion} finalizer).
 *
 * <p>Level-triggered: events only enqueue keys; each reconcile reads the store afresh.
 */
public final class GarbageCollector implements AutoCloseable {
    private static final RequestContext SELF = RequestContext.system("garbage-collector");

    private final GenericRegistry registry;
    private final ResourceRegistry resources;
    private final OwnerIndex index = new OwnerIndex();
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;
    private EventFeed feed;

    public GarbageCollector(GenericRegistry registry, ResourceRegistry resources) {
        this.registry = registry;
        this.resources = resources;
    }

    public GarbageCollector start() {
        ListResult all = registry.store().list("/", null, 0, o -> true);
        for (StoredObject o : all.items()) {
            index.put(o.key(), Json.parseStored(o.value()));
            queue.add(o.key());
        }
        feed = EventFeed.start("garbage-collector", registry.store(), all.revision(), List.of("/"), this::index);
        loop = new ControllerLoop("garbage-collector", queue, this::reconcile).start(4);
        return this;
    }

    /** Keeps the owner index current and enqueues every key an event may concern. */
    private void index(WatchEvent e) {
        JsonNode object = Json.parseStored(e.value());
        String uid = object.path("metadata").path("uid").asText("");
        boolean going = e.type() == WatchEvent.Type.DELETED || object.path("metadata").has("deletionTimestamp");
        List<String> owners = index.ownersOf(e.key());
        if (e.type() == WatchEvent.Type.DELETED) {
            index.remove(e.key());
        } else {
            index.put(e.key(), object);
            queue.add(e.key());
        }
        if (going) {
            index.dependentsOf(uid).forEach(queue::add);
            owners.forEach(queue::add);
        }
    }

    private void reconcile(String key) {
        Optional<StoredObject> stored = registry.store().get(key);
        if (stored.isEmpty()) {
            return;
        }
        ObjectNode object = Json.parseStored(stored.get().value());
        Ref self = Ref.of(resources, key, object);
        if (self == null) {
            return;
        }
        if (object.path("metadata").has("deletionTimestamp")) {
            List<String> finalizers = Finalizers.of(object);
            if (finalizers.contains(Finalizers.ORPHAN)) {
                orphanDependents(self);
                return;
            }
            if (finalizers.contains(Finalizers.FOREGROUND)) {
                deleteDependentsFirst(self);
                return;
            }
        }
        collectIfOwnersAreGone(self, object);
    }

    private void orphanDependents(Ref owner) {
        for (String dependentKey : index.dependentsOf(owner.uid())) {
            Ref dependent = Ref.at(resources, registry, dependentKey);
            if (dependent != null) {
                update(dependent, d -> OwnerReferences.without(d, owner.uid()));
            }
        }
        if (!index.dependentsOf(owner.uid()).isEmpty()) {
            throw new IllegalStateException("dependents of " + owner + " still refer to it");
        }
        update(owner, o -> withoutFinalizer(o, Finalizers.ORPHAN));
    }

    private void deleteDependentsFirst(Ref owner) {
        List<String> blocking = new ArrayList<>();
        for (String dependentKey : index.dependentsOf(owner.uid())) {
            Optional<StoredObject> stored = registry.store().get(dependentKey);
            if (stored.isEmpty()) {
                continue;
            }
            ObjectNode dependent = Json.parseStored(stored.get().value());
            Ref ref = Ref.of(resources, dependentKey, dependent);
            if (ref == null) {
                continue;
            }
            if (!dependent.path("metadata").has("deletionTimestamp")) {
                delete(ref, "Foreground");
            }
            if (blocksOwnerDeletion(dependent, owner.uid()) && registry.store().get(dependentKey).isPresent()) {
                blocking.add(dependentKey);
            }
        }
        if (blocking.isEmpty()) {
            update(owner, o -> withoutFinalizer(o, Finalizers.FOREGROUND));
        }
        // otherwise the blocking dependents' deletions enqueue this owner again
    }

    private void collectIfOwnersAreGone(Ref self, ObjectNode object) {
        JsonNode refs = object.path("metadata").path("ownerReferences");
        if (!refs.isArray() || refs.isEmpty()) {
            return;
        }
        List<String> goneUids = new ArrayList<>();
        for (JsonNode ref : refs) {
            if (ownerIsGone(self, ref)) {
                goneUids.add(ref.path("uid").asText());
            }
        }
        if (goneUids.isEmpty()) {
            return;
        }
        if (goneUids.size() == refs.size()) {
            if (!object.path("metadata").has("deletionTimestamp")) {
                delete(self, "Background");
            }
            return;
        }
        update(self, o -> {
            goneUids.forEach(uid -> OwnerReferences.without(o, uid));
            return o;
        });
    }

    /** Whether the object an owner reference names no longer exists (under that uid). */
    private boolean ownerIsGone(Ref dependent, JsonNode ref) {
        String apiVersion = ref.path("apiVersion").asText("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        Optional<ResourceType> type = resources.byKind(group, ref.path("kind").asText(""));
        if (type.isEmpty()) {
            return false; // an owner of a kind we do not serve cannot be checked; keep the dependent
        }
        String namespace = type.get().namespaced() ? dependent.namespace() : null;
        Optional<StoredObject> owner = registry.store().get(type.get().key(namespace, ref.path("name").asText("")));
        return owner.isEmpty() || !ref.path("uid").asText("").equals(
                Json.text(Json.parseStored(owner.get().value()), "metadata.uid"));
    }

    private static boolean blocksOwnerDeletion(JsonNode dependent, String ownerUid) {
        for (JsonNode ref : dependent.path("metadata").path("ownerReferences")) {
            if (ownerUid.equals(ref.path("uid").asText()) && ref.path("blockOwnerDeletion").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private void delete(Ref ref, String propagation) {
        try {
            registry.delete(ref.type(), ref.namespace(), ref.name(), new DeleteOptions(ref.uid(), null, propagation,
                    null), SELF);
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    private void update(Ref ref, java.util.function.UnaryOperator<ObjectNode> change) {
        try {
            registry.guaranteedUpdate(ref.type(), ref.namespace(), ref.name(), SELF, Subresource.WHOLE_OBJECT, o -> {
                if (!ref.uid().equals(Json.text(o, "metadata.uid"))) {
                    return o; // replaced by a new object of the same name: not ours to touch
                }
                return change.apply(o);
            });
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static ObjectNode withoutFinalizer(ObjectNode object, String finalizer) {
        List<String> finalizers = Finalizers.of(object);
        finalizers.remove(finalizer);
        Finalizers.set(object, finalizers);
        return object;
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        if (loop != null) {
            loop.close();
        }
    }
}
