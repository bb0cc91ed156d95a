package dev.skiff.engine.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.events.EventRecorder;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.select.LabelSelector;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.control.ControllerLoop;
import dev.skiff.engine.api.control.EventFeed;
import dev.skiff.engine.controllers.Conditions;
import dev.skiff.engine.controllers.OwnerReferences;
import dev.skiff.engine.api.control.WorkQueue;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' ReplicaSet controller: keeps {@code spec.replicas} pods from the template, adopting orphan
 * pods its selector matches and releasing owned pods it no longer matches, deleting the least useful pods
 * first when scaling down, and reporting the counts in its status. Keyed by {@code namespace/name}.
 */
public final class ReplicaSetController implements AutoCloseable {
    private static final RequestContext SELF = RequestContext.system("replicaset-controller");

    private final GenericRegistry registry;
    private final ResourceType replicaSets;
    private final ResourceType pods;
    private final EventRecorder events;
    private final WorkQueue queue = new WorkQueue();
    private EventFeed feed;
    private ControllerLoop loop;

    public ReplicaSetController(GenericRegistry registry, ResourceRegistry resources) {
        this.registry = registry;
        this.replicaSets = resources.byKind("apps", "ReplicaSet").orElseThrow();
        this.pods = resources.byKind("", "Pod").orElseThrow();
        this.events = new EventRecorder(registry, resources, "replicaset-controller");
    }

    public ReplicaSetController start() {
        var existing = registry.store().list(replicaSets.keyPrefix(), null, 0, o -> true);
        existing.items().forEach(o -> queue.add(keyOf(o.key(), replicaSets)));
        feed = EventFeed.start("replicaset-controller", registry.store(), existing.revision(),
                List.of(replicaSets.keyPrefix(), pods.keyPrefix()), this::route);
        loop = new ControllerLoop("replicaset-controller", queue, this::reconcile).start(2);
        return this;
    }

    /** ReplicaSet changes enqueue the set; pod changes enqueue the pod's owner, or every set that may adopt it. */
    private void route(WatchEvent e) {
        if (e.key().startsWith(replicaSets.keyPrefix())) {
            queue.add(keyOf(e.key(), replicaSets));
            return;
        }
        JsonNode pod = Json.parseStored(e.value());
        String namespace = Json.text(pod, "metadata.namespace");
        Optional<JsonNode> owner = OwnerReferences.controllerOf(pod);
        if (owner.isPresent() && "ReplicaSet".equals(owner.get().path("kind").asText())) {
            queue.add(namespace + "/" + owner.get().path("name").asText());
        }
        if (owner.isEmpty() || e.previous() != null) {
            // an orphan (or a pod whose labels may have changed) may be adopted by any set in its namespace
            for (StoredObject rs : registry.store().list(replicaSets.keyPrefix(namespace), null, 0, o -> true)
                    .items()) {
                queue.add(keyOf(rs.key(), replicaSets));
            }
        }
    }

    private void reconcile(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Optional<StoredObject> stored = registry.find(replicaSets, namespace, name);
        if (stored.isEmpty()) {
            return;
        }
        ObjectNode rs = Json.parseStored(stored.get().value());
        if (rs.path("metadata").has("deletionTimestamp")) {
            return; // the garbage collector takes its pods
        }
        String uid = Json.text(rs, "metadata.uid");
        LabelSelector selector = LabelSelector.fromLabelSelectorObject(rs.path("spec").path("selector"));
        List<ObjectNode> active = new ArrayList<>();
        for (StoredObject o : registry.store().list(pods.keyPrefix(namespace), null, 0, x -> true).items()) {
            ObjectNode pod = Json.parseStored(o.value());
            Optional<JsonNode> owner = OwnerReferences.controllerOf(pod);
            boolean matches = selector.matches(pod.path("metadata").path("labels"));
            boolean deleting = pod.path("metadata").has("deletionTimestamp");
            if (owner.isPresent() && uid.equals(owner.get().path("uid").asText())) {
                if (!matches) {
                    release(pod, uid);
                    continue;
                }
            } else if (owner.isEmpty() && matches && !deleting) {
                pod = adopt(pod, rs);
                if (pod == null) {
                    continue;
                }
            } else {
                continue;
            }
            String phase = pod.path("status").path("phase").asText("");
            if (!deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
                active.add(pod);
            }
        }
        int desired = rs.path("spec").path("replicas").asInt(1);
        int diff = desired - active.size();
        if (diff > 0) {
            for (int i = 0; i < diff; i++) {
                active.add(create(rs));
            }
        } else if (diff < 0) {
            active.sort(PodDeletionRank.FIRST_TO_DELETE);
            for (ObjectNode pod : List.copyOf(active.subList(0, -diff))) {
                delete(rs, pod);
                active.remove(pod);
            }
        }
        updateStatus(rs, active);
    }

    private ObjectNode create(ObjectNode rs) {
        JsonNode template = rs.path("spec").path("template");
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("generateName", Json.text(rs, "metadata.name") + "-");
        for (String field : List.of("labels", "annotations")) {
            if (template.path("metadata").has(field)) {
                meta.set(field, template.path("metadata").get(field).deepCopy());
            }
        }
        meta.putArray("ownerReferences").add(OwnerReferences.controlledBy(rs));
        pod.set("spec", template.path("spec").deepCopy());
        StoredObject created = registry.create(pods, Json.text(rs, "metadata.namespace"), pod, SELF);
        ObjectNode result = Json.parseStored(created.value());
        events.record(rs, "Normal", "SuccessfulCreate", "Created pod: " + Json.text(result, "metadata.name"));
        return result;
    }

    private void delete(ObjectNode rs, ObjectNode pod) {
        String podName = Json.text(pod, "metadata.name");
        try {
            registry.delete(pods, Json.text(pod, "metadata.namespace"), podName, DeleteOptions.none(), SELF);
            events.record(rs, "Normal", "SuccessfulDelete", "Deleted pod: " + podName);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** Makes the ReplicaSet the pod's controller; null if the pod changed owner or went meanwhile. */
    private ObjectNode adopt(ObjectNode pod, ObjectNode rs) {
        try {
            StoredObject adopted = registry.guaranteedUpdate(pods, Json.text(pod, "metadata.namespace"),
                    Json.text(pod, "metadata.name"), SELF, Subresource.NONE, current -> {
                        if (OwnerReferences.controllerOf(current).isPresent()) {
                            return current;
                        }
                        ArrayNode refs = Json.metadata(current).withArray("ownerReferences");
                        refs.add(OwnerReferences.controlledBy(rs));
                        return current;
                    });
            ObjectNode result = Json.parseStored(adopted.value());
            Optional<JsonNode> owner = OwnerReferences.controllerOf(result);
            return owner.isPresent() && Json.text(rs, "metadata.uid").equals(owner.get().path("uid").asText())
                    ? result : null;
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void release(ObjectNode pod, String uid) {
        try {
            registry.guaranteedUpdate(pods, Json.text(pod, "metadata.namespace"), Json.text(pod, "metadata.name"),
                    SELF, Subresource.NONE, current -> OwnerReferences.without(current, uid));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private void updateStatus(ObjectNode rs, List<ObjectNode> active) {
        JsonNode templateLabels = rs.path("spec").path("template").path("metadata").path("labels");
        LabelSelector fullyLabeled = LabelSelector.parse(selectorText(templateLabels));
        int ready = 0;
        int available = 0;
        int labeled = 0;
        long minReadySeconds = rs.path("spec").path("minReadySeconds").asLong(0);
        java.time.Instant now = registry.clock().instant();
        java.time.Instant nextAvailable = null;
        for (ObjectNode pod : active) {
            if (Conditions.isTrue(pod, "Ready")) {
                ready++;
                // available once it has been ready for minReadySeconds
                java.time.Instant readySince = readySince(pod);
                java.time.Instant availableAt = readySince == null ? now : readySince.plusSeconds(minReadySeconds);
                if (minReadySeconds == 0 || !availableAt.isAfter(now)) {
                    available++;
                } else if (nextAvailable == null || availableAt.isBefore(nextAvailable)) {
                    nextAvailable = availableAt;
                }
            }
            if (fullyLabeled.matches(pod.path("metadata").path("labels"))) {
                labeled++;
            }
        }
        if (nextAvailable != null) {
            queue.addAfter(Json.text(rs, "metadata.namespace") + "/" + Json.text(rs, "metadata.name"),
                    java.time.Duration.between(now, nextAvailable).plusMillis(100));
        }
        ObjectNode status = Json.object();
        status.put("replicas", active.size());
        status.put("fullyLabeledReplicas", labeled);
        if (ready > 0) {
            status.put("readyReplicas", ready);
        }
        if (available > 0) {
            status.put("availableReplicas", available);
        }
        status.put("observedGeneration", rs.path("metadata").path("generation").asLong(1));
        if (Json.sameValue(status, rs.path("status"))) {
            return;
        }
        try {
            registry.guaranteedUpdate(replicaSets, Json.text(rs, "metadata.namespace"), Json.text(rs, "metadata.name"),
                    SELF, Subresource.STATUS, current -> {
                        current.set("status", status);
                        return current;
                    });
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** When the pod's Ready condition last turned True, if it says. */
    private static java.time.Instant readySince(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText()) && c.hasNonNull("lastTransitionTime")) {
                try {
                    return java.time.Instant.parse(c.path("lastTransitionTime").asText());
                } catch (java.time.format.DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String selectorText(JsonNode labels) {
        List<String> parts = new ArrayList<>();
        labels.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", parts);
    }



    private static String keyOf(String storeKey, ResourceType type) {
        return storeKey.substring(type.keyPrefix().length());
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
