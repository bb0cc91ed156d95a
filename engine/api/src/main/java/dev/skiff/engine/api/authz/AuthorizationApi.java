package dev.skiff.engine.api.authz;

/** Names from the {@code authorization.k8s.io} API group, where the access reviews live. */
public final class AuthorizationApi {
    public static final String GROUP = "authorization.k8s.io";
    public static final String API_VERSION = GROUP + "/v1";
    public static final String SELF_SUBJECT_ACCESS_REVIEW = "SelfSubjectAccessReview";
    public static final String SELF_SUBJECT_RULES_REVIEW = "SelfSubjectRulesReview";

    private AuthorizationApi() {
    }
}
