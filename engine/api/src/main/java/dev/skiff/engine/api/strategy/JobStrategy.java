package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;

/**
 * Jobs: unless {@code spec.manualSelector} is set, the server picks the selector from the Job's uid and
 * labels the pod template to match, as Kubernetes does.
 */
final class JobStrategy extends GenericStrategy {
    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String LEGACY_CONTROLLER_UID = "controller-uid";
    static final String LEGACY_JOB_NAME = "job-name";

    JobStrategy() {
        super(NameRule.DNS1123_SUBDOMAIN, true, true);
    }

    @Override
    public void prepareForCreate(ObjectNode job) {
        super.prepareForCreate(job);
        ObjectNode spec = Json.child(job, "spec");
        if (spec.path("manualSelector").asBoolean(false)) {
            return;
        }
        String uid = Json.text(job, "metadata.uid");
        String name = Json.text(job, "metadata.name");
        ObjectNode selector = spec.putObject("selector");
        selector.putObject("matchLabels").put(CONTROLLER_UID, uid);
        ObjectNode labels = Json.child(Json.child(Json.child(spec, "template"), "metadata"), "labels");
        labels.put(CONTROLLER_UID, uid);
        labels.put(JOB_NAME, name == null ? "" : name);
        labels.put(LEGACY_CONTROLLER_UID, uid);
        labels.put(LEGACY_JOB_NAME, name == null ? "" : name);
    }
}
