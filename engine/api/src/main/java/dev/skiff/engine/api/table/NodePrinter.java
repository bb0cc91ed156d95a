package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Nodes: NAME STATUS ROLES AGE VERSION, and INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME with
 * {@code -o wide}. STATUS is {@code Ready}, {@code NotReady} or {@code Unknown}, plus
 * {@code SchedulingDisabled} for a cordoned node.
 */
final class NodePrinter extends TablePrinter {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String ROLE_LABEL = "kubernetes.io/role";

    NodePrinter() {
        super(ColumnDefinition.objectName(),
                string("Status", "Whether the node is ready, and whether it is cordoned."),
                string("Roles", "The roles given to the node by its node-role labels."),
                ColumnDefinition.age(),
                string("Version", "The kubelet version the node reports."),
                string("Internal-IP", "The node's first internal IP address.").wide(),
                string("External-IP", "The node's first external IP address.").wide(),
                string("OS-Image", "The operating system the node reports.").wide(),
                string("Kernel-Version", "The kernel version the node reports.").wide(),
                string("Container-Runtime", "The container runtime the node reports.").wide());
    }

    @Override
    void print(JsonNode node, Instant now, Cells cells) {
        JsonNode info = Json.at(node, "status", "nodeInfo");
        cells.text(name(node))
                .text(status(node))
                .text(roles(node))
                .text(age(node, now))
                .text(Json.text(info, "kubeletVersion"))
                .text(address(node, "InternalIP"))
                .text(address(node, "ExternalIP"))
                .text(orUnknown(Json.text(info, "osImage")))
                .text(orUnknown(Json.text(info, "kernelVersion")))
                .text(orUnknown(Json.text(info, "containerRuntimeVersion")));
    }

    private static String status(JsonNode node) {
        List<String> status = new ArrayList<>();
        // Only the Ready condition counts; the last one of that type wins, as in a map keyed by type.
        JsonNode ready = null;
        for (JsonNode condition : Json.items(node, "status", "conditions")) {
            if (Json.text(condition, "type").equals("Ready")) {
                ready = condition;
            }
        }
        if (ready != null) {
            status.add(Json.text(ready, "status").equals("True") ? "Ready" : "NotReady");
        } else {
            status.add("Unknown");
        }
        if (Json.bool(node, "spec", "unschedulable")) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    private static String roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        Json.at(node, "metadata", "labels").properties().forEach(label -> {
            String key = label.getKey();
            if (key.startsWith(ROLE_LABEL_PREFIX)) {
                String role = key.substring(ROLE_LABEL_PREFIX.length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (key.equals(ROLE_LABEL) && !label.getValue().asText().isEmpty()) {
                roles.add(label.getValue().asText());
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode address : Json.items(node, "status", "addresses")) {
            if (Json.text(address, "type").equals(type)) {
                return Json.text(address, "address");
            }
        }
        return "<none>";
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "<unknown>" : value;
    }
}
