package dev.skiff.engine.api.http;

import dev.skiff.engine.api.apply.ManagedFields;
import dev.skiff.engine.api.customresources.CustomResourceServing;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.NamespaceTermination;
import dev.skiff.engine.api.security.ServiceAccountTokens;
import java.time.Duration;

/** The resource and watch endpoints, wired to one registry; what the server hands its {@link ApiHandler}. */
public final class Endpoints {
    private final ResourceEndpoint resources;
    private final WatchEndpoint watches;
    private final dev.skiff.engine.store.Store store;

    public Endpoints(GenericRegistry registry, NamespaceTermination namespaces, ManagedFields managedFields,
                     ServiceAccountTokens tokens, CustomResourceServing customResources, Duration bookmarkInterval) {
        TableOutput tables = new TableOutput(registry.clock(),
                type -> customResources.served(type).map(CustomResourceServing.Served::version));
        this.store = registry.store();
        this.resources = new ResourceEndpoint(registry, tables, namespaces, managedFields,
                new TokenRequests(registry, tokens));
        this.watches = new WatchEndpoint(registry.store(), tables, bookmarkInterval);
    }

    ResourceEndpoint resources() {
        return resources;
    }

    WatchEndpoint watches() {
        return watches;
    }

    dev.skiff.engine.store.Store store() {
        return store;
    }
}
