package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * HorizontalPodAutoscalers: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. TARGETS reads like
 * {@code cpu: 40%/80%}, current over target for each metric, two at most. Reads autoscaling/v2 objects and
 * autoscaling/v1 ones (whose CPU percentage becomes a cpu utilization metric, as the v1 conversion does).
 */
final class HorizontalPodAutoscalerPrinter extends TablePrinter {

    private static final int SHOWN = 2;
    private static final String UNKNOWN = "<unknown>";

    HorizontalPodAutoscalerPrinter() {
        super(ColumnDefinition.objectName(),
                string("Reference", "The kind and name of the object being scaled."),
                string("Targets", "Current and target values of the metrics the autoscaler watches."),
                string("MinPods", "The fewest replicas the autoscaler scales down to."),
                string("MaxPods", "The most replicas the autoscaler scales up to."),
                string("Replicas", "The replicas the target has now."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode autoscaler, Instant now, Cells cells) {
        JsonNode spec = autoscaler.path("spec");
        cells.text(name(autoscaler))
                .text(Json.text(spec, "scaleTargetRef", "kind") + "/" + Json.text(spec, "scaleTargetRef", "name"))
                .text(targets(autoscaler))
                .text(Json.present(spec, "minReplicas") ? Long.toString(Json.number(spec, "minReplicas")) : "<unset>")
                .integer(Json.number(spec, "maxReplicas"))
                .integer(Json.number(autoscaler, "status", "currentReplicas"))
                .text(age(autoscaler, now));
    }

    private static String targets(JsonNode autoscaler) {
        JsonNode spec = autoscaler.path("spec");
        JsonNode status = autoscaler.path("status");
        List<String> targets = new ArrayList<>();
        if (spec.has("metrics")) {
            List<JsonNode> metrics = Json.items(spec, "metrics");
            List<JsonNode> current = Json.items(status, "currentMetrics");
            for (int i = 0; i < metrics.size(); i++) {
                targets.add(describe(metrics.get(i), i < current.size() ? current.get(i) : null));
            }
        } else if (Json.present(spec, "targetCPUUtilizationPercentage")) {
            String current = Json.present(status, "currentCPUUtilizationPercentage")
                    ? Json.number(status, "currentCPUUtilizationPercentage") + "%"
                    : UNKNOWN;
            targets.add("cpu: " + current + "/" + Json.number(spec, "targetCPUUtilizationPercentage") + "%");
        }
        if (targets.isEmpty()) {
            return "<none>";
        }
        if (targets.size() > SHOWN) {
            return String.join(", ", targets.subList(0, SHOWN)) + " + " + (targets.size() - SHOWN) + " more...";
        }
        return String.join(", ", targets);
    }

    // One metric as "current/target"; `status` is the metric status at the same index, if any.
    private static String describe(JsonNode metric, JsonNode status) {
        return switch (Json.text(metric, "type")) {
            case "External" -> averageOrValue(metric.path("external"), status, "external");
            case "Object" -> averageOrValue(metric.path("object"), status, "object");
            case "Pods" -> {
                String current = status != null && Json.present(status, "pods")
                        ? quantity(status, "pods", "current", "averageValue")
                        : UNKNOWN;
                yield current + "/" + quantity(metric, "pods", "target", "averageValue");
            }
            case "Resource" -> resource(metric.path("resource"), status, "resource");
            case "ContainerResource" -> resource(metric.path("containerResource"), status, "containerResource");
            default -> "<unknown type>";
        };
    }

    private static String averageOrValue(JsonNode source, JsonNode status, String field) {
        JsonNode statusSource = status == null ? null : status.get(field);
        boolean hasStatus = statusSource != null && !statusSource.isNull();
        if (Json.present(source, "target", "averageValue")) {
            String current = hasStatus && Json.present(statusSource, "current", "averageValue")
                    ? quantity(statusSource, "current", "averageValue")
                    : UNKNOWN;
            return current + "/" + quantity(source, "target", "averageValue") + " (avg)";
        }
        String current = hasStatus ? quantity(statusSource, "current", "value") : UNKNOWN;
        return current + "/" + quantity(source, "target", "value");
    }

    private static String resource(JsonNode source, JsonNode status, String field) {
        JsonNode statusSource = status == null ? null : status.get(field);
        boolean hasStatus = statusSource != null && !statusSource.isNull();
        String resourceName = Json.text(source, "name");
        if (Json.present(source, "target", "averageValue")) {
            String current = hasStatus ? quantity(statusSource, "current", "averageValue") : UNKNOWN;
            return resourceName + ": " + current + "/" + quantity(source, "target", "averageValue");
        }
        String current = hasStatus && Json.present(statusSource, "current", "averageUtilization")
                ? Json.number(statusSource, "current", "averageUtilization") + "%"
                : UNKNOWN;
        String target = Json.present(source, "target", "averageUtilization")
                ? Json.number(source, "target", "averageUtilization") + "%"
                : "<auto>";
        return resourceName + ": " + current + "/" + target;
    }

    // Quantities arrive in canonical form already; an absent one is a nil *Quantity, which prints "<nil>".
    private static String quantity(JsonNode node, String... path) {
        return Json.present(node, path) ? Json.text(node, path) : "<nil>";
    }
}
