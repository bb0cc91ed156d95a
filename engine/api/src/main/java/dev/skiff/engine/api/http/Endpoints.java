package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.apply.ManagedFields;
import dev.skiff.engine.api.customresources.CustomResourceServing;
import dev.skiff.engine.api.node.PodLogs;
import dev.skiff.engine.api.node.ResourceMetrics;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.NamespaceTermination;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.security.ServiceAccountTokens;
import dev.skiff.engine.store.Store;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The resource and watch endpoints, wired to one registry, and the node-backed ones (pod logs, resource metrics),
 * which read their source anew on every request so that a node agent can be plugged in while the server runs;
 * what the server hands its {@link ApiHandler}.
 */
public final class Endpoints {
    private final ResourceEndpoint resources;
    private final EventsV1Endpoint events;
    private final WatchEndpoint watches;
    private final PodLogSubresource podLogs;
    private final MetricsEndpoint metrics;
    private final Store store;
    private final Function<ResourceType, Optional<JsonNode>> customSchemas;

    public Endpoints(GenericRegistry registry, ResourceRegistry resources, NamespaceTermination namespaces,
                     ManagedFields managedFields, ServiceAccountTokens tokens, CustomResourceServing customResources,
                     Duration bookmarkInterval, Supplier<PodLogs> podLogs, Supplier<ResourceMetrics> metrics) {
        TableOutput tables = new TableOutput(registry.clock(),
                type -> customResources.served(type).map(CustomResourceServing.Served::version));
        this.customSchemas = type -> customResources.served(type)
                .map(served -> served.version().path("schema").path("openAPIV3Schema"))
                .filter(JsonNode::isObject);
        this.store = registry.store();
        this.events = new EventsV1Endpoint(registry, resources, tables, bookmarkInterval);
        this.resources = new ResourceEndpoint(registry, tables, namespaces, managedFields,
                new TokenRequests(registry, tokens), type -> customResources.served(type)
                        .map(served -> served.version().path("subresources").path("scale"))
                        .filter(JsonNode::isObject));
        this.watches = new WatchEndpoint(registry.store(), tables, bookmarkInterval);
        this.podLogs = new PodLogSubresource(registry, podLogs);
        this.metrics = new MetricsEndpoint(registry, resources, metrics);
    }

    ResourceEndpoint resources() {
        return resources;
    }

    EventsV1Endpoint events() {
        return events;
    }

    WatchEndpoint watches() {
        return watches;
    }

    PodLogSubresource podLogs() {
        return podLogs;
    }

    MetricsEndpoint metrics() {
        return metrics;
    }

    Store store() {
        return store;
    }

    Function<ResourceType, Optional<JsonNode>> customSchemas() {
        return customSchemas;
    }
}
