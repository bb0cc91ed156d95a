package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Field validation of built-in objects as kube-apiserver 1.32 does it, after defaulting and before storage: every
 * problem with its path and Kubernetes' own words, never just the first. Object metadata (name, labels,
 * annotations) is validated elsewhere; label selectors and pod-template labels inside specs are validated here.
 * Kinds without rules here validate clean.
 */
public final class Validation {

    /** What one kind checks on create and on update. */
    private interface KindRules {
        List<FieldError> create(String version, ObjectNode object);

        List<FieldError> update(String version, ObjectNode updated, ObjectNode old);
    }

    /** Rules for a kind whose update only re-validates the new object. */
    private record SameOnUpdate(java.util.function.BiFunction<String, ObjectNode, List<FieldError>> rules)
            implements KindRules {
        @Override
        public List<FieldError> create(String version, ObjectNode object) {
            return rules.apply(version, object);
        }

        @Override
        public List<FieldError> update(String version, ObjectNode updated, ObjectNode old) {
            return rules.apply(version, updated);
        }
    }

    /** Rules with distinct create and update checks. */
    private record CreateAndUpdate(java.util.function.BiFunction<String, ObjectNode, List<FieldError>> onCreate,
                                   UpdateRule onUpdate) implements KindRules {
        @Override
        public List<FieldError> create(String version, ObjectNode object) {
            return onCreate.apply(version, object);
        }

        @Override
        public List<FieldError> update(String version, ObjectNode updated, ObjectNode old) {
            return onUpdate.apply(version, updated, old);
        }
    }

    @FunctionalInterface
    private interface UpdateRule {
        List<FieldError> apply(String version, ObjectNode updated, ObjectNode old);
    }

    private static final Map<String, KindRules> RULES = Map.ofEntries(
            Map.entry("/Pod", new CreateAndUpdate((v, o) -> PodValidation.create(o),
                    (v, n, o) -> PodValidation.update(n, o))),
            Map.entry("/PodTemplate", new SameOnUpdate((v, o) ->
                    PodValidation.template(o.path("template"), FieldPath.root("template")))),
            Map.entry("/Service", new CreateAndUpdate((v, o) -> ServiceValidation.create(o),
                    (v, n, o) -> ServiceValidation.update(n, o))),
            Map.entry("/ConfigMap", new CreateAndUpdate((v, o) -> ConfigDataValidation.configMap(o),
                    (v, n, o) -> ConfigDataValidation.configMapUpdate(n, o))),
            Map.entry("/Secret", new CreateAndUpdate((v, o) -> ConfigDataValidation.secret(o),
                    (v, n, o) -> ConfigDataValidation.secretUpdate(n, o))),
            Map.entry("/Namespace", new CreateAndUpdate((v, o) -> ClusterObjectValidation.namespace(o),
                    (v, n, o) -> List.of())),
            Map.entry("/Node", new CreateAndUpdate((v, o) -> ClusterObjectValidation.node(o, null),
                    (v, n, o) -> ClusterObjectValidation.node(n, o))),
            Map.entry("/Event", new CreateAndUpdate((v, o) -> EventValidation.create(o, ""),
                    (v, n, o) -> EventValidation.update(n, o, ""))),
            Map.entry("events.k8s.io/Event", new CreateAndUpdate((v, o) -> EventValidation.create(o, "events.k8s.io"),
                    (v, n, o) -> EventValidation.update(n, o, "events.k8s.io"))),
            Map.entry("/ServiceAccount", new SameOnUpdate((v, o) -> List.of())),
            Map.entry("/Endpoints", new SameOnUpdate((v, o) -> EndpointsValidation.endpoints(o))),
            Map.entry("apps/Deployment", new CreateAndUpdate((v, o) -> DeploymentValidation.deployment(o),
                    (v, n, o) -> concat(DeploymentValidation.deployment(n),
                            DeploymentValidation.immutableSelector(n, o, v)))),
            Map.entry("apps/ReplicaSet", new CreateAndUpdate((v, o) -> DeploymentValidation.replicaSet(o),
                    (v, n, o) -> concat(DeploymentValidation.replicaSet(n),
                            DeploymentValidation.immutableSelector(n, o, v)))),
            Map.entry("batch/Job", new CreateAndUpdate((v, o) -> JobValidation.create(o),
                    (v, n, o) -> JobValidation.update(n, o))),
            Map.entry("batch/CronJob", new CreateAndUpdate((v, o) -> JobValidation.cronJob(o, true),
                    (v, n, o) -> JobValidation.cronJob(n, false))),
            Map.entry("networking.k8s.io/Ingress", new CreateAndUpdate((v, o) -> IngressValidation.ingress(o, null),
                    (v, n, o) -> IngressValidation.ingress(n, o))),
            Map.entry("networking.k8s.io/NetworkPolicy", new CreateAndUpdate(
                    (v, o) -> NetworkPolicyValidation.networkPolicy(o, null),
                    (v, n, o) -> NetworkPolicyValidation.networkPolicy(n, o))),
            Map.entry("autoscaling/HorizontalPodAutoscaler", new CreateAndUpdate(
                    (v, o) -> HorizontalPodAutoscalerValidation.validate(o, v, null),
                    (v, n, o) -> HorizontalPodAutoscalerValidation.validate(n, v, o))),
            Map.entry("discovery.k8s.io/EndpointSlice", new CreateAndUpdate(
                    (v, o) -> EndpointsValidation.endpointSlice(o, null),
                    (v, n, o) -> EndpointsValidation.endpointSlice(n, o))),
            Map.entry("coordination.k8s.io/Lease", new SameOnUpdate((v, o) -> ClusterObjectValidation.lease(o))));

    private Validation() {
    }

    /**
     * The field errors of a new object, in the order kube-apiserver reports them.
     *
     * @param group   the API group ({@code ""} for the core group)
     * @param version the API version the object was sent in (matters for a few kinds, e.g. autoscaling/v1)
     * @param kind    the kind, e.g. {@code Deployment}
     * @param object  the object, already defaulted
     */
    public static List<FieldError> validateCreate(String group, String version, String kind, ObjectNode object) {
        KindRules rules = rules(group, kind);
        return rules == null ? List.of() : List.copyOf(rules.create(Objects.requireNonNull(version, "version"),
                Objects.requireNonNull(object, "object")));
    }

    /**
     * The field errors of an update: the new object's own errors plus the rules about what may change
     * (immutable selectors, cluster IPs, a pod's spec, the data of immutable ConfigMaps and Secrets...).
     */
    public static List<FieldError> validateUpdate(String group, String version, String kind, ObjectNode updated,
                                                  ObjectNode old) {
        KindRules rules = rules(group, kind);
        return rules == null ? List.of() : List.copyOf(rules.update(Objects.requireNonNull(version, "version"),
                Objects.requireNonNull(updated, "updated"), Objects.requireNonNull(old, "old")));
    }

    private static KindRules rules(String group, String kind) {
        return RULES.get((group == null ? "" : group) + "/" + kind);
    }

    private static List<FieldError> concat(List<FieldError> a, List<FieldError> b) {
        List<FieldError> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
