package dev.skiff.engine.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.Map;

/**
 * The two forms of one Event: core/v1 (how it is stored) and events.k8s.io/v1 (a view with renamed
 * fields), converted both ways as kube-apiserver does, so both APIs read and write the same objects.
 */
public final class EventConversion {
    /** core/v1 field name to events.k8s.io/v1 field name; the rest keep their names. */
    private static final Map<String, String> CORE_TO_V1 = Map.of(
            "involvedObject", "regarding",
            "message", "note",
            "reportingComponent", "reportingController",
            "source", "deprecatedSource",
            "firstTimestamp", "deprecatedFirstTimestamp",
            "lastTimestamp", "deprecatedLastTimestamp",
            "count", "deprecatedCount");
    private static final Map<String, String> V1_TO_CORE = invert(CORE_TO_V1);

    private EventConversion() {
    }

    /** The events.k8s.io/v1 form of a stored core/v1 Event. */
    public static ObjectNode toEventsV1(JsonNode core) {
        ObjectNode v1 = rename(core, CORE_TO_V1);
        v1.put("apiVersion", "events.k8s.io/v1");
        if (!v1.has("eventTime")) {
            v1.putNull("eventTime"); // the v1 form always carries it, null for events recorded the old way
        }
        return v1;
    }

    /** The core/v1 form (to store) of an events.k8s.io/v1 Event. */
    public static ObjectNode toCore(JsonNode v1) {
        ObjectNode core = rename(v1, V1_TO_CORE);
        core.put("apiVersion", "v1");
        if (core.path("eventTime").isNull()) {
            core.remove("eventTime");
        }
        return core;
    }

    private static ObjectNode rename(JsonNode from, Map<String, String> names) {
        ObjectNode to = Json.object();
        from.properties().forEach(e -> to.set(names.getOrDefault(e.getKey(), e.getKey()), e.getValue().deepCopy()));
        return to;
    }

    private static Map<String, String> invert(Map<String, String> map) {
        java.util.HashMap<String, String> inverse = new java.util.HashMap<>();
        map.forEach((k, v) -> inverse.put(v, k));
        return Map.copyOf(inverse);
    }
}
