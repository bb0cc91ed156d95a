package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The field defaults kube-apiserver 1.32 gives built-in objects whenever it decodes them: on create and
 * update, and again when it reads them back from storage. They are what {@code kubectl get -o yaml} shows
 * right after applying a minimal manifest: a Deployment's {@code replicas: 1} and rolling-update strategy,
 * a container's {@code imagePullPolicy}, a Service's {@code type: ClusterIP}.
 *
 * <p>Defaulting fills only what is unset; where Go cannot tell unset from zero ({@code ""}, {@code 0} in a
 * non-pointer field) it fills those too, as Kubernetes does. Applying defaults twice changes nothing.
 * Values set by admission (a Pod's service account, tolerations, priority) or by the registry (a Service's
 * cluster IP and IP families, a Job's selector, a Namespace's finalizer) are not defaults and are not set
 * here.
 */
public final class Defaults {

    private static final Map<String, Consumer<ObjectNode>> BY_KIND = Map.ofEntries(
            Map.entry(key("", "v1", "Pod"), PodDefaults::apply),
            Map.entry(key("", "v1", "PodTemplate"), CoreDefaults::podTemplate),
            Map.entry(key("", "v1", "ReplicationController"), CoreDefaults::replicationController),
            Map.entry(key("", "v1", "Service"), ServiceDefaults::apply),
            Map.entry(key("", "v1", "Endpoints"), CoreDefaults::endpoints),
            Map.entry(key("", "v1", "Secret"), CoreDefaults::secret),
            Map.entry(key("", "v1", "Namespace"), CoreDefaults::namespace),
            Map.entry(key("", "v1", "Node"), CoreDefaults::node),
            Map.entry(key("", "v1", "PersistentVolumeClaim"), CoreDefaults::persistentVolumeClaim),
            Map.entry(key("apps", "v1", "Deployment"), AppsDefaults::deployment),
            Map.entry(key("apps", "v1", "ReplicaSet"), AppsDefaults::replicaSet),
            Map.entry(key("apps", "v1", "StatefulSet"), AppsDefaults::statefulSet),
            Map.entry(key("apps", "v1", "DaemonSet"), AppsDefaults::daemonSet),
            Map.entry(key("batch", "v1", "Job"), BatchDefaults::job),
            Map.entry(key("batch", "v1", "CronJob"), BatchDefaults::cronJob),
            Map.entry(key("autoscaling", "v2", "HorizontalPodAutoscaler"),
                    AutoscalingDefaults::horizontalPodAutoscalerV2),
            Map.entry(key("autoscaling", "v1", "HorizontalPodAutoscaler"),
                    AutoscalingDefaults::horizontalPodAutoscalerV1),
            Map.entry(key("networking.k8s.io", "v1", "NetworkPolicy"), NetworkingDefaults::networkPolicy),
            Map.entry(key("networking.k8s.io", "v1", "IngressClass"), NetworkingDefaults::ingressClass),
            Map.entry(key("discovery.k8s.io", "v1", "EndpointSlice"), DiscoveryDefaults::endpointSlice));

    private Defaults() {
    }

    /**
     * Fills the defaults of a {@code group/version} {@code kind} object in place ({@code ""} is the core
     * group). Kinds without defaults that show, such as ConfigMap, Event, ServiceAccount, Ingress and Lease,
     * and kinds this class does not know, are left as they are.
     */
    public static void apply(String group, String version, String kind, ObjectNode object) {
        Consumer<ObjectNode> defaults = BY_KIND.get(key(group, version, kind));
        if (defaults != null && object != null) {
            defaults.accept(object);
        }
    }

    /** Whether {@link #apply} may change objects of this kind. */
    public static boolean appliesTo(String group, String version, String kind) {
        return BY_KIND.containsKey(key(group, version, kind));
    }

    private static String key(String group, String version, String kind) {
        return (group == null ? "" : group) + "/" + version + "/" + kind;
    }
}
