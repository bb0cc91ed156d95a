package dev.skiff.engine.api.customresources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.crd.Defaulting;
import dev.skiff.engine.api.crd.Pruning;
import dev.skiff.engine.api.crd.SchemaValidator;
import dev.skiff.engine.api.crd.StructuralSchema;
import dev.skiff.engine.api.registry.SchemaRules;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The CRD schema of each custom kind applied to its objects: pruning, defaults and validation. */
public final class CustomResourceRules implements SchemaRules {
    private final CustomResourceServing serving;
    private final Map<JsonNode, StructuralSchema> compiled = new ConcurrentHashMap<>();

    public CustomResourceRules(CustomResourceServing serving) {
        this.serving = serving;
    }

    private Optional<StructuralSchema> schemaOf(ResourceType type) {
        return serving.served(type)
                .map(s -> s.version().path("schema").path("openAPIV3Schema"))
                .filter(JsonNode::isObject)
                .map(schema -> compiled.computeIfAbsent(schema, StructuralSchema::of));
    }

    @Override
    public List<String> pruneAndDefault(ResourceType type, ObjectNode object) {
        Optional<StructuralSchema> schema = schemaOf(type);
        if (schema.isEmpty()) {
            return List.of();
        }
        List<String> pruned = Pruning.prune(object, schema.get());
        Defaulting.applyDefaults(object, schema.get());
        return pruned;
    }

    @Override
    public List<Status.Cause> validate(ResourceType type, ObjectNode object) {
        return schemaOf(type)
                .map(schema -> SchemaValidator.validate(object, schema).stream()
                        .map(v -> new Status.Cause(v.type(), v.message(), v.field())).toList())
                .orElse(List.of());
    }
}
