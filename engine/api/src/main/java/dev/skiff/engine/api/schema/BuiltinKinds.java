package dev.skiff.engine.api.schema;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.Map;
import java.util.Optional;

/** The built-in kinds Skiff serves, each with the fabric8 class its structure is read from. */
final class BuiltinKinds {

    /** A kind in Kubernetes' terms; the core group is the empty string. */
    record GroupVersionKind(String group, String version, String kind) {
    }

    static final String DELETE_OPTIONS = "DeleteOptions";

    private static final Map<GroupVersionKind, Class<?>> CLASSES = Map.ofEntries(
            core("Pod", Pod.class),
            core("Service", Service.class),
            core("Endpoints", Endpoints.class),
            core("ConfigMap", ConfigMap.class),
            core("Secret", Secret.class),
            core("Event", Event.class),
            core("ServiceAccount", ServiceAccount.class),
            core("Namespace", Namespace.class),
            core("Node", Node.class),
            kind("apps", "v1", "Deployment", Deployment.class),
            kind("apps", "v1", "ReplicaSet", ReplicaSet.class),
            kind("batch", "v1", "Job", Job.class),
            kind("networking.k8s.io", "v1", "Ingress", Ingress.class),
            kind("networking.k8s.io", "v1", "NetworkPolicy", NetworkPolicy.class),
            kind("autoscaling", "v2", "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            kind("autoscaling", "v1", "Scale", Scale.class),
            kind("discovery.k8s.io", "v1", "EndpointSlice", EndpointSlice.class),
            kind("coordination.k8s.io", "v1", "Lease", Lease.class),
            kind("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
                    io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration.class),
            kind("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
                    io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration.class),
            kind("rbac.authorization.k8s.io", "v1", "Role", io.fabric8.kubernetes.api.model.rbac.Role.class),
            kind("rbac.authorization.k8s.io", "v1", "ClusterRole", io.fabric8.kubernetes.api.model.rbac.ClusterRole.class),
            kind("rbac.authorization.k8s.io", "v1", "RoleBinding", io.fabric8.kubernetes.api.model.rbac.RoleBinding.class),
            kind("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding",
                    io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class));

    private BuiltinKinds() {
    }

    /**
     * The model class for a kind. DeleteOptions is registered in every group version by kube-apiserver,
     * so it is found under any group and version.
     */
    static Optional<Class<?>> classOf(String group, String version, String kind) {
        if (DELETE_OPTIONS.equals(kind)) {
            return Optional.of(DeleteOptions.class);
        }
        return Optional.ofNullable(CLASSES.get(new GroupVersionKind(group, version, kind)));
    }

    /** The kind a model class is the top-level schema of, if it is one of the served kinds. */
    static Optional<GroupVersionKind> kindOf(Class<?> type) {
        return CLASSES.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).findFirst();
    }

    private static Map.Entry<GroupVersionKind, Class<?>> core(String kind, Class<?> type) {
        return kind("", "v1", kind, type);
    }

    private static Map.Entry<GroupVersionKind, Class<?>> kind(String group, String version, String kind, Class<?> type) {
        return Map.entry(new GroupVersionKind(group, version, kind), type);
    }
}
