package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of the {@code batch/v1} kinds, each including its pod template's PodSpec. */
final class BatchDefaults {

    static final int BACKOFF_LIMIT = 6;
    /** With per-index back-off limits the job-wide limit is effectively off. */
    static final int BACKOFF_LIMIT_UNLIMITED = Integer.MAX_VALUE;

    private BatchDefaults() {
    }

    /**
     * One pod to completion, six retries, non-indexed, not suspended, replacement pods only once the old
     * ones are gone, a generated selector; a Job without labels takes its template's.
     *
     * <p>The selector and the {@code batch.kubernetes.io/controller-uid} and {@code job-name} template
     * labels come from the registry on create, not from here. Because Kubernetes defaults again whenever it
     * decodes a stored Job, such a Job then shows those template labels as its own.
     */
    static void job(ObjectNode job) {
        ObjectNode spec = Fields.objectOrNew(job, "spec");
        if (spec == null) {
            return;
        }
        // A job that says neither how many pods must succeed nor how many run at once runs one pod once.
        if (Fields.isUnset(spec.get("completions")) && Fields.isUnset(spec.get("parallelism"))) {
            spec.put("completions", 1);
        }
        Fields.defaultNumberPointer(spec, "parallelism", 1);
        Fields.defaultNumberPointer(spec, "backoffLimit",
                Fields.isUnset(spec.get("backoffLimitPerIndex")) ? BACKOFF_LIMIT : BACKOFF_LIMIT_UNLIMITED);
        ObjectNode templateLabels = TemplateLabels.of(spec);
        if (templateLabels != null) {
            TemplateLabels.copyWhenUnlabelled(job, templateLabels);
        }
        Fields.defaultStringPointer(spec, "completionMode", "NonIndexed");
        Fields.defaultBooleanPointer(spec, "suspend", false);
        ObjectNode failurePolicy = Fields.object(spec, "podFailurePolicy");
        if (failurePolicy != null) {
            for (ObjectNode rule : Fields.objects(failurePolicy, "rules")) {
                for (ObjectNode pattern : Fields.objects(rule, "onPodConditions")) {
                    Fields.defaultString(pattern, "status", "True");
                }
            }
        }
        // A failure policy needs to see a pod fail before its replacement exists.
        Fields.defaultStringPointer(spec, "podReplacementPolicy",
                failurePolicy != null ? "Failed" : "TerminatingOrFailed");
        Fields.defaultBooleanPointer(spec, "manualSelector", false);
        PodSpecDefaults.template(spec);
    }

    /** Concurrent runs allowed, not suspended, three successful and one failed Job kept. */
    static void cronJob(ObjectNode cronJob) {
        ObjectNode spec = Fields.objectOrNew(cronJob, "spec");
        if (spec == null) {
            return;
        }
        Fields.defaultString(spec, "concurrencyPolicy", "Allow");
        Fields.defaultBooleanPointer(spec, "suspend", false);
        Fields.defaultNumberPointer(spec, "successfulJobsHistoryLimit", 3);
        Fields.defaultNumberPointer(spec, "failedJobsHistoryLimit", 1);
        // Kubernetes gives the Job template only its PodSpec's defaults; the Job's own come when it is created.
        ObjectNode jobTemplate = Fields.objectOrNew(spec, "jobTemplate");
        ObjectNode jobSpec = jobTemplate == null ? null : Fields.objectOrNew(jobTemplate, "spec");
        if (jobSpec != null) {
            PodSpecDefaults.template(jobSpec);
        }
    }
}
