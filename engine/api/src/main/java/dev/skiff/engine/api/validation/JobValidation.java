package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs and CronJobs of batch/v1 ({@code validateJobSpec}): counts not negative, indexed-mode limits, a template
 * that restarts OnFailure or Never. On update the selector and the pod template are immutable.
 *
 * <p>Simplifications: 1.32 lets a suspended Job that never started change its template's scheduling directives
 * (node affinity, node selector, tolerations, labels, annotations, scheduling gates); here the template is always
 * immutable. The selector Kubernetes generates from the Job's uid is not checked (Skiff's strategy owns it), and a
 * Job without a selector is read as one whose selector is still to be generated. CronJob schedules are not parsed.
 */
final class JobValidation {

    private static final List<String> JOB_RESTART_POLICIES = List.of("OnFailure", "Never");
    private static final int MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
    private static final int MAX_FAILED_INDEXES = 100_000;

    private JobValidation() {
    }

    static List<FieldError> create(ObjectNode job) {
        JsonNode spec = Fields.object(job, "spec");
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>(jobSpec(spec, path));
        JsonNode selector = spec.get("selector");
        if (selector != null && !selector.isNull()) {
            errs.addAll(LabelSelectors.validate(selector, path.child("selector")));
            LabelSelectors.Selection selection = LabelSelectors.selection(selector);
            JsonNode labels = Fields.object(Fields.object(spec, "template"), "metadata").get("labels");
            if (!(selection instanceof LabelSelectors.Unparseable) && !selection.matches(labels)) {
                errs.add(FieldError.invalid(path.child("template", "metadata", "labels"), GoValue.stringMap(labels),
                        "`selector` does not match template `labels`"));
            }
        }
        String name = Fields.text(Fields.object(job, "metadata"), "name");
        if ("Indexed".equals(Fields.text(spec, "completionMode")) && Fields.number(spec, "completions", 0) > 0
                && !name.isEmpty()) {
            String hostname = name + "-" + (Fields.number(spec, "completions", 0) - 1);
            if (!Formats.dns1123Label(hostname).isEmpty()) {
                errs.add(FieldError.invalid(FieldPath.root("metadata").child("name"), name,
                        "will not able to create pod with invalid DNS label: " + hostname));
            }
        }
        return errs;
    }

    static List<FieldError> update(ObjectNode job, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(create(job));
        JsonNode spec = Fields.object(job, "spec");
        JsonNode oldSpec = Fields.object(old, "spec");
        FieldPath path = FieldPath.root("spec");
        boolean indexed = "Indexed".equals(Fields.text(spec, "completionMode"));
        if (!Semantics.equal(spec.get("completions"), oldSpec.get("completions"))) {
            if (!indexed) {
                errs.add(immutable(path.child("completions"), number(spec, "completions")));
            } else if (Fields.has(spec, "completions")
                    && Fields.number(spec, "completions", 0) != Fields.number(spec, "parallelism", 1)) {
                errs.add(FieldError.invalid(path.child("completions"), Fields.number(spec, "completions", 0),
                        "can only be modified in tandem with spec.parallelism"));
            }
        }
        JsonNode selector = spec.get("selector");
        // A selector that is still absent on one side will be generated: only a change between two given ones counts.
        if (Fields.has(spec, "selector") && Fields.has(oldSpec, "selector")
                && !Semantics.equal(selector, oldSpec.get("selector"))) {
            errs.add(immutable(path.child("selector"), GoValue.labelSelector(selector)));
        }
        if (!Semantics.equal(spec.get("template"), oldSpec.get("template"))) {
            errs.add(immutable(path.child("template"), GoValue.raw("core.PodTemplateSpec{...}")));
        }
        for (String field : List.of("completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy",
                "successPolicy")) {
            if (!Semantics.equal(spec.get(field), oldSpec.get(field))) {
                errs.add(immutable(path.child(field), show(spec.get(field))));
            }
        }
        return errs;
    }

    static List<FieldError> cronJob(ObjectNode cronJob, boolean creating) {
        JsonNode spec = Fields.object(cronJob, "spec");
        FieldPath path = FieldPath.root("spec");
        List<FieldError> errs = new ArrayList<>();
        String schedule = Fields.text(spec, "schedule");
        if (schedule.isEmpty()) {
            errs.add(FieldError.required(path.child("schedule"), ""));
        } else if (schedule.contains("TZ")) {
            errs.add(FieldError.invalid(path.child("schedule"), schedule,
                    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
        WorkloadTemplates.nonNegative(spec, "startingDeadlineSeconds", 0, path, errs);
        String policy = Fields.text(spec, "concurrencyPolicy");
        List<String> policies = List.of("Allow", "Forbid", "Replace");
        if (!policy.isEmpty() && !policies.contains(policy)) {
            errs.add(FieldError.notSupported(path.child("concurrencyPolicy"), policy, policies));
        }
        JsonNode jobTemplate = Fields.object(spec, "jobTemplate");
        FieldPath templatePath = path.child("jobTemplate");
        JsonNode jobSpec = Fields.object(jobTemplate, "spec");
        errs.addAll(jobSpec(jobSpec, templatePath.child("spec")));
        if (Fields.has(jobSpec, "selector")) {
            errs.add(FieldError.invalid(templatePath.child("spec", "selector"),
                    GoValue.labelSelector(jobSpec.get("selector")), "`selector` will be auto-generated"));
        }
        if (Fields.flag(jobSpec, "manualSelector")) {
            errs.add(FieldError.notSupported(templatePath.child("spec", "manualSelector"), GoValue.of(true),
                    List.of("nil", "false")));
        }
        WorkloadTemplates.nonNegative(spec, "successfulJobsHistoryLimit", 3, path, errs);
        WorkloadTemplates.nonNegative(spec, "failedJobsHistoryLimit", 1, path, errs);
        String name = Fields.text(Fields.object(cronJob, "metadata"), "name");
        if (creating && name.length() > 52) {
            errs.add(FieldError.invalid(FieldPath.root("metadata").child("name"), name,
                    "must be no more than 52 characters"));
        }
        return errs;
    }

    /** {@code validateJobSpec}. */
    private static List<FieldError> jobSpec(JsonNode spec, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String field : List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
                "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes")) {
            WorkloadTemplates.nonNegative(spec, field, 0, path, errs);
        }
        if (Fields.has(spec, "maxFailedIndexes") && !Fields.has(spec, "backoffLimitPerIndex")) {
            errs.add(FieldError.required(path.child("backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
        }
        String mode = Fields.text(spec, "completionMode");
        if (Fields.has(spec, "completionMode")) {
            if (!mode.equals("NonIndexed") && !mode.equals("Indexed")) {
                errs.add(FieldError.notSupported(path.child("completionMode"), mode, List.of("NonIndexed", "Indexed")));
            }
            if (mode.equals("Indexed")) {
                if (!Fields.has(spec, "completions")) {
                    errs.add(FieldError.required(path.child("completions"), "when completion mode is Indexed"));
                }
                long parallelism = Fields.number(spec, "parallelism", 1);
                if (parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
                    errs.add(FieldError.invalid(path.child("parallelism"), parallelism,
                            "must be less than or equal to 100000 when completion mode is Indexed"));
                }
                if (Fields.has(spec, "completions") && Fields.has(spec, "maxFailedIndexes")
                        && Fields.number(spec, "maxFailedIndexes", 0) > Fields.number(spec, "completions", 0)) {
                    errs.add(FieldError.invalid(path.child("maxFailedIndexes"), Fields.number(spec, "maxFailedIndexes", 0),
                            "must be less than or equal to completions"));
                }
                if (Fields.number(spec, "maxFailedIndexes", 0) > MAX_FAILED_INDEXES) {
                    errs.add(FieldError.invalid(path.child("maxFailedIndexes"), Fields.number(spec, "maxFailedIndexes", 0),
                            "must be less than or equal to 100000"));
                }
            }
        }
        if (!mode.equals("Indexed")) {
            for (String field : List.of("backoffLimitPerIndex", "maxFailedIndexes")) {
                if (Fields.has(spec, field)) {
                    errs.add(FieldError.invalid(path.child(field), Fields.number(spec, field, 0),
                            "requires indexed completion mode"));
                }
            }
        }
        if (Fields.has(spec, "podReplacementPolicy")) {
            String policy = Fields.text(spec, "podReplacementPolicy");
            List<String> supported = Fields.has(spec, "podFailurePolicy")
                    ? List.of("Failed") : List.of("Failed", "TerminatingOrFailed");
            if (!supported.contains(policy)) {
                errs.add(FieldError.notSupported(path.child("podReplacementPolicy"), policy, supported));
            }
        }
        JsonNode template = Fields.object(spec, "template");
        FieldPath templatePath = path.child("template");
        errs.addAll(PodValidation.template(template, templatePath));
        // A template that leaves restartPolicy out is defaulted to Always, which Jobs refuse.
        String restartPolicy = Fields.text(Fields.object(template, "spec"), "restartPolicy");
        FieldPath restartPath = templatePath.child("spec", "restartPolicy");
        if (restartPolicy.isEmpty() || restartPolicy.equals("Always")) {
            errs.add(FieldError.required(restartPath, "valid values: \"OnFailure\", \"Never\""));
        } else if (!JOB_RESTART_POLICIES.contains(restartPolicy)) {
            errs.add(FieldError.notSupported(restartPath, restartPolicy, JOB_RESTART_POLICIES));
        } else if (Fields.has(spec, "podFailurePolicy") && !restartPolicy.equals("Never")) {
            errs.add(FieldError.invalid(restartPath, restartPolicy,
                    "only \"Never\" is supported when podFailurePolicy is specified"));
        }
        return errs;
    }

    private static FieldError immutable(FieldPath path, GoValue value) {
        return FieldError.invalid(path, value, "field is immutable");
    }

    private static GoValue number(JsonNode spec, String field) {
        return Fields.has(spec, field) ? GoValue.of(Fields.number(spec, field, 0)) : GoValue.raw("null");
    }

    private static GoValue show(JsonNode value) {
        if (value == null || value.isNull()) {
            return GoValue.raw("null");
        }
        if (value.isTextual()) {
            return GoValue.of(value.asText());
        }
        return value.isNumber() ? GoValue.of(value.asLong()) : GoValue.raw(value.toString());
    }
}
