package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.node.env.ObjectLookup;
import java.util.Optional;

/** ConfigMaps and Secrets for env and volumes, read from the store. */
final class StoreObjectLookup implements ObjectLookup {
    private final GenericRegistry registry;
    private final ResourceType configMaps;
    private final ResourceType secrets;

    StoreObjectLookup(GenericRegistry registry, ResourceType configMaps, ResourceType secrets) {
        this.registry = registry;
        this.configMaps = configMaps;
        this.secrets = secrets;
    }

    @Override
    public Optional<ObjectNode> configMap(String namespace, String name) {
        return registry.find(configMaps, namespace, name).map(o -> Json.parseStored(o.value()));
    }

    @Override
    public Optional<ObjectNode> secret(String namespace, String name) {
        return registry.find(secrets, namespace, name).map(o -> Json.parseStored(o.value()));
    }
}
