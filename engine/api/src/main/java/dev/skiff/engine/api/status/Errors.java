package dev.skiff.engine.api.status;

import java.util.List;

/**
 * Factories for the Status errors Kubernetes returns, with its reasons and message wording
 * (k8s.io/apimachinery/pkg/api/errors). {@code resource} is the qualified resource, e.g.
 * "deployments.apps" or "pods".
 */
public final class Errors {
    private Errors() {
    }

    private static String qualified(String group, String plural) {
        return group == null || group.isEmpty() ? plural : plural + "." + group;
    }

    public static ApiException notFound(String group, String plural, String name) {
        return new Status(404, "NotFound", qualified(group, plural) + " \"" + name + "\" not found",
                Status.Details.of(name, group, plural)).exception();
    }

    public static ApiException alreadyExists(String group, String plural, String name) {
        return new Status(409, "AlreadyExists", qualified(group, plural) + " \"" + name + "\" already exists",
                Status.Details.of(name, group, plural)).exception();
    }

    public static ApiException conflict(String group, String plural, String name, String why) {
        return new Status(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, plural)
                + " \"" + name + "\": " + why, Status.Details.of(name, group, plural)).exception();
    }

    public static ApiException modifiedConflict(String group, String plural, String name) {
        return conflict(group, plural, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static ApiException badRequest(String message) {
        return new Status(400, "BadRequest", message, null).exception();
    }

    /** A 422 whose causes name each invalid field, worded like Kubernetes' validation errors. */
    public static ApiException invalid(String kind, String group, String name, List<Status.Cause> causes) {
        StringBuilder message = new StringBuilder();
        message.append(qualifiedKind(kind, group)).append(" \"").append(name == null ? "" : name)
                .append("\" is invalid: ");
        if (causes.size() == 1) {
            message.append(causeText(causes.get(0)));
        } else {
            message.append('[');
            for (int i = 0; i < causes.size(); i++) {
                if (i > 0) {
                    message.append(", ");
                }
                message.append(causeText(causes.get(i)));
            }
            message.append(']');
        }
        return new Status(422, "Invalid", message.toString(),
                new Status.Details(name, group, kind, null, causes, null)).exception();
    }

    private static String qualifiedKind(String kind, String group) {
        return group == null || group.isEmpty() ? kind : kind + "." + group;
    }

    private static String causeText(Status.Cause c) {
        return c.field() == null || c.field().isEmpty() ? c.message() : c.field() + ": " + c.message();
    }

    public static ApiException unauthorized() {
        return new Status(401, "Unauthorized", "Unauthorized", null).exception();
    }

    public static ApiException methodNotAllowed(String message) {
        return new Status(405, "MethodNotAllowed", message, null).exception();
    }

    public static ApiException unsupportedMediaType(String message) {
        return new Status(415, "UnsupportedMediaType", message, null).exception();
    }

    public static ApiException notAcceptable(String message) {
        return new Status(406, "NotAcceptable", message, null).exception();
    }

    public static ApiException tooLarge(String message) {
        return new Status(413, "RequestEntityTooLarge", message, null).exception();
    }

    public static ApiException gone(String message) {
        return new Status(410, "Expired", message, null).exception();
    }

    public static ApiException pathNotFound() {
        return new Status(404, "NotFound", "the server could not find the requested resource", null).exception();
    }

    public static ApiException internal(String message) {
        return new Status(500, "InternalError", "Internal error occurred: " + message, null).exception();
    }
}
