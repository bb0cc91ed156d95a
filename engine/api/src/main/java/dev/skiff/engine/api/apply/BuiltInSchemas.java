package dev.skiff.engine.api.apply;

import static dev.skiff.engine.api.apply.TypeSchema.ATOMIC;
import static dev.skiff.engine.api.apply.TypeSchema.DEDUCED;
import static dev.skiff.engine.api.apply.TypeSchema.struct;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The merge topology of the built-in kinds that Skiff serves, taken from the
 * {@code +listType}, {@code +listMapKey}, {@code +mapType}/{@code +structType} and
 * {@code +default} markers of the Kubernetes API types (k8s.io/api). Only the nodes that are not
 * "granular object / atomic list" are listed; everything else is deduced from the value.
 */
final class BuiltInSchemas {

    private BuiltInSchemas() {}

    private static TypeSchema.ListMap listMap(TypeSchema element, String... keys) {
        return new TypeSchema.ListMap(List.of(keys), Map.of(), element);
    }

    private static TypeSchema.ListMap listMap(TypeSchema element, Map<String, JsonNode> defaults, String... keys) {
        return new TypeSchema.ListMap(List.of(keys), defaults, element);
    }

    private static final TypeSchema SET = new TypeSchema.ListSet();

    /** ObjectMeta: ownerReferences are keyed by uid and each is atomic; finalizers are a set. */
    static final TypeSchema OBJECT_META = struct(
            "ownerReferences", listMap(ATOMIC, "uid"),
            "finalizers", SET);

    private static final TypeSchema LABEL_SELECTOR = ATOMIC;

    private static final TypeSchema ENV_VAR = struct(
            "valueFrom", struct(
                    "fieldRef", ATOMIC,
                    "resourceFieldRef", ATOMIC,
                    "configMapKeyRef", ATOMIC,
                    "secretKeyRef", ATOMIC));

    private static final TypeSchema RESOURCE_REQUIREMENTS = struct("claims", listMap(DEDUCED, "name"));

    private static final TypeSchema CONTAINER = struct(
            "ports", listMap(DEDUCED, Map.of("protocol", TextNode.valueOf("TCP")), "containerPort", "protocol"),
            "env", listMap(ENV_VAR, "name"),
            "resources", RESOURCE_REQUIREMENTS,
            "volumeMounts", listMap(DEDUCED, "mountPath"),
            "volumeDevices", listMap(DEDUCED, "devicePath"));

    private static final TypeSchema SECRET_REF_HOLDER = struct("secretRef", ATOMIC);

    private static final TypeSchema VOLUME = struct(
            "iscsi", SECRET_REF_HOLDER,
            "rbd", SECRET_REF_HOLDER,
            "flexVolume", SECRET_REF_HOLDER,
            "cinder", SECRET_REF_HOLDER,
            "cephfs", SECRET_REF_HOLDER,
            "scaleIO", SECRET_REF_HOLDER,
            "storageos", SECRET_REF_HOLDER,
            "csi", struct("nodePublishSecretRef", ATOMIC),
            "ephemeral", struct("volumeClaimTemplate", struct(
                    "metadata", OBJECT_META,
                    "spec", struct("selector", LABEL_SELECTOR, "dataSource", ATOMIC))));

    static final TypeSchema POD_SPEC = struct(
            "volumes", listMap(VOLUME, "name"),
            "initContainers", listMap(CONTAINER, "name"),
            "containers", listMap(CONTAINER, "name"),
            "ephemeralContainers", listMap(CONTAINER, "name"),
            "nodeSelector", ATOMIC,
            "imagePullSecrets", listMap(ATOMIC, Map.of("name", TextNode.valueOf("")), "name"),
            "affinity", struct("nodeAffinity", struct("requiredDuringSchedulingIgnoredDuringExecution", ATOMIC)),
            "hostAliases", listMap(DEDUCED, "ip"),
            "topologySpreadConstraints", listMap(struct("labelSelector", LABEL_SELECTOR), "topologyKey", "whenUnsatisfiable"),
            "schedulingGates", listMap(DEDUCED, "name"),
            "resourceClaims", listMap(DEDUCED, "name"),
            "resources", RESOURCE_REQUIREMENTS);

    private static final TypeSchema POD_TEMPLATE_SPEC = struct("metadata", OBJECT_META, "spec", POD_SPEC);

    private static final TypeSchema CONDITIONS = listMap(DEDUCED, "type");

    private static final TypeSchema POD = struct(
            "metadata", OBJECT_META,
            "spec", POD_SPEC,
            "status", struct(
                    "conditions", CONDITIONS,
                    "podIPs", listMap(DEDUCED, "ip"),
                    "resourceClaimStatuses", listMap(DEDUCED, "name")));

    private static TypeSchema workload() {
        return struct(
                "metadata", OBJECT_META,
                "spec", struct("selector", LABEL_SELECTOR, "template", POD_TEMPLATE_SPEC),
                "status", struct("conditions", CONDITIONS));
    }

    private static final TypeSchema JOB = struct(
            "metadata", OBJECT_META,
            "spec", struct("selector", LABEL_SELECTOR, "template", POD_TEMPLATE_SPEC),
            "status", struct("uncountedTerminatedPods", struct("succeeded", SET, "failed", SET)));

    private static final TypeSchema SERVICE = struct(
            "metadata", OBJECT_META,
            "spec", struct(
                    "ports", listMap(DEDUCED, Map.of("protocol", TextNode.valueOf("TCP")), "port", "protocol"),
                    "selector", ATOMIC),
            "status", struct("conditions", CONDITIONS));

    private static final TypeSchema NODE = struct(
            "metadata", OBJECT_META,
            "spec", struct("podCIDRs", SET),
            "status", struct("conditions", CONDITIONS, "addresses", listMap(DEDUCED, "type")));

    private static final TypeSchema ONLY_METADATA = struct("metadata", OBJECT_META);

    private static final List<FieldPath> SPEC = List.of(FieldPath.of("spec"));
    private static final List<FieldPath> SPEC_AND_LABELS = List.of(FieldPath.of("spec"), FieldPath.of("metadata", "labels"));
    private static final List<FieldPath> POD_STATUS_RESETS = List.of(
            FieldPath.of("spec"), FieldPath.of("metadata", "deletionTimestamp"), FieldPath.of("metadata", "ownerReferences"));

    /** All built-in kinds. */
    static List<KindSchema> all() {
        List<KindSchema> kinds = new ArrayList<>();
        kinds.add(kind("", "Pod", POD, true, POD_STATUS_RESETS,
                "{\"metadata\":{},\"spec\":{\"containers\":null},\"status\":{}}"));
        kinds.add(kind("", "Service", SERVICE, true, SPEC,
                "{\"metadata\":{},\"spec\":{},\"status\":{\"loadBalancer\":{}}}"));
        kinds.add(kind("", "ConfigMap", ONLY_METADATA, false, SPEC, "{\"metadata\":{}}"));
        kinds.add(kind("", "Secret", ONLY_METADATA, false, SPEC, "{\"metadata\":{}}"));
        kinds.add(kind("", "Namespace", struct("metadata", OBJECT_META, "status", struct("conditions", CONDITIONS)),
                true, SPEC, "{\"metadata\":{},\"spec\":{},\"status\":{}}"));
        kinds.add(kind("", "Node", NODE, true, SPEC,
                "{\"metadata\":{},\"spec\":{},\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":{}},\"nodeInfo\":{}}}"));
        kinds.add(kind("", "Endpoints", ONLY_METADATA, false, SPEC, "{\"metadata\":{}}"));
        kinds.add(kind("", "ServiceAccount", struct("metadata", OBJECT_META, "secrets", listMap(ATOMIC, "name")),
                false, SPEC, "{\"metadata\":{}}"));
        kinds.add(kind("", "Event", struct("metadata", OBJECT_META, "involvedObject", ATOMIC, "related", ATOMIC),
                false, SPEC, "{\"metadata\":{},\"involvedObject\":{},\"source\":{}}"));
        kinds.add(kind("apps", "Deployment", workload(), true, SPEC_AND_LABELS,
                "{\"metadata\":{},\"spec\":{\"selector\":null,\"template\":{\"metadata\":{\"creationTimestamp\":null},\"spec\":{\"containers\":null}},"
                        + "\"strategy\":{}},\"status\":{}}"));
        kinds.add(kind("apps", "ReplicaSet", workload(), true, SPEC_AND_LABELS,
                "{\"metadata\":{},\"spec\":{\"selector\":null,\"template\":{\"metadata\":{\"creationTimestamp\":null},\"spec\":{\"containers\":null}}},"
                        + "\"status\":{}}"));
        kinds.add(kind("batch", "Job", JOB, true, SPEC,
                "{\"metadata\":{},\"spec\":{\"template\":{\"metadata\":{\"creationTimestamp\":null},\"spec\":{\"containers\":null}}},\"status\":{}}"));
        kinds.add(kind("networking.k8s.io", "Ingress", struct(
                        "metadata", OBJECT_META,
                        "spec", struct("defaultBackend", struct(
                                "service", struct("port", ATOMIC),
                                "resource", ATOMIC))),
                true, SPEC, "{\"metadata\":{},\"spec\":{},\"status\":{\"loadBalancer\":{}}}"));
        kinds.add(kind("networking.k8s.io", "NetworkPolicy",
                struct("metadata", OBJECT_META, "spec", struct("podSelector", LABEL_SELECTOR)),
                false, SPEC, "{\"metadata\":{},\"spec\":{\"podSelector\":{}}}"));
        kinds.add(kind("autoscaling", "HorizontalPodAutoscaler",
                struct("metadata", OBJECT_META, "status", struct("conditions", CONDITIONS)),
                true, SPEC, "{\"metadata\":{},\"spec\":{\"scaleTargetRef\":{}},\"status\":{\"currentMetrics\":null}}"));
        kinds.add(kind("discovery.k8s.io", "EndpointSlice", ONLY_METADATA, false, SPEC,
                "{\"metadata\":{},\"endpoints\":null,\"ports\":null}"));
        kinds.add(kind("coordination.k8s.io", "Lease", ONLY_METADATA, false, SPEC, "{\"metadata\":{},\"spec\":{}}"));
        return kinds;
    }

    private static KindSchema kind(String group, String kind, TypeSchema root, boolean statusSubresource,
            List<FieldPath> statusResets, String zeroValue) {
        try {
            return new KindSchema(group, kind, root, statusSubresource, statusResets,
                    (ObjectNode) JsonValues.MAPPER.readTree(zeroValue));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
