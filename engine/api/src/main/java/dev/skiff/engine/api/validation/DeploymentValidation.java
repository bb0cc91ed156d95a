package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import dev.skiff.engine.api.text.GoQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployments ({@code ValidateDeploymentSpec}) and ReplicaSets ({@code ValidateReplicaSetSpec}) of apps/v1:
 * replicas, selector and template, rolling update bounds, progress deadline; the selector is immutable.
 */
final class DeploymentValidation {

    private static final List<String> ALWAYS = List.of("Always");

    private DeploymentValidation() {
    }

    static List<FieldError> deployment(ObjectNode deployment) {
        JsonNode spec = Fields.object(deployment, "spec");
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>();
        WorkloadTemplates.nonNegative(spec, "replicas", 1, path, errs);
        errs.addAll(WorkloadTemplates.selectorAndTemplate(spec, path, "empty selector is invalid for deployment",
                ALWAYS, "activeDeadlineSeconds in ReplicaSet is not Supported"));
        errs.addAll(strategy(Fields.object(spec, "strategy"), path.child("strategy")));
        WorkloadTemplates.nonNegative(spec, "minReadySeconds", 0, path, errs);
        WorkloadTemplates.nonNegative(spec, "revisionHistoryLimit", 10, path, errs);
        if (Fields.has(spec, "progressDeadlineSeconds")) {
            long deadline = Fields.number(spec, "progressDeadlineSeconds", 600);
            WorkloadTemplates.nonNegative(spec, "progressDeadlineSeconds", 600, path, errs);
            if (deadline <= Fields.number(spec, "minReadySeconds", 0)) {
                errs.add(FieldError.invalid(path.child("progressDeadlineSeconds"), deadline,
                        "must be greater than minReadySeconds"));
            }
        }
        return errs;
    }

    static List<FieldError> replicaSet(ObjectNode replicaSet) {
        JsonNode spec = Fields.object(replicaSet, "spec");
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>();
        WorkloadTemplates.nonNegative(spec, "replicas", 1, path, errs);
        WorkloadTemplates.nonNegative(spec, "minReadySeconds", 0, path, errs);
        // Kubernetes' ReplicaSet validation really says "deployment" here.
        errs.addAll(WorkloadTemplates.selectorAndTemplate(spec, path, "empty selector is invalid for deployment",
                ALWAYS, "activeDeadlineSeconds in ReplicaSet is not Supported"));
        return errs;
    }

    /**
     * The apps/v1 update rule shared by both kinds: the selector may not change (apps/v1beta1 and
     * extensions/v1beta1 still allowed it).
     */
    static List<FieldError> immutableSelector(ObjectNode updated, ObjectNode old, String version) {
        if (version.equals("v1beta1")) {
            return List.of();
        }
        JsonNode now = Fields.object(updated, "spec").get("selector");
        JsonNode before = Fields.object(old, "spec").get("selector");
        if (Semantics.equal(now, before)) {
            return List.of();
        }
        return List.of(FieldError.invalid(FieldPath.root("spec").child("selector"),
                now == null || now.isNull() ? GoValue.raw("null") : GoValue.labelSelector(now), "field is immutable"));
    }

    private static List<FieldError> strategy(JsonNode strategy, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String type = Fields.text(strategy, "type");
        switch (type) {
            case "Recreate" -> {
                if (Fields.has(strategy, "rollingUpdate")) {
                    errs.add(FieldError.forbidden(path.child("rollingUpdate"),
                            "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            // Absent type and absent rollingUpdate are defaulted to RollingUpdate with 25%/25%.
            case "RollingUpdate", "" -> errs.addAll(rollingUpdate(Fields.object(strategy, "rollingUpdate"),
                    path.child("rollingUpdate")));
            default -> {
                String rolling = Fields.has(strategy, "rollingUpdate")
                        ? "(*apps.RollingUpdateDeployment)(0xc000000000)" : "(*apps.RollingUpdateDeployment)(nil)";
                errs.add(FieldError.notSupported(path, GoValue.raw("apps.DeploymentStrategy{Type:"
                        + GoQuote.quote(type) + ", RollingUpdate:" + rolling + "}"), List.of("Recreate", "RollingUpdate")));
            }
        }
        return errs;
    }

    private static List<FieldError> rollingUpdate(JsonNode rolling, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode maxUnavailable = valueOrDefault(rolling, "maxUnavailable");
        JsonNode maxSurge = valueOrDefault(rolling, "maxSurge");
        errs.addAll(positiveIntOrPercent(maxUnavailable, path.child("maxUnavailable")));
        errs.addAll(positiveIntOrPercent(maxSurge, path.child("maxSurge")));
        if (intOrPercentValue(maxUnavailable) == 0 && intOrPercentValue(maxSurge) == 0) {
            errs.add(FieldError.invalid(path.child("maxUnavailable"), GoValue.intOrString(maxUnavailable),
                    "may not be 0 when `maxSurge` is 0"));
        }
        Integer percent = percentValue(maxUnavailable);
        if (percent != null && percent > 100) {
            errs.add(FieldError.invalid(path.child("maxUnavailable"), GoValue.intOrString(maxUnavailable),
                    "must not be greater than 100%"));
        }
        return errs;
    }

    private static JsonNode valueOrDefault(JsonNode rolling, String name) {
        return Fields.has(rolling, name) ? rolling.get(name)
                : com.fasterxml.jackson.databind.node.TextNode.valueOf("25%");
    }

    private static List<FieldError> positiveIntOrPercent(JsonNode value, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (value.isTextual()) {
            for (String msg : Formats.percent(value.asText())) {
                errs.add(FieldError.invalid(path, GoValue.intOrString(value), msg));
            }
        } else if (value.asLong() < 0) {
            errs.add(FieldError.invalid(path, value.asLong(), "must be greater than or equal to 0"));
        }
        return errs;
    }

    private static Integer percentValue(JsonNode value) {
        if (!value.isTextual() || !Formats.percent(value.asText()).isEmpty()) {
            return null;
        }
        String digits = value.asText().substring(0, value.asText().length() - 1);
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static long intOrPercentValue(JsonNode value) {
        Integer percent = percentValue(value);
        if (percent != null) {
            return percent;
        }
        // Go's IntValue of a non-numeric string is 0.
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return value.asLong();
    }
}
