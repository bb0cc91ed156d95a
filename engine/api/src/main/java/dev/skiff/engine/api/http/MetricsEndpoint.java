package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.metrics.MetricsApi;
import dev.skiff.engine.api.metrics.MetricsObjects;
import dev.skiff.engine.api.node.ResourceMetrics;
import dev.skiff.engine.api.node.ResourceMetrics.NodeUsage;
import dev.skiff.engine.api.node.ResourceMetrics.PodUsage;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.text.GoQuote;
import dev.skiff.engine.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code metrics.k8s.io/v1beta1} as metrics-server answers it: a pod or node has metrics when it exists in the
 * store and the node agent has a sample of it; label selectors match the stored object's labels, field selectors
 * its name and namespace. Lists are sorted by namespace and name.
 */
final class MetricsEndpoint {
    private final GenericRegistry registry;
    private final ResourceType pods;
    private final ResourceType nodes;
    private final Supplier<ResourceMetrics> source;

    MetricsEndpoint(GenericRegistry registry, ResourceRegistry resources, Supplier<ResourceMetrics> source) {
        this.registry = registry;
        this.pods = resources.byKind("", "Pod").orElseThrow();
        this.nodes = resources.byKind("", "Node").orElseThrow();
        this.source = source;
    }

    /** Whether the request is for this group (any version: an unknown one is answered here with a 404). */
    static boolean serves(RequestInfo info) {
        return info.group().equals(MetricsApi.GROUP);
    }

    /** The metrics type a request addresses; its path is not found when there is none. */
    static ResourceType typeOf(RequestInfo info) {
        ResourceType type = MetricsApi.type(info.version(), info.resource());
        if (type == null || info.subresource() != null || (!type.namespaced() && info.namespace() != null)) {
            throw Errors.pathNotFound();
        }
        return type;
    }

    void handle(ApiRequest req, Reply reply) {
        ResourceType type = req.type();
        if (!req.method().equals("GET")) {
            throw Errors.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        if (req.info().name() == null && req.flag("watch")) {
            throw Errors.methodNotAllowed("watch is not supported on resources of kind "
                    + GoQuote.quote(type.qualifiedPlural()));
        }
        Instant now = registry.clock().instant();
        boolean podMetrics = type == MetricsApi.POD_METRICS;
        if (req.info().name() != null) {
            reply.json(200, podMetrics ? podMetrics(req.info().namespace(), req.info().name(), now)
                    : nodeMetrics(req.info().name(), now));
            return;
        }
        ListQuery query = ListQuery.of(req.params(), type);
        List<ObjectNode> items = podMetrics ? podMetricsList(req.info().namespace(), query, now)
                : nodeMetricsList(query, now);
        reply.json(200, MetricsObjects.list(type.listKind(), items));
    }

    private ObjectNode podMetrics(String namespace, String name, Instant now) {
        ObjectNode pod = Json.parseStored(registry.get(pods, namespace, name).value());
        PodUsage usage = samplesByPod().get(namespace + "/" + name);
        if (usage == null) {
            throw Errors.notFound(MetricsApi.GROUP, MetricsApi.POD_METRICS_RESOURCE, namespace + "/" + name);
        }
        return MetricsObjects.podMetrics(pod, usage, now);
    }

    private List<ObjectNode> podMetricsList(String namespace, ListQuery query, Instant now) {
        Map<String, PodUsage> samples = samplesByPod();
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode pod : stored(pods, namespace, query)) {
            PodUsage usage = samples.get(pod.path("metadata").path("namespace").asText() + "/"
                    + pod.path("metadata").path("name").asText());
            if (usage != null) {
                items.add(MetricsObjects.podMetrics(pod, usage, now));
            }
        }
        return items;
    }

    private ObjectNode nodeMetrics(String name, Instant now) {
        ObjectNode node = Json.parseStored(registry.get(nodes, null, name).value());
        return nodeSample(name).map(usage -> MetricsObjects.nodeMetrics(node, usage, now))
                .orElseThrow(() -> Errors.notFound(MetricsApi.GROUP, MetricsApi.NODE_METRICS_RESOURCE, name));
    }

    private List<ObjectNode> nodeMetricsList(ListQuery query, Instant now) {
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode node : stored(nodes, null, query)) {
            nodeSample(node.path("metadata").path("name").asText())
                    .ifPresent(usage -> items.add(MetricsObjects.nodeMetrics(node, usage, now)));
        }
        return items;
    }

    /** The stored pods or nodes the selectors pick, in key order (namespace, then name). */
    private List<ObjectNode> stored(ResourceType type, String namespace, ListQuery query) {
        Predicate<ObjectNode> labels = o -> query.labels().matches(o.path("metadata").path("labels"));
        ResourceType metricsType = type == pods ? MetricsApi.POD_METRICS : MetricsApi.NODE_METRICS;
        // the field selector is the metrics kind's (name and namespace), matched on the object's metadata
        Predicate<ObjectNode> fields = o -> query.fields().matches(metricsType.group(), metricsType.kind(), o);
        List<ObjectNode> result = new ArrayList<>();
        for (StoredObject o : registry.store().list(type.keyPrefix(namespace), null, 0, x -> true).items()) {
            ObjectNode object = Json.parseStored(o.value());
            if (labels.test(object) && fields.test(object)) {
                result.add(object);
            }
        }
        return result;
    }

    private Map<String, PodUsage> samplesByPod() {
        Map<String, PodUsage> byPod = new HashMap<>();
        for (PodUsage usage : source.get().pods()) {
            byPod.put(usage.namespace() + "/" + usage.name(), usage);
        }
        return byPod;
    }

    private Optional<NodeUsage> nodeSample(String name) {
        return source.get().node().filter(usage -> usage.name().equals(name));
    }
}
