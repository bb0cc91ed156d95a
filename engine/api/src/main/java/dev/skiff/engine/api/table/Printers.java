package dev.skiff.engine.api.table;

import java.util.Map;

/** Which printer serves which kind, as kube-apiserver registers them in {@code AddHandlers}. */
final class Printers {

    // Printers hold no state, so one of each serves every request.
    private static final Map<String, TableConvertor> BY_GROUP_KIND = Map.ofEntries(
            Map.entry("/Pod", new PodPrinter()),
            Map.entry("/Service", new ServicePrinter()),
            Map.entry("/Endpoints", new EndpointsPrinter()),
            Map.entry("/ConfigMap", new ConfigMapPrinter()),
            Map.entry("/Secret", new SecretPrinter()),
            Map.entry("/Event", new EventPrinter(false)),
            Map.entry("events.k8s.io/Event", new EventPrinter(true)),
            Map.entry("/ServiceAccount", new ServiceAccountPrinter()),
            Map.entry("/Namespace", new NamespacePrinter()),
            Map.entry("/Node", new NodePrinter()),
            Map.entry("apps/Deployment", new DeploymentPrinter()),
            Map.entry("apps/ReplicaSet", new ReplicaSetPrinter()),
            Map.entry("batch/Job", new JobPrinter()),
            Map.entry("networking.k8s.io/Ingress", new IngressPrinter()),
            Map.entry("networking.k8s.io/NetworkPolicy", new NetworkPolicyPrinter()),
            Map.entry("autoscaling/HorizontalPodAutoscaler", new HorizontalPodAutoscalerPrinter()),
            Map.entry("discovery.k8s.io/EndpointSlice", new EndpointSlicePrinter()),
            Map.entry("coordination.k8s.io/Lease", new LeasePrinter()),
            Map.entry("rbac.authorization.k8s.io/RoleBinding", new RoleBindingPrinter()),
            Map.entry("rbac.authorization.k8s.io/ClusterRoleBinding", new RoleBindingPrinter()),
            Map.entry("admissionregistration.k8s.io/MutatingWebhookConfiguration", new WebhookConfigurationPrinter()),
            Map.entry("admissionregistration.k8s.io/ValidatingWebhookConfiguration", new WebhookConfigurationPrinter()));
    private static final TableConvertor DEFAULT = new DefaultPrinter();

    private Printers() {
    }

    static TableConvertor forKind(String group, String kind) {
        String coreOrGroup = group == null || group.equals("core") ? "" : group;
        return BY_GROUP_KIND.getOrDefault(coreOrGroup + "/" + kind, DEFAULT);
    }
}
