package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Pods: NAME READY STATUS RESTARTS AGE, and IP NODE NOMINATED NODE READINESS GATES with {@code -o wide};
 * RESTARTS reads like {@code 3 (5m ago)}. See {@link PodSummary} for how READY and STATUS are worked out.
 */
final class PodPrinter extends TablePrinter {

    private static final List<RowCondition> SUCCEEDED = List.of(
            new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully."));
    private static final List<RowCondition> FAILED = List.of(
            new RowCondition("Completed", "True", "Failed", "The pod failed."));

    PodPrinter() {
        super(ColumnDefinition.objectName(),
                string("Ready", "Containers ready out of containers the pod runs."),
                string("Status", "The pod's status, summarized from its phase and its containers' states."),
                string("Restarts", "Container restarts, and how long ago the last one was."),
                ColumnDefinition.age(),
                string("IP", "The pod's primary IP address.").wide(),
                string("Node", "The node the pod is bound to.").wide(),
                string("Nominated Node", "The node the scheduler has nominated for the pod while it preempts.")
                        .wide(),
                string("Readiness Gates", "Readiness gates whose condition is True, out of all of them.").wide());
    }

    @Override
    public List<RowCondition> conditions(JsonNode pod) {
        return switch (Json.text(pod, "status", "phase")) {
            case "Succeeded" -> SUCCEEDED;
            case "Failed" -> FAILED;
            default -> List.of();
        };
    }

    @Override
    void print(JsonNode pod, Instant now, Cells cells) {
        PodSummary summary = PodSummary.of(pod);
        String restarts = Long.toString(summary.restarts());
        if (summary.restarts() != 0 && summary.lastRestart() != null) {
            restarts = summary.restarts() + " (" + Json.since(summary.lastRestart(), now) + " ago)";
        }
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        cells.text(name(pod))
                .text(summary.ready() + "/" + summary.total())
                .text(summary.reason())
                .text(restarts)
                .text(age(pod, now))
                .text(orNone(primaryIP(status)))
                .text(orNone(Json.text(spec, "nodeName")))
                .text(orNone(Json.text(status, "nominatedNodeName")))
                .text(readinessGates(spec, status));
    }

    private static String readinessGates(JsonNode spec, JsonNode status) {
        List<JsonNode> gates = Json.items(spec, "readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        int trueConditions = 0;
        for (JsonNode gate : gates) {
            String type = Json.text(gate, "conditionType");
            for (JsonNode condition : Json.items(status, "conditions")) {
                if (Json.text(condition, "type").equals(type)) {
                    if (Json.text(condition, "status").equals("True")) {
                        trueConditions++;
                    }
                    break;
                }
            }
        }
        return trueConditions + "/" + gates.size();
    }

    // podIPs[0]; the v1 conversion fills podIPs from podIP when only the latter is set.
    private static String primaryIP(JsonNode status) {
        String ip = Json.text(status.path("podIPs").path(0), "ip");
        return ip.isEmpty() ? Json.text(status, "podIP") : ip;
    }

    private static String orNone(String value) {
        return value.isEmpty() ? "<none>" : value;
    }
}
