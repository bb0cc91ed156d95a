package dev.skiff.engine.api.apply;

/**
 * One field an apply would change that another manager owns. These become the
 * {@code details.causes} of the 409 Status, each with reason {@code FieldManagerConflict}.
 *
 * @param manager name of the manager that owns the field, e.g. {@code kubectl-client-side-apply}
 * @param field the field, e.g. {@code .spec.replicas}
 * @param message e.g. {@code conflict with "kubectl-client-side-apply" using apps/v1}
 */
public record ApplyConflict(String manager, String field, String message) {}
