package dev.skiff.engine.api.http;

import dev.skiff.engine.api.authz.Decision;
import dev.skiff.engine.api.authz.Forbidden;
import dev.skiff.engine.api.authz.RbacAuthorizer;
import dev.skiff.engine.api.authz.RbacObjects;
import dev.skiff.engine.api.authz.RequestAttributes;
import dev.skiff.engine.api.authz.UserInfo;

/** Authorizes each request with RBAC, building the attributes Kubernetes derives from method and path. */
final class AccessCheck {
    private final RbacObjects objects;

    AccessCheck(RbacObjects objects) {
        this.objects = objects;
    }

    RbacObjects objects() {
        return objects;
    }

    /** Refuses with Kubernetes' 403 unless the user may do what the resource request asks. */
    void requireResource(UserInfo user, String method, RequestInfo info, boolean watch) {
        String verb = switch (method) {
            case "GET", "HEAD" -> info.name() != null ? "get" : watch ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> info.name() != null ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
        String namespace = info.namespace();
        if (namespace == null && info.group().isEmpty() && info.resource().equals("namespaces") && info.name() != null) {
            namespace = info.name(); // a namespace is authorized as being in itself
        }
        require(user, RequestAttributes.resource(verb, info.group(), info.resource(), info.subresource(), namespace,
                info.name()));
    }

    /** Refuses with Kubernetes' 403 unless the user may reach the non-resource path (discovery, OpenAPI...). */
    void requirePath(UserInfo user, String method, String path) {
        require(user, RequestAttributes.nonResource(method.toLowerCase(), path));
    }

    private void require(UserInfo user, RequestAttributes attributes) {
        Decision decision = RbacAuthorizer.authorize(user, attributes, objects);
        if (!decision.allowed()) {
            throw Forbidden.exception(user, attributes, decision);
        }
    }
}
