package dev.skiff.engine.api.registry;

import java.util.List;

/**
 * Who is asking and how the write should be handled.
 *
 * @param user the authenticated user name
 * @param fieldManager the manager recorded in managedFields for this write
 * @param fieldValidation Strict, Warn or Ignore, as the {@code fieldValidation} query parameter says
 * @param dryRun whether to run every step but the store write
 * @param applying whether this is a server-side apply, whose managedFields the apply itself computes
 * @param groups the authenticated user's groups (admission webhooks see them)
 * @param warnings where warnings for the client collect (from field validation, webhooks...)
 */
public record RequestContext(String user, List<String> groups, String fieldManager,
                             FieldValidationMode fieldValidation, boolean dryRun, boolean applying,
                             Warnings warnings) {

    public RequestContext(String user, String fieldManager, FieldValidationMode fieldValidation, boolean dryRun) {
        this(user, List.of(), fieldManager, fieldValidation, dryRun, false, new Warnings());
    }

    public RequestContext asApply() {
        return new RequestContext(user, groups, fieldManager, fieldValidation, dryRun, true, warnings);
    }

    /** How unknown and duplicate fields in a body are treated (Kubernetes' {@code fieldValidation}). */
    public enum FieldValidationMode {
        STRICT, WARN, IGNORE;

        public static FieldValidationMode parse(String value) {
            if (value == null || value.isEmpty()) {
                return WARN;
            }
            return switch (value) {
                case "Strict" -> STRICT;
                case "Warn" -> WARN;
                case "Ignore" -> IGNORE;
                default -> throw dev.skiff.engine.api.status.Errors.badRequest("fieldValidation: Unsupported value: \""
                        + value + "\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
            };
        }
    }

    /** The engine's own components writing as themselves. */
    public static RequestContext system(String component) {
        return new RequestContext("system:" + component, component, FieldValidationMode.IGNORE, false);
    }
}
