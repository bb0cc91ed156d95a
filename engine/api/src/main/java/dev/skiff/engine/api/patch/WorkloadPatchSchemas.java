package dev.skiff.engine.api.patch;

import static dev.skiff.engine.api.patch.CoreV1PatchSchemas.OBJECT_META;
import static dev.skiff.engine.api.patch.CoreV1PatchSchemas.PERSISTENT_VOLUME_CLAIM;
import static dev.skiff.engine.api.patch.CoreV1PatchSchemas.POD_TEMPLATE_SPEC;
import static dev.skiff.engine.api.patch.CoreV1PatchSchemas.statusWithConditions;

/**
 * Patch strategies of the apps/v1, batch/v1 and autoscaling/v2 kinds (k8s.io/api v0.32 struct tags).
 * Their pod templates carry the whole core/v1 PodSpec table.
 */
final class WorkloadPatchSchemas {

    static final PatchSchema DEPLOYMENT = PatchSchema.type("io.k8s.api.apps.v1.Deployment")
            .nested("metadata", OBJECT_META)
            .nested("spec", PatchSchema.type("io.k8s.api.apps.v1.DeploymentSpec")
                    .nested("template", POD_TEMPLATE_SPEC)
                    .retainKeys("strategy", PatchSchema.UNTAGGED)
                    .build())
            .nested("status", statusWithConditions("io.k8s.api.apps.v1.DeploymentStatus"))
            .build();

    static final PatchSchema REPLICA_SET = PatchSchema.type("io.k8s.api.apps.v1.ReplicaSet")
            .nested("metadata", OBJECT_META)
            .nested("spec", templateSpec("io.k8s.api.apps.v1.ReplicaSetSpec"))
            .nested("status", statusWithConditions("io.k8s.api.apps.v1.ReplicaSetStatus"))
            .build();

    static final PatchSchema DAEMON_SET = PatchSchema.type("io.k8s.api.apps.v1.DaemonSet")
            .nested("metadata", OBJECT_META)
            .nested("spec", templateSpec("io.k8s.api.apps.v1.DaemonSetSpec"))
            .nested("status", statusWithConditions("io.k8s.api.apps.v1.DaemonSetStatus"))
            .build();

    static final PatchSchema STATEFUL_SET = PatchSchema.type("io.k8s.api.apps.v1.StatefulSet")
            .nested("metadata", OBJECT_META)
            .nested("spec", PatchSchema.type("io.k8s.api.apps.v1.StatefulSetSpec")
                    .nested("template", POD_TEMPLATE_SPEC)
                    .nested("volumeClaimTemplates", PERSISTENT_VOLUME_CLAIM)
                    .build())
            .nested("status", statusWithConditions("io.k8s.api.apps.v1.StatefulSetStatus"))
            .build();

    private static final PatchSchema JOB_SPEC = templateSpec("io.k8s.api.batch.v1.JobSpec");

    static final PatchSchema JOB = PatchSchema.type("io.k8s.api.batch.v1.Job")
            .nested("metadata", OBJECT_META)
            .nested("spec", JOB_SPEC)
            .nested("status", statusWithConditions("io.k8s.api.batch.v1.JobStatus"))
            .build();

    static final PatchSchema CRON_JOB = PatchSchema.type("io.k8s.api.batch.v1.CronJob")
            .nested("metadata", OBJECT_META)
            .nested("spec", PatchSchema.type("io.k8s.api.batch.v1.CronJobSpec")
                    .nested("jobTemplate", PatchSchema.type("io.k8s.api.batch.v1.JobTemplateSpec")
                            .nested("metadata", OBJECT_META)
                            .nested("spec", JOB_SPEC)
                            .build())
                    .build())
            .build();

    static final PatchSchema HORIZONTAL_POD_AUTOSCALER = PatchSchema.type("io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler")
            .nested("metadata", OBJECT_META)
            .nested("status", statusWithConditions("io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus"))
            .build();

    private WorkloadPatchSchemas() {
    }

    private static PatchSchema templateSpec(String typeName) {
        return PatchSchema.type(typeName).nested("template", POD_TEMPLATE_SPEC).build();
    }
}
