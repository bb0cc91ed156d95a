package dev.skiff.engine.api.authz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The default ClusterRoles and ClusterRoleBindings the engine creates at first start, following kube-apiserver
 * 1.32's bootstrap policy for the parts that matter on a single-node engine:
 * <ul>
 * <li>{@code cluster-admin}: everything, bound to the group {@code system:masters};</li>
 * <li>{@code admin}, {@code edit}, {@code view}: the user-facing roles, meant to be bound per namespace with a
 * RoleBinding. Kubernetes builds them by aggregation from {@code system:aggregate-to-*}; since the engine does
 * not aggregate, they carry the already-aggregated rules directly;</li>
 * <li>{@code system:discovery} (GET on {@code /api}, {@code /apis}, {@code /openapi}, health and version),
 * bound to {@code system:authenticated};</li>
 * <li>{@code system:public-info-viewer} (GET on health and version), bound to {@code system:authenticated} and
 * {@code system:unauthenticated};</li>
 * <li>{@code system:basic-user}, bound to {@code system:authenticated}: lets every user create
 * SelfSubjectAccessReviews and SelfSubjectRulesReviews, without which {@code kubectl auth can-i} is itself
 * forbidden;</li>
 * <li>{@code system:monitoring}: GET on {@code /metrics} and the health checks' detail, bound to the group
 * {@code system:monitoring}, for scrapers.</li>
 * </ul>
 * Every object carries the {@code kubernetes.io/bootstrapping: rbac-defaults} label and the
 * {@code rbac.authorization.kubernetes.io/autoupdate: "true"} annotation, as in Kubernetes.
 */
public final class BootstrapPolicy {
    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");
    private static final List<String> READ_WRITE =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final String AGGREGATE_TO_ADMIN = "rbac.authorization.k8s.io/aggregate-to-admin";
    private static final String AGGREGATE_TO_EDIT = "rbac.authorization.k8s.io/aggregate-to-edit";
    private static final String AGGREGATE_TO_VIEW = "rbac.authorization.k8s.io/aggregate-to-view";

    public static final String CLUSTER_ADMIN = "cluster-admin";
    public static final String ADMIN = "admin";
    public static final String EDIT = "edit";
    public static final String VIEW = "view";
    public static final String DISCOVERY = "system:discovery";
    public static final String PUBLIC_INFO_VIEWER = "system:public-info-viewer";
    public static final String BASIC_USER = "system:basic-user";
    public static final String MONITORING = "system:monitoring";

    private BootstrapPolicy() {
    }

    /** Every default ClusterRole, in name order. */
    public static List<ObjectNode> clusterRoles() {
        return List.of(admin(), clusterAdmin(), edit(), basicUser(), discovery(), monitoring(), publicInfoViewer(),
                view());
    }

    /** Every default ClusterRoleBinding, in name order. */
    public static List<ObjectNode> clusterRoleBindings() {
        return List.of(clusterAdminBinding(), basicUserBinding(), discoveryBinding(), monitoringBinding(),
                publicInfoViewerBinding());
    }

    public static ObjectNode clusterAdmin() {
        return clusterRole(CLUSTER_ADMIN, List.of(
                rule(List.of("*"), List.of("*"), List.of("*")),
                urls(List.of("*"), List.of("*"))));
    }

    /** Namespace administrator: {@code edit} plus Roles, RoleBindings and local access reviews. */
    public static ObjectNode admin() {
        List<ObjectNode> rules = new ArrayList<>(editRules());
        rules.addAll(viewRules());
        rules.add(rule(List.of("authorization.k8s.io"), List.of("localsubjectaccessreviews"), List.of("create")));
        rules.add(rule(List.of(RbacApi.GROUP), List.of("rolebindings", "roles"), READ_WRITE));
        return clusterRole(ADMIN, rules);
    }

    /** Read and write of the workload kinds and their configuration, Secrets included; no RBAC, no quotas. */
    public static ObjectNode edit() {
        List<ObjectNode> rules = new ArrayList<>(editRules());
        rules.addAll(viewRules());
        ObjectNode role = clusterRole(EDIT, rules);
        labels(role).put(AGGREGATE_TO_ADMIN, "true");
        return role;
    }

    /** Read-only access to a namespace's objects, Secrets excepted. */
    public static ObjectNode view() {
        ObjectNode role = clusterRole(VIEW, viewRules());
        labels(role).put(AGGREGATE_TO_EDIT, "true");
        return role;
    }

    public static ObjectNode discovery() {
        return clusterRole(DISCOVERY, List.of(urls(List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz",
                "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"), List.of("get"))));
    }

    public static ObjectNode publicInfoViewer() {
        return clusterRole(PUBLIC_INFO_VIEWER,
                List.of(urls(List.of("/healthz", "/livez", "/readyz", "/version", "/version/"), List.of("get"))));
    }

    public static ObjectNode basicUser() {
        return clusterRole(BASIC_USER, List.of(
                rule(List.of("authorization.k8s.io"), List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
                        List.of("create")),
                rule(List.of("authentication.k8s.io"), List.of("selfsubjectreviews"), List.of("create"))));
    }

    public static ObjectNode monitoring() {
        return clusterRole(MONITORING, List.of(urls(List.of("/healthz", "/healthz/*", "/livez", "/livez/*",
                "/metrics", "/metrics/slis", "/readyz", "/readyz/*"), List.of("get"))));
    }

    public static ObjectNode clusterAdminBinding() {
        return clusterRoleBinding(CLUSTER_ADMIN, List.of(UserInfo.SYSTEM_MASTERS));
    }

    public static ObjectNode discoveryBinding() {
        return clusterRoleBinding(DISCOVERY, List.of(UserInfo.ALL_AUTHENTICATED));
    }

    public static ObjectNode publicInfoViewerBinding() {
        return clusterRoleBinding(PUBLIC_INFO_VIEWER,
                List.of(UserInfo.ALL_AUTHENTICATED, UserInfo.ALL_UNAUTHENTICATED));
    }

    public static ObjectNode basicUserBinding() {
        return clusterRoleBinding(BASIC_USER, List.of(UserInfo.ALL_AUTHENTICATED));
    }

    public static ObjectNode monitoringBinding() {
        return clusterRoleBinding(MONITORING, List.of(MONITORING));
    }

    // Kubernetes' system:aggregate-to-edit.
    private static List<ObjectNode> editRules() {
        return List.of(
                rule(List.of(""), List.of("pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets",
                        "services/proxy"), READ),
                rule(List.of(""), List.of("serviceaccounts"), List.of("impersonate")),
                rule(List.of(""), List.of("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"), WRITE),
                rule(List.of(""), List.of("pods/eviction"), List.of("create")),
                rule(List.of(""), List.of("configmaps", "events", "persistentvolumeclaims", "replicationcontrollers",
                        "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"),
                        WRITE),
                rule(List.of(""), List.of("serviceaccounts/token"), List.of("create")),
                rule(List.of("apps"), List.of("daemonsets", "deployments", "deployments/rollback",
                        "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"),
                        WRITE),
                rule(List.of("autoscaling"), List.of("horizontalpodautoscalers"), WRITE),
                rule(List.of("batch"), List.of("cronjobs", "jobs"), WRITE),
                rule(List.of("extensions"), List.of("daemonsets", "deployments", "deployments/rollback",
                        "deployments/scale", "ingresses", "networkpolicies", "replicasets", "replicasets/scale",
                        "replicationcontrollers/scale"), WRITE),
                rule(List.of("policy"), List.of("poddisruptionbudgets"), WRITE),
                rule(List.of("networking.k8s.io"), List.of("ingresses", "networkpolicies"), WRITE),
                rule(List.of("coordination.k8s.io"), List.of("leases"), READ_WRITE));
    }

    // Kubernetes' system:aggregate-to-view.
    private static List<ObjectNode> viewRules() {
        return List.of(
                rule(List.of(""), List.of("configmaps", "endpoints", "persistentvolumeclaims",
                        "persistentvolumeclaims/status", "pods", "replicationcontrollers",
                        "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"), READ),
                rule(List.of(""), List.of("bindings", "events", "limitranges", "namespaces/status", "pods/log",
                        "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"),
                        READ),
                rule(List.of(""), List.of("namespaces"), READ),
                rule(List.of("discovery.k8s.io"), List.of("endpointslices"), READ),
                rule(List.of("apps"), List.of("controllerrevisions", "daemonsets", "daemonsets/status", "deployments",
                        "deployments/scale", "deployments/status", "replicasets", "replicasets/scale",
                        "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"), READ),
                rule(List.of("autoscaling"), List.of("horizontalpodautoscalers", "horizontalpodautoscalers/status"),
                        READ),
                rule(List.of("batch"), List.of("cronjobs", "cronjobs/status", "jobs", "jobs/status"), READ),
                rule(List.of("extensions"), List.of("daemonsets", "daemonsets/status", "deployments",
                        "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies",
                        "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"),
                        READ),
                rule(List.of("policy"), List.of("poddisruptionbudgets", "poddisruptionbudgets/status"), READ),
                rule(List.of("networking.k8s.io"), List.of("ingresses", "ingresses/status", "networkpolicies"),
                        READ),
                // metrics-server's system:aggregated-metrics-reader, which aggregates into view, edit and admin
                rule(List.of("metrics.k8s.io"), List.of("pods", "nodes"), READ));
    }

    private static ObjectNode clusterRole(String name, List<ObjectNode> rules) {
        ObjectNode role = object(RbacApi.CLUSTER_ROLE, name);
        ArrayNode array = role.putArray("rules");
        rules.forEach(array::add);
        return role;
    }

    private static ObjectNode clusterRoleBinding(String roleName, List<String> groups) {
        ObjectNode binding = object(RbacApi.CLUSTER_ROLE_BINDING, roleName);
        ArrayNode subjects = binding.putArray("subjects");
        for (String group : groups) {
            ObjectNode subject = subjects.addObject();
            subject.put("kind", RbacApi.GROUP_KIND);
            subject.put("apiGroup", RbacApi.GROUP);
            subject.put("name", group);
        }
        ObjectNode roleRef = binding.putObject("roleRef");
        roleRef.put("apiGroup", RbacApi.GROUP);
        roleRef.put("kind", RbacApi.CLUSTER_ROLE);
        roleRef.put("name", roleName);
        return binding;
    }

    private static ObjectNode object(String kind, String name) {
        ObjectNode o = Json.object();
        // Field order as Kubernetes encodes these kinds, so kubectl shows what a real cluster shows.
        o.put("kind", kind);
        o.put("apiVersion", RbacApi.API_VERSION);
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name);
        metadata.putObject("labels").put(RbacApi.BOOTSTRAPPING_LABEL, RbacApi.BOOTSTRAPPING_VALUE);
        metadata.putObject("annotations").put(RbacApi.AUTOUPDATE_ANNOTATION, "true");
        return o;
    }

    private static ObjectNode labels(ObjectNode object) {
        return (ObjectNode) object.path("metadata").path("labels");
    }

    private static ObjectNode rule(List<String> apiGroups, List<String> resources, List<String> verbs) {
        ObjectNode rule = Json.object();
        strings(rule.putArray("verbs"), verbs);
        strings(rule.putArray("apiGroups"), apiGroups);
        strings(rule.putArray("resources"), resources);
        return rule;
    }

    private static ObjectNode urls(List<String> nonResourceURLs, List<String> verbs) {
        ObjectNode rule = Json.object();
        strings(rule.putArray("verbs"), verbs);
        strings(rule.putArray("nonResourceURLs"), nonResourceURLs);
        return rule;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
