package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.apply.ApplyConflict;
import dev.skiff.engine.api.apply.ApplyConflictException;
import dev.skiff.engine.api.apply.ApplyException;
import dev.skiff.engine.api.apply.ManagedFields;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Status;
import java.time.Clock;
import java.util.List;

/** Server-side apply of one request, with its failures turned into the Statuses Kubernetes returns. */
final class ServerSideApplier {
    private final ManagedFields managedFields;
    private final Clock clock;

    ServerSideApplier(ManagedFields managedFields, Clock clock) {
        this.managedFields = managedFields;
        this.clock = clock;
    }

    /** The object after applying {@code applied} as {@code manager}; {@code live} is null when creating. */
    ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager, boolean force,
                     Subresource subresource) {
        try {
            return managedFields.apply(live, applied, manager, force, type.apiVersion(), clock.instant(),
                    subresource == Subresource.STATUS ? "status" : null);
        } catch (ApplyConflictException e) {
            List<Status.Cause> causes = e.conflicts().stream()
                    .map((ApplyConflict c) -> new Status.Cause("FieldManagerConflict", c.message(), c.field()))
                    .toList();
            throw new Status(409, "Conflict", e.getMessage(),
                    new Status.Details(null, type.group(), type.plural(), null, causes, null)).exception();
        } catch (ApplyException e) {
            boolean typed = e.getMessage() != null && e.getMessage().startsWith("failed to create typed patch object");
            throw new Status(typed ? 422 : 400, typed ? "Invalid" : "BadRequest", e.getMessage(), null).exception();
        }
    }
}
