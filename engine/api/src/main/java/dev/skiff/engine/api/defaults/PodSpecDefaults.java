package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Defaults of every {@code PodSpec}: a Pod's own and each pod template's (Deployment, ReplicaSet, Job...).
 *
 * <p>Pod-only defaults, such as {@code enableServiceLinks}, live in {@link PodDefaults}; Kubernetes keeps
 * them out of templates so that adding one never changes every template's hash and rolls every workload.
 */
final class PodSpecDefaults {

    static final String DNS_CLUSTER_FIRST = "ClusterFirst";
    static final String RESTART_ALWAYS = "Always";
    static final int TERMINATION_GRACE_PERIOD_SECONDS = 30;
    static final String DEFAULT_SCHEDULER = "default-scheduler";

    /** The lists of containers in a PodSpec, all defaulted alike. */
    static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

    private PodSpecDefaults() {
    }

    static void apply(ObjectNode spec) {
        Fields.defaultString(spec, "dnsPolicy", DNS_CLUSTER_FIRST);
        // Job templates get Always too; Job validation then rejects it and asks for OnFailure or Never.
        Fields.defaultString(spec, "restartPolicy", RESTART_ALWAYS);
        if (Fields.isUnset(spec.get("securityContext"))) {
            spec.putObject("securityContext");
        }
        Fields.defaultNumberPointer(spec, "terminationGracePeriodSeconds", TERMINATION_GRACE_PERIOD_SECONDS);
        Fields.defaultString(spec, "schedulerName", DEFAULT_SCHEDULER);
        serviceAccountFields(spec);
        for (ObjectNode volume : Fields.objects(spec, "volumes")) {
            VolumeDefaults.apply(volume);
        }
        for (String list : CONTAINER_LISTS) {
            for (ObjectNode container : Fields.objects(spec, list)) {
                ContainerDefaults.apply(container);
            }
        }
        Quantities.resourceList(spec, "overhead");
        Quantities.requirements(spec, "resources");
    }

    /**
     * Defaults the PodSpec of the pod template in a workload's spec ({@code template.spec}), creating both
     * as Go's non-pointer structs would be.
     */
    static void template(ObjectNode workloadSpec) {
        ObjectNode template = Fields.objectOrNew(workloadSpec, "template");
        ObjectNode spec = template == null ? null : Fields.objectOrNew(template, "spec");
        if (spec != null) {
            apply(spec);
        }
    }

    /**
     * Keeps the deprecated {@code serviceAccount} equal to {@code serviceAccountName}, as a round trip through
     * Kubernetes' internal version does: the name wins, and the old field fills an empty name.
     */
    private static void serviceAccountFields(ObjectNode spec) {
        JsonNode name = spec.get("serviceAccountName");
        JsonNode deprecated = spec.get("serviceAccount");
        if (Fields.isEmptyString(name)) {
            if (!Fields.isEmptyString(deprecated) && deprecated.isTextual()) {
                spec.set("serviceAccountName", deprecated.deepCopy());
            }
        } else if (name.isTextual()) {
            spec.set("serviceAccount", name.deepCopy());
        }
    }
}
