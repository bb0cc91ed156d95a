package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of HorizontalPodAutoscalers in {@code autoscaling/v2} and {@code autoscaling/v1}. */
final class AutoscalingDefaults {

    /** The CPU utilization an autoscaler without metrics aims for. */
    static final int DEFAULT_CPU_UTILIZATION = 80;
    static final int SCALE_PERIOD_SECONDS = 15;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AutoscalingDefaults() {
    }

    /**
     * At least one replica; without metrics, 80% average CPU utilization; and a {@code behavior} that is
     * given is completed rule by rule with the controller's historic scaling speed.
     */
    static void horizontalPodAutoscalerV2(ObjectNode autoscaler) {
        ObjectNode spec = Fields.objectOrNew(autoscaler, "spec");
        if (spec == null) {
            return;
        }
        Fields.defaultNumberPointer(spec, "minReplicas", 1);
        if (Fields.isEmptyCollection(spec.get("metrics"))) {
            ObjectNode metric = spec.putArray("metrics").addObject().put("type", "Resource");
            metric.putObject("resource").put("name", "cpu")
                    .putObject("target").put("type", "Utilization")
                    .put("averageUtilization", DEFAULT_CPU_UTILIZATION);
        }
        for (ObjectNode metric : Fields.objects(spec, "metrics")) {
            canonicalTargets(metric);
        }
        // Only a behavior that is written gets completed; without one the controller uses the same values.
        if (Fields.object(spec, "behavior") instanceof ObjectNode behavior) {
            complete(behavior, "scaleUp", scaleUp());
            complete(behavior, "scaleDown", scaleDown());
        }
    }

    /** At least one replica. */
    static void horizontalPodAutoscalerV1(ObjectNode autoscaler) {
        if (Fields.objectOrNew(autoscaler, "spec") instanceof ObjectNode spec) {
            Fields.defaultNumberPointer(spec, "minReplicas", 1);
        }
    }

    /** Scale up immediately by up to 4 pods or 100%, whichever is more, every 15 seconds. */
    private static ObjectNode scaleUp() {
        ObjectNode rules = NODES.objectNode().put("stabilizationWindowSeconds", 0).put("selectPolicy", "Max");
        ArrayNode policies = rules.putArray("policies");
        policy(policies, "Pods", 4);
        policy(policies, "Percent", 100);
        return rules;
    }

    /**
     * Scale down by up to 100% every 15 seconds. The stabilization window stays unset: the controller's
     * command line decides it (300 seconds unless told).
     */
    private static ObjectNode scaleDown() {
        ObjectNode rules = NODES.objectNode().put("selectPolicy", "Max");
        policy(rules.putArray("policies"), "Percent", 100);
        return rules;
    }

    private static void policy(ArrayNode policies, String type, int value) {
        policies.addObject().put("type", type).put("value", value).put("periodSeconds", SCALE_PERIOD_SECONDS);
    }

    /** Fills each unset field of the rules {@code name} from {@code defaults}, creating the rules if absent. */
    private static void complete(ObjectNode behavior, String name, ObjectNode defaults) {
        JsonNode given = behavior.get(name);
        if (Fields.isUnset(given)) {
            behavior.set(name, defaults);
        } else if (given instanceof ObjectNode rules) {
            for (String field : new String[] {"stabilizationWindowSeconds", "selectPolicy", "policies"}) {
                if (Fields.isUnset(rules.get(field)) && defaults.has(field)) {
                    rules.set(field, defaults.get(field));
                }
            }
        }
    }

    /** Quantities in a metric's target are stored canonically, as for any quantity. */
    private static void canonicalTargets(ObjectNode metric) {
        for (String source : new String[] {"resource", "containerResource", "pods", "object", "external"}) {
            if (Fields.object(metric, source) instanceof ObjectNode sourceNode
                    && Fields.object(sourceNode, "target") instanceof ObjectNode target) {
                Quantities.canonical(target, "value");
                Quantities.canonical(target, "averageValue");
            }
        }
    }
}
