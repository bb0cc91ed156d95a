package dev.skiff.engine.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.events.EventRecorder;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.registry.Timestamps;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.control.ControllerLoop;
import dev.skiff.engine.api.control.EventFeed;
import dev.skiff.engine.controllers.OwnerReferences;
import dev.skiff.engine.api.control.WorkQueue;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' Deployment controller: one ReplicaSet per pod template ({@code <name>-<pod-template-hash>},
 * numbered by the {@code deployment.kubernetes.io/revision} annotation), rolled with RollingUpdate
 * (maxSurge, maxUnavailable) or Recreate, paused rollouts left alone, old ReplicaSets trimmed to
 * {@code revisionHistoryLimit}, and the status and conditions {@code kubectl rollout status} reads.
 */
public final class DeploymentController implements AutoCloseable {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    static final String HASH_LABEL = "pod-template-hash";
    private static final RequestContext SELF = RequestContext.system("deployment-controller");

    private final GenericRegistry registry;
    private final ResourceType deployments;
    private final ResourceType replicaSets;
    private final EventRecorder events;
    private final WorkQueue queue = new WorkQueue();
    private EventFeed feed;
    private ControllerLoop loop;

    public DeploymentController(GenericRegistry registry, ResourceRegistry resources) {
        this.registry = registry;
        this.deployments = resources.byKind("apps", "Deployment").orElseThrow();
        this.replicaSets = resources.byKind("apps", "ReplicaSet").orElseThrow();
        this.events = new EventRecorder(registry, resources, "deployment-controller");
    }

    public DeploymentController start() {
        var existing = registry.store().list(deployments.keyPrefix(), null, 0, o -> true);
        existing.items().forEach(o -> queue.add(o.key().substring(deployments.keyPrefix().length())));
        feed = EventFeed.start("deployment-controller", registry.store(), existing.revision(),
                List.of(deployments.keyPrefix(), replicaSets.keyPrefix()), this::route);
        loop = new ControllerLoop("deployment-controller", queue, this::reconcile).start(2);
        return this;
    }

    private void route(WatchEvent e) {
        if (e.key().startsWith(deployments.keyPrefix())) {
            queue.add(e.key().substring(deployments.keyPrefix().length()));
            return;
        }
        JsonNode rs = Json.parseStored(e.value());
        OwnerReferences.controllerOf(rs).filter(ref -> "Deployment".equals(ref.path("kind").asText()))
                .ifPresent(ref -> queue.add(Json.text(rs, "metadata.namespace") + "/" + ref.path("name").asText()));
    }

    private void reconcile(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Optional<StoredObject> stored = registry.find(deployments, namespace, name);
        if (stored.isEmpty()) {
            return;
        }
        ObjectNode d = Json.parseStored(stored.get().value());
        if (d.path("metadata").has("deletionTimestamp")) {
            return;
        }
        String uid = Json.text(d, "metadata.uid");
        List<ObjectNode> owned = new ArrayList<>();
        for (StoredObject o : registry.store().list(replicaSets.keyPrefix(namespace), null, 0, x -> true).items()) {
            ObjectNode rs = Json.parseStored(o.value());
            for (JsonNode ref : rs.path("metadata").path("ownerReferences")) {
                if (ref.path("controller").asBoolean(false) && uid.equals(ref.path("uid").asText())
                        && !rs.path("metadata").has("deletionTimestamp")) {
                    owned.add(rs);
                }
            }
        }
        int collisions = d.path("status").path("collisionCount").asInt(0);
        String hash = PodTemplateHash.of(d.path("spec").path("template"), collisions);
        ObjectNode newRs = owned.stream().filter(rs -> hash.equals(Json.text(rs, "metadata.labels." + HASH_LABEL)))
                .findFirst().orElse(null);
        List<ObjectNode> olds = new ArrayList<>(owned);
        if (newRs != null) {
            olds.remove(newRs);
        }
        olds.sort(Comparator.comparing(rs -> Json.text(rs, "metadata.creationTimestamp")));
        int replicas = d.path("spec").path("replicas").asInt(1);
        boolean paused = d.path("spec").path("paused").asBoolean(false);
        long maxOldRevision = olds.stream().mapToLong(DeploymentController::revision).max().orElse(0);

        if (!paused) {
            if (newRs == null) {
                newRs = createReplicaSet(d, hash, maxOldRevision + 1);
            } else if (revision(newRs) <= maxOldRevision) {
                newRs = annotate(newRs, REVISION, Long.toString(maxOldRevision + 1)); // a rollback moves forward
            }
            if ("Recreate".equals(d.path("spec").path("strategy").path("type").asText())) {
                recreate(d, newRs, olds, replicas);
            } else {
                rollingUpdate(d, newRs, olds, replicas);
            }
            setRevisionAnnotation(d, revision(newRs));
            cleanUpHistory(d, olds);
        }
        updateStatus(d, newRs, owned, replicas, paused);
    }

    private void recreate(ObjectNode d, ObjectNode newRs, List<ObjectNode> olds, int replicas) {
        boolean oldPodsGone = true;
        for (ObjectNode old : olds) {
            scale(d, old, 0, replicas);
            if (old.path("status").path("replicas").asInt(0) > 0) {
                oldPodsGone = false;
            }
        }
        if (oldPodsGone) {
            scale(d, newRs, replicas, replicas);
        }
    }

    private void rollingUpdate(ObjectNode d, ObjectNode newRs, List<ObjectNode> olds, int replicas) {
        int[] limits = RolloutMath.surgeAndUnavailable(d.path("spec").path("strategy").path("rollingUpdate"), replicas);
        int maxSurge = limits[0];
        int maxUnavailable = limits[1];
        int newReplicas = specReplicas(newRs);
        int total = newReplicas + olds.stream().mapToInt(DeploymentController::specReplicas).sum();
        if (newReplicas < replicas) {
            int scaleUp = Math.min(replicas + maxSurge - total, replicas - newReplicas);
            if (scaleUp > 0) {
                newReplicas += scaleUp;
                total += scaleUp;
                scale(d, newRs, newReplicas, replicas + maxSurge);
            }
        } else if (newReplicas > replicas) {
            total -= newReplicas - replicas;
            newReplicas = replicas;
            scale(d, newRs, newReplicas, replicas + maxSurge);
        }
        int newUnavailable = newReplicas - newRs.path("status").path("availableReplicas").asInt(0);
        int scalable = total - (replicas - maxUnavailable) - Math.max(newUnavailable, 0);
        // unhealthy old pods go first, then healthy ones, oldest ReplicaSets first
        for (boolean unhealthyOnly : new boolean[] {true, false}) {
            for (ObjectNode old : olds) {
                if (scalable <= 0) {
                    return;
                }
                int current = specReplicas(old);
                int available = old.path("status").path("availableReplicas").asInt(0);
                int candidates = unhealthyOnly ? Math.max(current - available, 0) : current;
                int down = Math.min(candidates, scalable);
                if (down > 0) {
                    scale(d, old, current - down, replicas + maxSurge);
                    Json.child(old, "spec").put("replicas", current - down);
                    scalable -= down;
                }
            }
        }
    }

    private ObjectNode createReplicaSet(ObjectNode d, String hash, long revision) {
        ObjectNode template = d.path("spec").path("template").deepCopy();
        Json.child(Json.child(template, "metadata"), "labels").put(HASH_LABEL, hash);
        ObjectNode selector = d.path("spec").path("selector").deepCopy();
        Json.child(selector, "matchLabels").put(HASH_LABEL, hash);
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1");
        rs.put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata");
        meta.put("name", Json.text(d, "metadata.name") + "-" + hash);
        ObjectNode labels = template.path("metadata").path("labels").deepCopy();
        meta.set("labels", labels);
        ObjectNode annotations = meta.putObject("annotations");
        annotations.put(REVISION, Long.toString(revision));
        annotations.put(DESIRED_REPLICAS, Integer.toString(d.path("spec").path("replicas").asInt(1)));
        meta.putArray("ownerReferences").add(OwnerReferences.controlledBy(d));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", 0);
        spec.put("minReadySeconds", d.path("spec").path("minReadySeconds").asInt(0));
        spec.set("selector", selector);
        spec.set("template", template);
        try {
            StoredObject created = registry.create(replicaSets, Json.text(d, "metadata.namespace"), rs, SELF);
            events.record(d, "Normal", "ScalingReplicaSet", "Scaled up replica set " + meta.path("name").asText()
                    + " from 0 to 0");
            return Json.parseStored(created.value());
        } catch (ApiException e) {
            if (e.code() == 409) {
                // a ReplicaSet of that name exists but is not ours: count a collision and hash again
                registry.guaranteedUpdate(deployments, Json.text(d, "metadata.namespace"), Json.text(d, "metadata.name"),
                        SELF, Subresource.STATUS, current -> {
                            Json.child(current, "status").put("collisionCount",
                                    current.path("status").path("collisionCount").asInt(0) + 1);
                            return current;
                        });
            }
            throw e;
        }
    }

    private void scale(ObjectNode d, ObjectNode rs, int replicas, int maxReplicas) {
        if (specReplicas(rs) == replicas) {
            return;
        }
        int from = specReplicas(rs);
        registry.guaranteedUpdate(replicaSets, Json.text(rs, "metadata.namespace"), Json.text(rs, "metadata.name"),
                SELF, Subresource.NONE, current -> {
                    Json.child(current, "spec").put("replicas", replicas);
                    ObjectNode annotations = Json.child(Json.metadata(current), "annotations");
                    annotations.put(DESIRED_REPLICAS, Integer.toString(d.path("spec").path("replicas").asInt(1)));
                    annotations.put(MAX_REPLICAS, Integer.toString(maxReplicas));
                    return current;
                });
        events.record(d, "Normal", "ScalingReplicaSet", (replicas > from ? "Scaled up" : "Scaled down")
                + " replica set " + Json.text(rs, "metadata.name") + " from " + from + " to " + replicas);
    }

    private ObjectNode annotate(ObjectNode rs, String key, String value) {
        StoredObject updated = registry.guaranteedUpdate(replicaSets, Json.text(rs, "metadata.namespace"),
                Json.text(rs, "metadata.name"), SELF, Subresource.NONE, current -> {
                    Json.child(Json.metadata(current), "annotations").put(key, value);
                    return current;
                });
        return Json.parseStored(updated.value());
    }

    private void setRevisionAnnotation(ObjectNode d, long revision) {
        JsonNode current = d.path("metadata").path("annotations").path(REVISION);
        if (current.asText("").equals(Long.toString(revision))) {
            return;
        }
        registry.guaranteedUpdate(deployments, Json.text(d, "metadata.namespace"), Json.text(d, "metadata.name"),
                SELF, Subresource.NONE, dep -> {
                    Json.child(Json.metadata(dep), "annotations").put(REVISION, Long.toString(revision));
                    return dep;
                });
    }

    /** Deletes the oldest empty old ReplicaSets beyond {@code revisionHistoryLimit}. */
    private void cleanUpHistory(ObjectNode d, List<ObjectNode> olds) {
        int limit = d.path("spec").path("revisionHistoryLimit").asInt(10);
        List<ObjectNode> empty = new ArrayList<>(olds.stream()
                .filter(rs -> specReplicas(rs) == 0 && rs.path("status").path("replicas").asInt(0) == 0).toList());
        empty.sort(Comparator.comparingLong(DeploymentController::revision));
        for (int i = 0; i < empty.size() - limit; i++) {
            try {
                registry.delete(replicaSets, Json.text(empty.get(i), "metadata.namespace"),
                        Json.text(empty.get(i), "metadata.name"), DeleteOptions.none(), SELF);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    private void updateStatus(ObjectNode d, ObjectNode newRs, List<ObjectNode> owned, int replicas, boolean paused) {
        int total = 0;
        int ready = 0;
        int available = 0;
        for (ObjectNode rs : owned) {
            total += rs.path("status").path("replicas").asInt(0);
            ready += rs.path("status").path("readyReplicas").asInt(0);
            available += rs.path("status").path("availableReplicas").asInt(0);
        }
        int updated = newRs == null ? 0 : newRs.path("status").path("replicas").asInt(0);
        int maxUnavailable = RolloutMath.surgeAndUnavailable(
                d.path("spec").path("strategy").path("rollingUpdate"), replicas)[1];
        if ("Recreate".equals(d.path("spec").path("strategy").path("type").asText())) {
            maxUnavailable = replicas;
        }
        ObjectNode status = Json.object();
        status.put("observedGeneration", d.path("metadata").path("generation").asLong(1));
        status.put("replicas", total);
        status.put("updatedReplicas", updated);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", available);
        status.put("unavailableReplicas", Math.max(total - available, 0));
        if (d.path("status").has("collisionCount")) {
            status.set("collisionCount", d.path("status").get("collisionCount"));
        }
        String now = Timestamps.now(registry.clock());
        ArrayNode conditions = status.putArray("conditions");
        boolean minimumAvailable = available >= replicas - maxUnavailable;
        condition(conditions, d, "Available", minimumAvailable,
                minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimumAvailable ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability.", now);
        String rsName = newRs == null ? "" : Json.text(newRs, "metadata.name");
        boolean complete = newRs != null && updated == replicas && total == replicas && available >= replicas;
        boolean progressed = !Json.sameValue(countsOf(status), countsOf(d.path("status")));
        if (!paused && !complete && timedOut(d, progressed)) {
            condition(conditions, d, "Progressing", false, "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + rsName + "\" has timed out progressing.", now);
        } else {
            String reason = paused ? "DeploymentPaused" : complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated";
            String message = paused ? "Deployment is paused"
                    : complete ? "ReplicaSet \"" + rsName + "\" has successfully progressed."
                    : "ReplicaSet \"" + rsName + "\" is progressing.";
            condition(conditions, d, "Progressing", !paused, reason, message, progressed ? now : null, now);
        }
        if (sameStatus(status, d.path("status"))) {
            return;
        }
        registry.guaranteedUpdate(deployments, Json.text(d, "metadata.namespace"), Json.text(d, "metadata.name"), SELF,
                Subresource.STATUS, current -> {
                    current.set("status", status);
                    return current;
                });
    }

    private static void condition(ArrayNode conditions, ObjectNode d, String type, boolean status, String reason,
                                  String message, String now) {
        condition(conditions, d, type, status, reason, message, null, now);
    }

    /**
     * A condition that keeps its transition time while its status stays the same, and its update time while
     * its reason does, unless {@code updatedAt} says it changed now (progress was made).
     */
    private static void condition(ArrayNode conditions, ObjectNode d, String type, boolean status, String reason,
                                  String message, String updatedAt, String now) {
        ObjectNode c = conditions.addObject();
        c.put("type", type);
        c.put("status", status ? "True" : "False");
        String transition = now;
        String lastUpdate = now;
        for (JsonNode previous : d.path("status").path("conditions")) {
            if (type.equals(previous.path("type").asText())) {
                if (previous.path("status").asText().equals(c.path("status").asText())) {
                    transition = previous.path("lastTransitionTime").asText(now);
                    if (previous.path("reason").asText().equals(reason)) {
                        lastUpdate = previous.path("lastUpdateTime").asText(now);
                    }
                }
            }
        }
        c.put("lastUpdateTime", updatedAt != null ? updatedAt : lastUpdate);
        c.put("lastTransitionTime", transition);
        c.put("reason", reason);
        c.put("message", message);
    }

    /** The counts whose change means a rollout made progress. */
    private static ObjectNode countsOf(JsonNode status) {
        ObjectNode counts = Json.object();
        for (String f : List.of("replicas", "updatedReplicas", "readyReplicas", "availableReplicas")) {
            counts.put(f, status.path(f).asInt(0));
        }
        return counts;
    }

    /**
     * Whether the rollout has made no progress for {@code progressDeadlineSeconds}; when it is not yet
     * overdue, the Deployment is looked at again when it would be.
     */
    private boolean timedOut(ObjectNode d, boolean progressed) {
        JsonNode deadline = d.path("spec").path("progressDeadlineSeconds");
        if (!deadline.isNumber() || progressed) {
            if (deadline.isNumber()) {
                queue.addAfter(key(d), java.time.Duration.ofSeconds(deadline.asLong() + 1));
            }
            return false;
        }
        String since = null;
        for (JsonNode c : d.path("status").path("conditions")) {
            if ("Progressing".equals(c.path("type").asText())) {
                if ("ProgressDeadlineExceeded".equals(c.path("reason").asText())) {
                    return true;
                }
                since = c.path("lastUpdateTime").asText(null);
            }
        }
        if (since == null) {
            queue.addAfter(key(d), java.time.Duration.ofSeconds(deadline.asLong() + 1));
            return false;
        }
        java.time.Instant due = java.time.Instant.parse(since).plusSeconds(deadline.asLong());
        java.time.Instant now = registry.clock().instant();
        if (now.isAfter(due)) {
            return true;
        }
        queue.addAfter(key(d), java.time.Duration.between(now, due).plusSeconds(1));
        return false;
    }

    private static String key(ObjectNode d) {
        return Json.text(d, "metadata.namespace") + "/" + Json.text(d, "metadata.name");
    }

    private static boolean sameStatus(JsonNode a, JsonNode b) {
        return Json.sameValue(a, b);
    }


    static long revision(JsonNode rs) {
        try {
            return Long.parseLong(rs.path("metadata").path("annotations").path(REVISION).asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int specReplicas(JsonNode rs) {
        return rs.path("spec").path("replicas").asInt(1);
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
