package dev.skiff.engine.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.control.ControllerLoop;
import dev.skiff.engine.api.control.EventFeed;
import dev.skiff.engine.api.control.WorkQueue;
import dev.skiff.engine.api.events.EventRecorder;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.registry.Timestamps;
import dev.skiff.engine.api.resource.PodRequests;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.controllers.Conditions;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default scheduler: binds each pod without a node to a node that is ready, accepts it and has room for
 * its requests; a pod that fits nowhere stays Pending with {@code PodScheduled=False/Unschedulable} and a
 * {@code FailedScheduling} event, and is tried again whenever a node changes or a pod goes away. One worker,
 * so two pods never race for the same room.
 */
public final class Scheduler implements AutoCloseable {
    public static final String NAME = "default-scheduler";
    private static final RequestContext SELF = RequestContext.system("system:kube-scheduler");

    private final GenericRegistry registry;
    private final ResourceType pods;
    private final ResourceType nodes;
    private final EventRecorder events;
    private final WorkQueue queue = new WorkQueue();
    private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
    /** Pods bound to a node and not finished, by namespace/name: what the nodes' room is counted from. */
    private final Map<String, ObjectNode> assigned = new ConcurrentHashMap<>();
    private EventFeed feed;
    private ControllerLoop loop;

    public Scheduler(GenericRegistry registry, ResourceRegistry resources) {
        this.registry = registry;
        this.pods = resources.byKind("", "Pod").orElseThrow();
        this.nodes = resources.byKind("", "Node").orElseThrow();
        this.events = new EventRecorder(registry, resources, NAME);
    }

    public Scheduler start() {
        var existing = registry.store().list(pods.keyPrefix(), null, 0, o -> true);
        for (StoredObject o : existing.items()) {
            route(Json.parseStored(o.value()));
        }
        feed = EventFeed.start("scheduler", registry.store(), existing.revision(),
                List.of(pods.keyPrefix(), nodes.keyPrefix()), this::route);
        loop = new ControllerLoop("scheduler", queue, this::schedule).start(1);
        return this;
    }

    private void route(WatchEvent e) {
        if (e.key().startsWith(nodes.keyPrefix())) {
            retryUnschedulable();
            return;
        }
        if (e.type() == WatchEvent.Type.DELETED) {
            ObjectNode gone = Json.parseStored(e.previous() != null ? e.previous() : e.value());
            assigned.remove(keyOf(gone));
            retryUnschedulable();
            return;
        }
        ObjectNode pod = Json.parseStored(e.value());
        if (isTerminal(pod) || pod.path("metadata").has("deletionTimestamp")) {
            retryUnschedulable(); // its room is free again
        }
        route(pod);
    }

    private void route(ObjectNode pod) {
        if (!pod.path("spec").path("nodeName").asText("").isEmpty() && !isTerminal(pod)) {
            assigned.put(keyOf(pod), slim(pod));
        } else {
            assigned.remove(keyOf(pod));
        }
        if (needsNode(pod)) {
            queue.add(Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name"));
        }
    }

    private void retryUnschedulable() {
        for (String key : unschedulable) {
            queue.add(key);
        }
    }

    private static boolean needsNode(JsonNode pod) {
        String scheduler = pod.path("spec").path("schedulerName").asText(NAME);
        return pod.path("spec").path("nodeName").asText("").isEmpty()
                && !pod.path("metadata").has("deletionTimestamp")
                && (scheduler.isEmpty() || scheduler.equals(NAME));
    }

    private void schedule(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Optional<StoredObject> stored = registry.find(pods, namespace, name);
        if (stored.isEmpty() || !needsNode(Json.parseStored(stored.get().value()))) {
            unschedulable.remove(key);
            return;
        }
        ObjectNode pod = Json.parseStored(stored.get().value());
        List<ObjectNode> allNodes = registry.store().list(nodes.keyPrefix(), null, 0, o -> true).items().stream()
                .map(o -> Json.parseStored(o.value())).toList();
        NodeFit.Verdict verdict = NodeFit.choose(pod, allNodes, List.copyOf(assigned.values()));
        if (verdict.node().isEmpty()) {
            unschedulable.add(key);
            markUnschedulable(pod, verdict.message());
            return;
        }
        unschedulable.remove(key);
        bind(pod, verdict.node().get());
    }

    private void bind(ObjectNode pod, String nodeName) {
        String namespace = Json.text(pod, "metadata.namespace");
        String name = Json.text(pod, "metadata.name");
        String now = Timestamps.now(registry.clock());
        try {
            var bound = registry.guaranteedUpdate(pods, namespace, name, SELF, Subresource.BINDING, current -> {
                ((ObjectNode) current.path("spec")).put("nodeName", nodeName);
                Conditions.set(current, "PodScheduled", "True", null, null, now);
                return current;
            });
            // counted at once: the next pod must not be offered the same room before the watch says so
            assigned.put(keyOf(pod), slim(Json.parseStored(bound.value())));
            events.record(pod, "Normal", "Scheduled",
                    "Successfully assigned " + namespace + "/" + name + " to " + nodeName);
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    private void markUnschedulable(ObjectNode pod, String message) {
        String now = Timestamps.now(registry.clock());
        try {
            registry.guaranteedUpdate(pods, Json.text(pod, "metadata.namespace"), Json.text(pod, "metadata.name"),
                    SELF, Subresource.STATUS, current -> {
                        Conditions.set(current, "PodScheduled", "False", "Unschedulable", message, now);
                        return current;
                    });
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            return;
        }
        events.record(pod, "Warning", "FailedScheduling", message);
    }

    /** Only what counting a node's room reads, so the cache does not hold whole pods. */
    private static ObjectNode slim(ObjectNode pod) {
        ObjectNode slim = Json.object();
        ObjectNode spec = slim.putObject("spec");
        spec.put("nodeName", pod.path("spec").path("nodeName").asText());
        for (String list : List.of("containers", "initContainers")) {
            var containers = spec.putArray(list);
            for (JsonNode c : pod.path("spec").path(list)) {
                ObjectNode copy = containers.addObject();
                if (c.has("resources")) {
                    copy.set("resources", c.get("resources").deepCopy());
                }
            }
        }
        if (pod.path("spec").has("overhead")) {
            spec.set("overhead", pod.path("spec").get("overhead").deepCopy());
        }
        return slim;
    }

    private static String keyOf(JsonNode pod) {
        return Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name");
    }

    static boolean isTerminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    /** What the pods bound to a node ask of it. */
    static PodRequests requestedOn(String nodeName, List<ObjectNode> assigned) {
        PodRequests total = new PodRequests(0, 0);
        for (ObjectNode p : assigned) {
            if (nodeName.equals(p.path("spec").path("nodeName").asText())) {
                total = total.plus(PodRequests.of(p.path("spec")));
            }
        }
        return total;
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
