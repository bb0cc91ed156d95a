package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.Quantity;
import java.util.ArrayList;
import java.util.Map;

/**
 * Writes quantity fields in the canonical form the API server stores them in.
 *
 * <p>Values that do not parse are left for validation to report.
 */
final class Quantities {

    /** Kubernetes keeps resource lists to milli-units so that sums stay exact. */
    private static final int MILLI = -3;

    private Quantities() {
    }

    /**
     * Kubernetes' {@code SetDefaults_ResourceList}: rounds each value of the map {@code name} up to
     * milli-units, written canonically.
     */
    static void resourceList(ObjectNode parent, String name) {
        if (Fields.object(parent, name) instanceof ObjectNode list) {
            for (Map.Entry<String, JsonNode> entry : new ArrayList<>(list.properties())) {
                Quantity quantity = parse(entry.getValue());
                if (quantity != null) {
                    list.put(entry.getKey(), quantity.roundUp(MILLI).toString());
                }
            }
        }
    }

    /** Both resource lists of a {@code ResourceRequirements} object {@code name}. */
    static void requirements(ObjectNode parent, String name) {
        if (Fields.object(parent, name) instanceof ObjectNode requirements) {
            resourceList(requirements, "limits");
            resourceList(requirements, "requests");
        }
    }

    /** Writes the single quantity {@code name} canonically, as decoding and encoding it in Go would. */
    static void canonical(ObjectNode parent, String name) {
        Quantity quantity = parse(parent.get(name));
        if (quantity != null) {
            parent.put(name, quantity.toString());
        }
    }

    private static Quantity parse(JsonNode value) {
        return Quantity.of(value).orElse(null);
    }
}
