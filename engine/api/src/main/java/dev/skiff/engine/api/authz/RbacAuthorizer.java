package dev.skiff.engine.api.authz;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a user may make a request, as kube-apiserver 1.32 does with {@code --authorization-mode=RBAC}:
 * members of {@code system:masters} are always allowed (kube-apiserver's separate privileged-group authorizer,
 * folded in here), everyone else is allowed when some rule of some role bound to them covers the request.
 * ClusterRole aggregation ({@code aggregationRule}) is not evaluated: only a role's own {@code rules} count.
 */
public final class RbacAuthorizer {

    private RbacAuthorizer() {
    }

    public static Decision authorize(UserInfo user, RequestAttributes request, RbacObjects objects) {
        if (user.inGroup(UserInfo.SYSTEM_MASTERS)) {
            return Decision.allow("");
        }
        AllowingRuleSearch search = new AllowingRuleSearch(request);
        RuleResolver.visitRulesFor(user, request.namespace(), objects, search);
        if (search.allowedBy != null) {
            return Decision.allow("RBAC: allowed by " + search.allowedBy);
        }
        return Decision.noOpinion(search.errors.isEmpty() ? "" : "RBAC: " + RuleResolver.aggregate(search.errors));
    }

    /** Stops at the first rule that covers the request; keeps the resolution errors met before it. */
    private static final class AllowingRuleSearch implements RuleResolver.Visitor {
        private final RequestAttributes request;
        private final List<String> errors = new ArrayList<>();
        private String allowedBy;

        AllowingRuleSearch(RequestAttributes request) {
            this.request = request;
        }

        @Override
        public boolean visit(String source, PolicyRule rule, String error) {
            if (rule != null && rule.allows(request)) {
                allowedBy = source;
                return false;
            }
            if (error != null) {
                errors.add(error);
            }
            return true;
        }
    }
}
