package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What controllers of pods share: a required, non-empty selector that matches the template's labels
 * ({@code `selector` does not match template `labels`}) and a valid template.
 */
final class WorkloadTemplates {

    private WorkloadTemplates() {
    }

    /**
     * The selector part of {@code ValidateDeploymentSpec}/{@code ValidateReplicaSetSpec}: required, valid and
     * non-empty; then the template checked against it.
     *
     * @param emptyMessage Kubernetes' text for an empty selector (it says "deployment" for ReplicaSets too)
     */
    static List<FieldError> selectorAndTemplate(JsonNode spec, FieldPath specPath, String emptyMessage,
                                                List<String> restartPolicies, String activeDeadlineMessage) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode selector = spec.get("selector");
        boolean hasSelector = selector != null && !selector.isNull();
        if (!hasSelector) {
            errs.add(FieldError.required(specPath.child("selector"), ""));
        } else {
            errs.addAll(LabelSelectors.validate(selector, specPath.child("selector")));
            if (LabelSelectors.hasNoTerms(selector)) {
                errs.add(FieldError.invalid(specPath.child("selector"), GoValue.labelSelector(selector), emptyMessage));
            }
        }
        LabelSelectors.Selection selection = LabelSelectors.selection(hasSelector ? selector : null);
        if (selection instanceof LabelSelectors.Unparseable) {
            errs.add(FieldError.invalid(specPath.child("selector"), GoValue.labelSelector(selector),
                    "invalid label selector"));
            return errs;
        }
        errs.addAll(templateForSelector(Fields.object(spec, "template"), selection, specPath.child("template"),
                restartPolicies, activeDeadlineMessage));
        return errs;
    }

    /** {@code ValidatePodTemplateSpecForReplicaSet} and its siblings. */
    static List<FieldError> templateForSelector(JsonNode template, LabelSelectors.Selection selection, FieldPath path,
                                                List<String> restartPolicies, String activeDeadlineMessage) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode labels = Fields.object(template, "metadata").get("labels");
        if (!selection.isEmpty() && !selection.matches(labels)) {
            errs.add(FieldError.invalid(path.child("metadata", "labels"), GoValue.stringMap(labels),
                    "`selector` does not match template `labels`"));
        }
        errs.addAll(PodValidation.template(template, path));
        JsonNode podSpec = Fields.object(template, "spec");
        String restartPolicy = Fields.text(podSpec, "restartPolicy");
        if (!restartPolicy.isEmpty() && !restartPolicies.contains(restartPolicy)) {
            errs.add(FieldError.notSupported(path.child("spec", "restartPolicy"), restartPolicy, restartPolicies));
        }
        if (activeDeadlineMessage != null && Fields.has(podSpec, "activeDeadlineSeconds")) {
            errs.add(FieldError.forbidden(path.child("spec", "activeDeadlineSeconds"), activeDeadlineMessage));
        }
        return errs;
    }

    /** {@code ValidateNonnegativeField} on an optional integer read with its default. */
    static void nonNegative(JsonNode node, String name, long fallback, FieldPath path, List<FieldError> errs) {
        long value = Fields.number(node, name, fallback);
        if (value < 0) {
            errs.add(FieldError.invalid(path.child(name), value, "must be greater than or equal to 0"));
        }
    }
}
