package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops fields a custom resource's schema does not know, as kube-apiserver does on every write.
 * {@code apiVersion}, {@code kind} and {@code metadata} survive at the root and in embedded resources;
 * everything below {@code x-kubernetes-preserve-unknown-fields} survives, while its declared properties
 * are still pruned.
 */
public final class Pruning {

    private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private Pruning() {
    }

    /**
     * Removes unknown fields from {@code object} in place.
     *
     * @return the removed paths, e.g. {@code spec.foo} or {@code spec.items[0].bar}, sorted
     */
    public static List<String> prune(ObjectNode object, StructuralSchema root) {
        List<String> pruned = new ArrayList<>();
        pruneObject(object, root, "", true, pruned);
        pruned.sort(null);
        return pruned;
    }

    private static void pruneValue(JsonNode value, StructuralSchema schema, String path, List<String> pruned) {
        if (schema == null) {
            return;
        }
        if (value instanceof ObjectNode object) {
            pruneObject(object, schema, path, schema.embeddedResource(), pruned);
        } else if (value instanceof ArrayNode array && schema.items() != null) {
            for (int i = 0; i < array.size(); i++) {
                pruneValue(array.get(i), schema.items(), path + "[" + i + "]", pruned);
            }
        }
    }

    private static void pruneObject(ObjectNode object, StructuralSchema schema, String path, boolean resource,
            List<String> pruned) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String childPath = path.isEmpty() ? name : path + "." + name;
            if (resource && RESOURCE_FIELDS.contains(name)) {
                continue; // type meta and metadata are governed by the API machinery, not by the schema
            }
            StructuralSchema child = schema.propertySchema(name);
            if (child != null) {
                pruneValue(field.getValue(), child, childPath, pruned);
            } else if (!schema.preserveUnknownFields() && !schema.additionalPropertiesAllowed()) {
                fields.remove();
                pruned.add(childPath);
            }
        }
    }
}
