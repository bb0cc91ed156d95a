package dev.skiff.engine.api.authz;

/**
 * The authorizer's answer. {@code reason} is what Kubernetes reports: on an allow, which binding allowed it
 * ({@code RBAC: allowed by ...}, empty for {@code system:masters}); on a denial, empty unless resolving a
 * binding failed ({@code RBAC: role.rbac.authorization.k8s.io "x" not found}), in which case the 403 message
 * and the access review carry it.
 */
public record Decision(boolean allowed, String reason) {

    public Decision {
        reason = reason == null ? "" : reason;
    }

    public static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    /** RBAC never denies outright: it has no opinion, and the request is forbidden for want of an allow. */
    public static Decision noOpinion(String reason) {
        return new Decision(false, reason);
    }
}
