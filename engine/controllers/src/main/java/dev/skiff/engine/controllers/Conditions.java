package dev.skiff.engine.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.List;

/** Reading and writing an object's {@code status.conditions}, as pods and nodes carry them. */
public final class Conditions {
    private Conditions() {
    }

    /** Whether the condition of {@code type} is True (a missing one is not). */
    public static boolean isTrue(JsonNode object, String type) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    /**
     * Sets the condition of {@code type}, keeping the list's order; its lastTransitionTime moves only when the
     * status changes. A null reason clears reason and message.
     */
    public static void set(ObjectNode object, String type, String status, String reason, String message,
                           String now) {
        var conditions = Json.child(object, "status").withArray("conditions");
        ObjectNode condition = null;
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asText())) {
                condition = (ObjectNode) c;
            }
        }
        if (condition == null) {
            condition = conditions.addObject().put("type", type);
        }
        if (!status.equals(condition.path("status").asText())) {
            condition.put("lastTransitionTime", now);
        }
        condition.put("status", status);
        condition.putNull("lastProbeTime");
        if (reason != null) {
            condition.put("reason", reason).put("message", message);
        } else {
            condition.remove(List.of("reason", "message"));
        }
    }
}
