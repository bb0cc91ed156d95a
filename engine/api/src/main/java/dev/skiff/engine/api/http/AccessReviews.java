package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.authz.RbacObjects;
import dev.skiff.engine.api.authz.SelfSubjectAccessReviews;
import dev.skiff.engine.api.authz.SelfSubjectRulesReviews;
import dev.skiff.engine.api.authz.UserInfo;
import dev.skiff.engine.api.status.Errors;

/**
 * The self-review resources of {@code authorization.k8s.io/v1}: created, answered, never stored. They are
 * what {@code kubectl auth can-i} (and {@code --list}) asks.
 */
final class AccessReviews {
    static final String ACCESS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    static final String RULES = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private final RbacObjects objects;

    AccessReviews(RbacObjects objects) {
        this.objects = objects;
    }

    boolean handles(String path) {
        return path.equals(ACCESS) || path.equals(RULES);
    }

    ObjectNode review(String path, JsonNode body, UserInfo user) {
        return switch (path) {
            case ACCESS -> SelfSubjectAccessReviews.evaluate(body, user, objects);
            case RULES -> SelfSubjectRulesReviews.evaluate(body, user, objects);
            default -> throw Errors.pathNotFound();
        };
    }
}
