package dev.skiff.engine.api.resource;

import java.util.List;

/** The built-in kinds, with the short names, categories and subresources kube-apiserver 1.32 gives them. */
final class BuiltInResources {
    private static final List<String> ALL_CATEGORY = List.of("all");

    static final List<ResourceType> ALL = List.of(
            core("Namespace", "namespaces", false, List.of("ns"), List.of(), true),
            core("Pod", "pods", true, List.of("po"), ALL_CATEGORY, true),
            core("Service", "services", true, List.of("svc"), ALL_CATEGORY, true),
            core("Endpoints", "endpoints", true, List.of("ep"), List.of(), false),
            core("ConfigMap", "configmaps", true, List.of("cm"), List.of(), false),
            core("Secret", "secrets", true, List.of(), List.of(), false),
            core("Event", "events", true, List.of("ev"), List.of(), false),
            core("ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), false),
            core("Node", "nodes", false, List.of("no"), List.of(), true),
            new ResourceType("apps", "v1", "Deployment", "deployments", "deployment", true,
                    List.of("deploy"), ALL_CATEGORY, true, true),
            new ResourceType("apps", "v1", "ReplicaSet", "replicasets", "replicaset", true,
                    List.of("rs"), ALL_CATEGORY, true, true),
            new ResourceType("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers",
                    "horizontalpodautoscaler", true, List.of("hpa"), ALL_CATEGORY, true, false),
            new ResourceType("batch", "v1", "Job", "jobs", "job", true, List.of(), ALL_CATEGORY, true, false),
            new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", "lease", true,
                    List.of(), List.of(), false, false),
            new ResourceType("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", "endpointslice", true,
                    List.of(), List.of(), false, false),
            new ResourceType("networking.k8s.io", "v1", "Ingress", "ingresses", "ingress", true,
                    List.of("ing"), List.of(), true, false),
            new ResourceType("networking.k8s.io", "v1", "IngressClass", "ingressclasses", "ingressclass", false,
                    List.of(), List.of(), false, false),
            new ResourceType("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", "networkpolicy", true,
                    List.of("netpol"), List.of(), false, false),
            new ResourceType("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
                    "mutatingwebhookconfigurations", "mutatingwebhookconfiguration", false, List.of(), List.of(),
                    false, false),
            new ResourceType("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
                    "validatingwebhookconfigurations", "validatingwebhookconfiguration", false, List.of(), List.of(),
                    false, false),
            new ResourceType("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
                    "customresourcedefinition", false, List.of("crd", "crds"), List.of("api-extensions"), true, false),
            new ResourceType("events.k8s.io", "v1", "Event", "events", "event", true, List.of("ev"), List.of(),
                    false, false),
            rbac("Role", "roles", true),
            rbac("ClusterRole", "clusterroles", false),
            rbac("RoleBinding", "rolebindings", true),
            rbac("ClusterRoleBinding", "clusterrolebindings", false));

    private BuiltInResources() {
    }

    private static ResourceType rbac(String kind, String plural, boolean namespaced) {
        return new ResourceType("rbac.authorization.k8s.io", "v1", kind, plural, kind.toLowerCase(), namespaced,
                List.of(), List.of(), false, false);
    }

    private static ResourceType core(String kind, String plural, boolean namespaced, List<String> shortNames,
                                     List<String> categories, boolean hasStatus) {
        return new ResourceType("", "v1", kind, plural, kind.toLowerCase(), namespaced, shortNames, categories,
                hasStatus, false);
    }
}
