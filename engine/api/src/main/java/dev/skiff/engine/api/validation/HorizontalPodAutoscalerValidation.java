package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.Quantity;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HorizontalPodAutoscalers: {@code maxReplicas >= minReplicas >= 1}, a target to scale, well-formed metrics and
 * behavior. Kubernetes validates the internal (v2-shaped) object, so an autoscaling/v1 object's
 * {@code targetCPUUtilizationPercentage} is reported at {@code spec.metrics[0].resource.target.averageUtilization},
 * as a real cluster does.
 */
final class HorizontalPodAutoscalerValidation {

    private static final List<String> METRIC_TYPES =
            List.of("ContainerResource", "External", "Object", "Pods", "Resource");
    private static final List<String> SELECT_POLICIES = List.of("Disabled", "Max", "Min");
    private static final List<String> POLICY_TYPES = List.of("Percent", "Pods");

    private HorizontalPodAutoscalerValidation() {
    }

    static List<FieldError> validate(ObjectNode hpa, String version, ObjectNode old) {
        JsonNode spec = "v1".equals(version) ? fromV1(Fields.object(hpa, "spec")) : Fields.object(hpa, "spec");
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>();
        long lowerBound = old != null && Fields.has(Fields.object(old, "spec"), "minReplicas")
                && Fields.number(Fields.object(old, "spec"), "minReplicas", 1) == 0 ? 0 : 1;
        long min = Fields.number(spec, "minReplicas", 1);
        long max = Fields.number(spec, "maxReplicas", 0);
        if (Fields.has(spec, "minReplicas") && min < lowerBound) {
            errs.add(FieldError.invalid(path.child("minReplicas"), min, "must be greater than or equal to " + lowerBound));
        }
        if (max < 1) {
            errs.add(FieldError.invalid(path.child("maxReplicas"), max, "must be greater than 0"));
        }
        if (Fields.has(spec, "minReplicas") && max < min) {
            errs.add(FieldError.invalid(path.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`"));
        }
        errs.addAll(crossVersionObjectReference(Fields.object(spec, "scaleTargetRef"), path.child("scaleTargetRef")));
        List<JsonNode> metrics = Fields.list(spec, "metrics");
        boolean objectOrExternal = false;
        for (int i = 0; i < metrics.size(); i++) {
            errs.addAll(metric(metrics.get(i), path.child("metrics").index(i)));
            String type = Fields.text(metrics.get(i), "type");
            objectOrExternal |= type.equals("Object") || type.equals("External");
        }
        if (Fields.has(spec, "minReplicas") && min == 0 && !objectOrExternal) {
            errs.add(FieldError.forbidden(path.child("metrics"),
                    "must specify at least one Object or External metric to support scaling to zero replicas"));
        }
        if (Fields.has(spec, "behavior")) {
            for (String direction : List.of("scaleUp", "scaleDown")) {
                if (Fields.has(spec.get("behavior"), direction)) {
                    errs.addAll(scalingRules(spec.get("behavior").get(direction), path.child("behavior", direction)));
                }
            }
        }
        return errs;
    }

    /** The autoscaling/v1 spec as the internal object Kubernetes validates. */
    private static JsonNode fromV1(JsonNode spec) {
        ObjectNode out = spec.isObject() ? ((ObjectNode) spec).deepCopy() : JsonNodeFactory.instance.objectNode();
        out.remove("targetCPUUtilizationPercentage");
        if (Fields.has(spec, "targetCPUUtilizationPercentage")) {
            ObjectNode target = JsonNodeFactory.instance.objectNode()
                    .put("type", "Utilization")
                    .put("averageUtilization", Fields.number(spec, "targetCPUUtilizationPercentage", 0));
            ObjectNode resource = JsonNodeFactory.instance.objectNode().put("name", "cpu");
            resource.set("target", target);
            ObjectNode metric = JsonNodeFactory.instance.objectNode().put("type", "Resource");
            metric.set("resource", resource);
            out.putArray("metrics").add(metric);
        }
        return out;
    }

    private static List<FieldError> crossVersionObjectReference(JsonNode ref, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String field : List.of("kind", "name")) {
            String value = Fields.text(ref, field);
            if (value.isEmpty()) {
                errs.add(FieldError.required(path.child(field), ""));
            } else {
                for (String msg : Formats.pathSegmentName(value)) {
                    errs.add(FieldError.invalid(path.child(field), value, msg));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> metric(JsonNode spec, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String type = Fields.text(spec, "type");
        if (type.isEmpty()) {
            errs.add(FieldError.required(path.child("type"), "must specify a metric source type"));
        }
        if (!METRIC_TYPES.contains(type)) {
            errs.add(FieldError.notSupported(path.child("type"), type, METRIC_TYPES));
        }
        List<String> present = new ArrayList<>();
        for (String source : List.of("object", "external", "pods", "resource", "containerResource")) {
            if (!Fields.has(spec, source)) {
                continue;
            }
            present.add(source);
            if (present.size() == 1) {
                errs.addAll(source(source, spec.get(source), path.child(source)));
            }
        }
        String expected = switch (type) {
            case "Object" -> "object";
            case "Pods" -> "pods";
            case "Resource" -> "resource";
            case "External" -> "external";
            case "ContainerResource" -> "containerResource";
            default -> null;
        };
        if (expected == null) {
            errs.add(FieldError.notSupported(path.child("type"), type, METRIC_TYPES));
        } else if (!Fields.has(spec, expected)) {
            errs.add(FieldError.required(path.child(expected), "must populate information for the given metric source"));
        }
        if (present.size() != 1) {
            for (String source : present) {
                if (!source.equals(expected)) {
                    errs.add(FieldError.forbidden(path.child(source), "must populate the given metric source only"));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> source(String kind, JsonNode src, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode target = Fields.object(src, "target");
        FieldPath targetPath = path.child("target");
        switch (kind) {
            case "object" -> {
                errs.addAll(crossVersionObjectReference(Fields.object(src, "describedObject"), path.child("describedObject")));
                errs.addAll(metricIdentifier(Fields.object(src, "metric"), path.child("metric")));
                errs.addAll(target(target, targetPath));
                if (!Fields.has(target, "value") && !Fields.has(target, "averageValue")) {
                    errs.add(FieldError.required(targetPath.child("averageValue"), "must set either a target value or averageValue"));
                }
            }
            case "external" -> {
                errs.addAll(metricIdentifier(Fields.object(src, "metric"), path.child("metric")));
                errs.addAll(target(target, targetPath));
                if (!Fields.has(target, "value") && !Fields.has(target, "averageValue")) {
                    errs.add(FieldError.required(targetPath.child("averageValue"),
                            "must set either a target value for metric or a per-pod target"));
                }
                if (Fields.has(target, "value") && Fields.has(target, "averageValue")) {
                    errs.add(FieldError.forbidden(targetPath.child("value"),
                            "may not set both a target value for metric and a per-pod target"));
                }
            }
            case "pods" -> {
                errs.addAll(metricIdentifier(Fields.object(src, "metric"), path.child("metric")));
                errs.addAll(target(target, targetPath));
                if (!Fields.has(target, "averageValue")) {
                    errs.add(FieldError.required(targetPath.child("averageValue"), "must specify a positive target averageValue"));
                }
            }
            case "resource", "containerResource" -> {
                String name = Fields.text(src, "name");
                if (name.isEmpty()) {
                    errs.add(FieldError.required(path.child("name"), "must specify a resource name"));
                }
                if (kind.equals("containerResource")) {
                    String container = Fields.text(src, "container");
                    if (container.isEmpty()) {
                        errs.add(FieldError.required(path.child("container"), "must specify a container"));
                    } else {
                        for (String msg : Formats.dns1123Label(container)) {
                            errs.add(FieldError.invalid(path.child("container"), container, msg));
                        }
                    }
                }
                errs.addAll(target(target, targetPath));
                if (!Fields.has(target, "averageUtilization") && !Fields.has(target, "averageValue")) {
                    errs.add(FieldError.required(targetPath.child("averageUtilization"),
                            "must set either a target raw value or a target utilization"));
                }
                if (Fields.has(target, "averageUtilization") && Fields.has(target, "averageValue")) {
                    errs.add(FieldError.forbidden(targetPath.child("averageValue"),
                            "may not set both a target raw value and a target utilization"));
                }
            }
            default -> throw new IllegalStateException(kind);
        }
        return errs;
    }

    private static List<FieldError> target(JsonNode target, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String type = Fields.text(target, "type");
        if (type.isEmpty()) {
            errs.add(FieldError.required(path.child("type"), "must specify a metric target type"));
        }
        if (!type.equals("Utilization") && !type.equals("Value") && !type.equals("AverageValue")) {
            errs.add(FieldError.invalid(path.child("type"), type, "must be either Utilization, Value, or AverageValue"));
        }
        for (String field : List.of("value", "averageValue")) {
            Optional<Quantity> q = Quantity.of(target.get(field));
            if (q.isPresent() && q.get().signum() != 1) {
                errs.add(FieldError.invalid(path.child(field), q.get().canonical(), "must be positive"));
            }
        }
        if (Fields.has(target, "averageUtilization") && Fields.number(target, "averageUtilization", 0) < 1) {
            errs.add(FieldError.invalid(path.child("averageUtilization"), Fields.number(target, "averageUtilization", 0),
                    "must be greater than 0"));
        }
        return errs;
    }

    private static List<FieldError> metricIdentifier(JsonNode id, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = Fields.text(id, "name");
        if (name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), "must specify a metric name"));
        } else {
            for (String msg : Formats.pathSegmentName(name)) {
                errs.add(FieldError.invalid(path.child("name"), name, msg));
            }
        }
        return errs;
    }

    private static List<FieldError> scalingRules(JsonNode rules, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (Fields.has(rules, "stabilizationWindowSeconds")) {
            long window = Fields.number(rules, "stabilizationWindowSeconds", 0);
            if (window < 0) {
                errs.add(FieldError.invalid(path.child("stabilizationWindowSeconds"), window,
                        "must be greater than or equal to zero"));
            }
            if (window > 3600) {
                errs.add(FieldError.invalid(path.child("stabilizationWindowSeconds"), window,
                        "must be less than or equal to 3600"));
            }
        }
        if (Fields.has(rules, "selectPolicy") && !SELECT_POLICIES.contains(Fields.text(rules, "selectPolicy"))) {
            errs.add(FieldError.notSupported(path.child("selectPolicy"), Fields.text(rules, "selectPolicy"), SELECT_POLICIES));
        }
        // Policies left out are defaulted; only an explicitly empty list is an error.
        List<JsonNode> policies = Fields.list(rules, "policies");
        if (rules.has("policies") && policies.isEmpty()) {
            errs.add(FieldError.required(path.child("policies"), "must specify at least one Policy"));
        }
        for (int i = 0; i < policies.size(); i++) {
            JsonNode policy = policies.get(i);
            FieldPath at = path.child("policies").index(i);
            String type = Fields.text(policy, "type");
            if (!POLICY_TYPES.contains(type)) {
                errs.add(FieldError.notSupported(at.child("type"), type, POLICY_TYPES));
            }
            long value = Fields.number(policy, "value", 0);
            if (value <= 0) {
                errs.add(FieldError.invalid(at.child("value"), value, "must be greater than zero"));
            }
            long period = Fields.number(policy, "periodSeconds", 0);
            if (period <= 0) {
                errs.add(FieldError.invalid(at.child("periodSeconds"), period, "must be greater than zero"));
            }
            if (period > 1800) {
                errs.add(FieldError.invalid(at.child("periodSeconds"), period, "must be less than or equal to 1800"));
            }
        }
        return errs;
    }
}
