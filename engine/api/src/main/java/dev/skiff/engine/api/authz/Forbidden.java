package dev.skiff.engine.api.authz;

import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.api.text.GoQuote;

/**
 * The 403 a request gets when no authorizer allows it, worded exactly as kube-apiserver 1.32 words it
 * ({@code responsewriters.ForbiddenStatusError}), for example
 * {@code deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps"
 * in the namespace "default"} or {@code forbidden: User "jane" cannot get path "/metrics"}, followed by
 * {@code ": " + reason} when the authorizer gave one.
 */
public final class Forbidden {

    private Forbidden() {
    }

    /** The {@code Status.message}, which kubectl prints after {@code Error from server (Forbidden): }. */
    public static String message(UserInfo user, RequestAttributes request, String reason) {
        String detail = sanitize(whoCannotWhat(user, request));
        if (reason != null && !reason.isEmpty()) {
            detail = detail + ": " + reason;
        }
        String group = request.apiGroup();
        String resource = request.resource();
        if (group.isEmpty() && resource.isEmpty()) {
            return "forbidden: " + detail;
        }
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        if (request.name().isEmpty()) {
            return qualified + " is forbidden: " + detail;
        }
        return qualified + " " + GoQuote.quote(request.name()) + " is forbidden: " + detail;
    }

    /** The whole {@code Status}: code 403, reason Forbidden, details naming the object as Kubernetes does. */
    public static Status status(UserInfo user, RequestAttributes request, String reason) {
        return new Status(403, "Forbidden", message(user, request, reason),
                Status.Details.of(request.name(), request.apiGroup(), request.resource()));
    }

    public static ApiException exception(UserInfo user, RequestAttributes request, String reason) {
        return status(user, request, reason).exception();
    }

    /** For a denied decision: the exception carrying the decision's reason. */
    public static ApiException exception(UserInfo user, RequestAttributes request, Decision decision) {
        return exception(user, request, decision.reason());
    }

    private static String whoCannotWhat(UserInfo user, RequestAttributes request) {
        String who = "User " + GoQuote.quote(user == null ? "" : user.name());
        if (!request.resourceRequest()) {
            return who + " cannot " + request.verb() + " path " + GoQuote.quote(request.path());
        }
        String what = who + " cannot " + request.verb() + " resource " + GoQuote.quote(request.combinedResource())
                + " in API group " + GoQuote.quote(request.apiGroup());
        if (!request.namespace().isEmpty()) {
            return what + " in the namespace " + GoQuote.quote(request.namespace());
        }
        return what + " at the cluster scope";
    }

    // kube-apiserver escapes these so that the message never reads as HTML; the reason is left as it is.
    private static String sanitize(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
