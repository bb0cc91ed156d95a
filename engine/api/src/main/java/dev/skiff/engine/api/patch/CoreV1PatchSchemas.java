package dev.skiff.engine.api.patch;

/**
 * Patch strategies of the meta/v1 and core/v1 types, transcribed from the {@code patchStrategy} and
 * {@code patchMergeKey} struct tags of k8s.io/apimachinery and k8s.io/api v0.32. Untagged lists
 * ({@code command}, {@code args}, {@code envFrom}, {@code tolerations}, {@code externalIPs}, ...) are
 * absent here because absence means "replace".
 */
final class CoreV1PatchSchemas {

    static final PatchSchema OBJECT_META = PatchSchema.type("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
            .mergeByKey("ownerReferences", "uid", PatchSchema.UNTAGGED)
            .mergeAsSet("finalizers")
            .build();

    /** Fields shared by {@code Container} and {@code EphemeralContainer} (EphemeralContainerCommon). */
    private static final PatchSchema CONTAINER_FIELDS = PatchSchema.type("io.k8s.api.core.v1.EphemeralContainerCommon")
            .mergeByKey("ports", "containerPort", PatchSchema.UNTAGGED)
            .mergeByKey("env", "name", PatchSchema.UNTAGGED)
            .mergeByKey("volumeMounts", "mountPath", PatchSchema.UNTAGGED)
            .mergeByKey("volumeDevices", "devicePath", PatchSchema.UNTAGGED)
            .build();

    static final PatchSchema CONTAINER = PatchSchema.type("io.k8s.api.core.v1.Container")
            .inline(CONTAINER_FIELDS)
            .build();

    static final PatchSchema EPHEMERAL_CONTAINER = PatchSchema.type("io.k8s.api.core.v1.EphemeralContainer")
            .inline(CONTAINER_FIELDS)
            .build();

    static final PatchSchema POD_SPEC = PatchSchema.type("io.k8s.api.core.v1.PodSpec")
            .mergeByKeyRetainingKeys("volumes", "name", PatchSchema.UNTAGGED)
            .mergeByKey("initContainers", "name", CONTAINER)
            .mergeByKey("containers", "name", CONTAINER)
            .mergeByKey("ephemeralContainers", "name", EPHEMERAL_CONTAINER)
            .mergeByKey("imagePullSecrets", "name", PatchSchema.UNTAGGED)
            .mergeByKey("hostAliases", "ip", PatchSchema.UNTAGGED)
            .mergeByKey("topologySpreadConstraints", "topologyKey", PatchSchema.UNTAGGED)
            .mergeByKey("schedulingGates", "name", PatchSchema.UNTAGGED)
            .mergeByKeyRetainingKeys("resourceClaims", "name", PatchSchema.UNTAGGED)
            .build();

    static final PatchSchema POD_TEMPLATE_SPEC = PatchSchema.type("io.k8s.api.core.v1.PodTemplateSpec")
            .nested("metadata", OBJECT_META)
            .nested("spec", POD_SPEC)
            .build();

    static final PatchSchema CONTAINER_STATUS = PatchSchema.type("io.k8s.api.core.v1.ContainerStatus")
            .mergeByKey("volumeMounts", "mountPath", PatchSchema.UNTAGGED)
            .mergeByKey("allocatedResourcesStatus", "name", PatchSchema.UNTAGGED)
            .build();

    static final PatchSchema POD_STATUS = PatchSchema.type("io.k8s.api.core.v1.PodStatus")
            .mergeByKey("conditions", "type", PatchSchema.UNTAGGED)
            .mergeByKey("hostIPs", "ip", PatchSchema.UNTAGGED)
            .mergeByKey("podIPs", "ip", PatchSchema.UNTAGGED)
            // The status lists themselves are atomic; their elements still carry tagged fields.
            .nested("initContainerStatuses", CONTAINER_STATUS)
            .nested("containerStatuses", CONTAINER_STATUS)
            .nested("ephemeralContainerStatuses", CONTAINER_STATUS)
            .mergeByKeyRetainingKeys("resourceClaimStatuses", "name", PatchSchema.UNTAGGED)
            .build();

    static final PatchSchema POD = PatchSchema.type("io.k8s.api.core.v1.Pod")
            .nested("metadata", OBJECT_META)
            .nested("spec", POD_SPEC)
            .nested("status", POD_STATUS)
            .build();

    static final PatchSchema POD_TEMPLATE = PatchSchema.type("io.k8s.api.core.v1.PodTemplate")
            .nested("metadata", OBJECT_META)
            .nested("template", POD_TEMPLATE_SPEC)
            .build();

    static final PatchSchema SERVICE = PatchSchema.type("io.k8s.api.core.v1.Service")
            .nested("metadata", OBJECT_META)
            .nested("spec", PatchSchema.type("io.k8s.api.core.v1.ServiceSpec")
                    .mergeByKey("ports", "port", PatchSchema.UNTAGGED)
                    .build())
            .nested("status", statusWithConditions("io.k8s.api.core.v1.ServiceStatus"))
            .build();

    static final PatchSchema SERVICE_ACCOUNT = PatchSchema.type("io.k8s.api.core.v1.ServiceAccount")
            .nested("metadata", OBJECT_META)
            .mergeByKey("secrets", "name", PatchSchema.UNTAGGED)
            .build();

    static final PatchSchema NAMESPACE = PatchSchema.type("io.k8s.api.core.v1.Namespace")
            .nested("metadata", OBJECT_META)
            .nested("status", statusWithConditions("io.k8s.api.core.v1.NamespaceStatus"))
            .build();

    static final PatchSchema NODE = PatchSchema.type("io.k8s.api.core.v1.Node")
            .nested("metadata", OBJECT_META)
            .nested("spec", PatchSchema.type("io.k8s.api.core.v1.NodeSpec")
                    .mergeAsSet("podCIDRs")
                    .build())
            .nested("status", PatchSchema.type("io.k8s.api.core.v1.NodeStatus")
                    .mergeByKey("conditions", "type", PatchSchema.UNTAGGED)
                    .mergeByKey("addresses", "type", PatchSchema.UNTAGGED)
                    .build())
            .build();

    static final PatchSchema PERSISTENT_VOLUME_CLAIM = PatchSchema.type("io.k8s.api.core.v1.PersistentVolumeClaim")
            .nested("metadata", OBJECT_META)
            .nested("status", statusWithConditions("io.k8s.api.core.v1.PersistentVolumeClaimStatus"))
            .build();

    static final PatchSchema REPLICATION_CONTROLLER = PatchSchema.type("io.k8s.api.core.v1.ReplicationController")
            .nested("metadata", OBJECT_META)
            .nested("spec", PatchSchema.type("io.k8s.api.core.v1.ReplicationControllerSpec")
                    .nested("template", POD_TEMPLATE_SPEC)
                    .build())
            .nested("status", statusWithConditions("io.k8s.api.core.v1.ReplicationControllerStatus"))
            .build();

    private CoreV1PatchSchemas() {
    }

    /** A kind whose only tagged fields are those of its metadata (ConfigMap, Secret, Ingress, Lease, ...). */
    static PatchSchema withMetadataOnly(String typeName) {
        return PatchSchema.type(typeName).nested("metadata", OBJECT_META).build();
    }

    /** A status type whose only tagged field is {@code conditions}, merged by {@code type}. */
    static PatchSchema statusWithConditions(String typeName) {
        return PatchSchema.type(typeName).mergeByKey("conditions", "type", PatchSchema.UNTAGGED).build();
    }
}
