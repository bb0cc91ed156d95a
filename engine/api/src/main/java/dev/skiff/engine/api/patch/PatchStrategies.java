package dev.skiff.engine.api.patch;

import java.util.Map;
import java.util.Optional;

/**
 * The strategic-merge-patch strategies of the built-in kinds Skiff serves, by API group and kind, as
 * declared by the k8s.io/api v0.32 struct tags. Kinds absent from the table (custom resources above all)
 * have no strategies: Kubernetes refuses strategic merge patches for them with 415.
 */
public final class PatchStrategies {

    private record GroupKind(String group, String kind) {
    }

    private static final Map<GroupKind, PatchSchema> KINDS = Map.ofEntries(
            core("Pod", CoreV1PatchSchemas.POD),
            core("PodTemplate", CoreV1PatchSchemas.POD_TEMPLATE),
            core("Service", CoreV1PatchSchemas.SERVICE),
            core("Endpoints", CoreV1PatchSchemas.withMetadataOnly("io.k8s.api.core.v1.Endpoints")),
            core("ConfigMap", CoreV1PatchSchemas.withMetadataOnly("io.k8s.api.core.v1.ConfigMap")),
            core("Secret", CoreV1PatchSchemas.withMetadataOnly("io.k8s.api.core.v1.Secret")),
            core("Event", CoreV1PatchSchemas.withMetadataOnly("io.k8s.api.core.v1.Event")),
            core("ServiceAccount", CoreV1PatchSchemas.SERVICE_ACCOUNT),
            core("Namespace", CoreV1PatchSchemas.NAMESPACE),
            core("Node", CoreV1PatchSchemas.NODE),
            core("PersistentVolumeClaim", CoreV1PatchSchemas.PERSISTENT_VOLUME_CLAIM),
            core("ReplicationController", CoreV1PatchSchemas.REPLICATION_CONTROLLER),
            entry("apps", "Deployment", WorkloadPatchSchemas.DEPLOYMENT),
            entry("apps", "ReplicaSet", WorkloadPatchSchemas.REPLICA_SET),
            entry("apps", "DaemonSet", WorkloadPatchSchemas.DAEMON_SET),
            entry("apps", "StatefulSet", WorkloadPatchSchemas.STATEFUL_SET),
            entry("batch", "Job", WorkloadPatchSchemas.JOB),
            entry("batch", "CronJob", WorkloadPatchSchemas.CRON_JOB),
            entry("autoscaling", "HorizontalPodAutoscaler", WorkloadPatchSchemas.HORIZONTAL_POD_AUTOSCALER),
            metadataOnly("networking.k8s.io", "Ingress", "io.k8s.api.networking.v1.Ingress"),
            metadataOnly("networking.k8s.io", "NetworkPolicy", "io.k8s.api.networking.v1.NetworkPolicy"),
            metadataOnly("discovery.k8s.io", "EndpointSlice", "io.k8s.api.discovery.v1.EndpointSlice"),
            metadataOnly("coordination.k8s.io", "Lease", "io.k8s.api.coordination.v1.Lease"),
            metadataOnly("events.k8s.io", "Event", "io.k8s.api.events.v1.Event"),
            metadataOnly("apiextensions.k8s.io", "CustomResourceDefinition",
                    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"),
            webhooks("MutatingWebhookConfiguration"),
            webhooks("ValidatingWebhookConfiguration"),
            metadataOnly("rbac.authorization.k8s.io", "Role", "io.k8s.api.rbac.v1.Role"),
            metadataOnly("rbac.authorization.k8s.io", "ClusterRole", "io.k8s.api.rbac.v1.ClusterRole"),
            metadataOnly("rbac.authorization.k8s.io", "RoleBinding", "io.k8s.api.rbac.v1.RoleBinding"),
            metadataOnly("rbac.authorization.k8s.io", "ClusterRoleBinding", "io.k8s.api.rbac.v1.ClusterRoleBinding"));

    private PatchStrategies() {
    }

    /**
     * The strategies of a kind's root object.
     *
     * @param group the API group, {@code ""} (or {@code "core"}) for the core group
     * @param kind  the kind, for example {@code Deployment}
     * @return the schema, or empty when the kind is not a built-in one (custom resources)
     */
    public static Optional<PatchSchema> forKind(String group, String kind) {
        String normalisedGroup = group == null || group.equals("core") ? "" : group;
        return Optional.ofNullable(KINDS.get(new GroupKind(normalisedGroup, kind)));
    }

    /**
     * Every tagged type reachable from the built-in kinds, by its OpenAPI definition name
     * ({@code io.k8s.api.core.v1.PodSpec}), so the OpenAPI documents can carry the same tags.
     */
    public static Map<String, PatchSchema> byTypeName() {
        Map<String, PatchSchema> result = new java.util.HashMap<>();
        java.util.ArrayDeque<PatchSchema> todo = new java.util.ArrayDeque<>(KINDS.values());
        while (!todo.isEmpty()) {
            PatchSchema schema = todo.removeFirst();
            if (schema == null || schema == PatchSchema.UNTAGGED || result.putIfAbsent(schema.typeName(), schema) != null) {
                continue;
            }
            for (PatchField field : schema.fields().values()) {
                if (field.schema() != null) {
                    todo.addLast(field.schema());
                }
            }
        }
        return result;
    }

    private static Map.Entry<GroupKind, PatchSchema> core(String kind, PatchSchema schema) {
        return entry("", kind, schema);
    }

    /** Webhook configurations merge their {@code webhooks} by name. */
    private static Map.Entry<GroupKind, PatchSchema> webhooks(String kind) {
        return entry("admissionregistration.k8s.io", kind,
                PatchSchema.type("io.k8s.api.admissionregistration.v1." + kind)
                        .nested("metadata", CoreV1PatchSchemas.OBJECT_META)
                        .mergeByKey("webhooks", "name", PatchSchema.UNTAGGED).build());
    }

    private static Map.Entry<GroupKind, PatchSchema> metadataOnly(String group, String kind, String typeName) {
        return entry(group, kind, CoreV1PatchSchemas.withMetadataOnly(typeName));
    }

    private static Map.Entry<GroupKind, PatchSchema> entry(String group, String kind, PatchSchema schema) {
        return Map.entry(new GroupKind(group, kind), schema);
    }
}
