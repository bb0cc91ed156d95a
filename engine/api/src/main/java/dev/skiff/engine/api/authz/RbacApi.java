package dev.skiff.engine.api.authz;

/**
 * Names from the {@code rbac.authorization.k8s.io} API group: kinds, subject kinds and the {@code *} wildcard
 * that Kubernetes' {@code rbac/v1} package defines ({@code VerbAll}, {@code APIGroupAll}, {@code ResourceAll},
 * {@code NonResourceAll}).
 */
public final class RbacApi {
    public static final String GROUP = "rbac.authorization.k8s.io";
    public static final String API_VERSION = GROUP + "/v1";

    public static final String ROLE = "Role";
    public static final String CLUSTER_ROLE = "ClusterRole";
    public static final String ROLE_BINDING = "RoleBinding";
    public static final String CLUSTER_ROLE_BINDING = "ClusterRoleBinding";

    public static final String USER_KIND = "User";
    public static final String GROUP_KIND = "Group";
    public static final String SERVICE_ACCOUNT_KIND = "ServiceAccount";

    /** Matches every verb, API group, resource or non-resource URL in a rule. */
    public static final String ALL = "*";

    /** Label Kubernetes puts on the roles and bindings it bootstraps. */
    public static final String BOOTSTRAPPING_LABEL = "kubernetes.io/bootstrapping";
    public static final String BOOTSTRAPPING_VALUE = "rbac-defaults";
    /** Annotation that tells kube-apiserver to reconcile a default role at start. */
    public static final String AUTOUPDATE_ANNOTATION = "rbac.authorization.kubernetes.io/autoupdate";

    private RbacApi() {
    }
}
