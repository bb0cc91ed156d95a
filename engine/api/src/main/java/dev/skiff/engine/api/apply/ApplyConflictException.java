package dev.skiff.engine.api.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An apply that would change fields owned by other managers, without {@code force=true}. The
 * message is Kubernetes' own, e.g. {@code Apply failed with 1 conflict: conflict with
 * "kubectl-client-side-apply" using apps/v1: .spec.replicas}; the caller answers 409 Conflict
 * (reason {@code Conflict}) with {@link #conflicts()} as {@code details.causes}.
 */
public class ApplyConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ApplyConflict> conflicts;
    private final transient List<Found> found;

    ApplyConflictException(List<Found> found) {
        super(message(found));
        this.found = List.copyOf(found);
        this.conflicts = found.stream()
                .map(f -> new ApplyConflict(f.owner().manager(), f.field().toString(), "conflict with " + f.owner().describe()))
                .toList();
    }

    /** Each conflicting field with the manager that owns it. */
    public List<ApplyConflict> conflicts() {
        return conflicts;
    }

    List<Found> found() {
        return found;
    }

    /** A conflict as found: the owner's identity and the field. */
    record Found(ManagedFieldsEntry.Key owner, FieldPath field) {}

    private static String message(List<Found> found) {
        if (found.size() == 1) {
            Found only = found.getFirst();
            return "Apply failed with 1 conflict: conflict with " + only.owner().describe() + ": " + only.field();
        }
        // Grouped by manager, managers in the order of their identifiers.
        Map<String, ManagedFieldsEntry.Key> owners = new TreeMap<>();
        Map<ManagedFieldsEntry.Key, List<FieldPath>> fields = new LinkedHashMap<>();
        for (Found f : found) {
            owners.put(f.owner().identifier(), f.owner());
            fields.computeIfAbsent(f.owner(), k -> new ArrayList<>()).add(f.field());
        }
        List<String> lines = new ArrayList<>();
        for (ManagedFieldsEntry.Key owner : owners.values()) {
            lines.add("conflicts with " + owner.describe() + ":");
            fields.get(owner).forEach(path -> lines.add("- " + path));
        }
        return "Apply failed with " + found.size() + " conflicts: " + String.join("\n", lines);
    }
}
