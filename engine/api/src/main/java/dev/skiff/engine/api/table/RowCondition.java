package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code meta.k8s.io/v1 TableRowCondition}; Kubernetes sets {@code Completed} on the rows of pods that
 * succeeded or failed.
 */
public record RowCondition(String type, String status, String reason, String message) {

    /** The condition as JSON; reason and message are omitted when empty. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type);
        json.put("status", status);
        if (reason != null && !reason.isEmpty()) {
            json.put("reason", reason);
        }
        if (message != null && !message.isEmpty()) {
            json.put("message", message);
        }
        return json;
    }
}
