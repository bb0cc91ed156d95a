package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.apply.ManagedFields;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.ManagedFieldsRecorder;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceType;
import java.time.Instant;

/**
 * Records field ownership on every non-apply write, as an {@code Update} by the request's field manager.
 * Server-side apply computes its own entries, so applies are skipped here.
 */
public final class ManagedFieldsTracker implements ManagedFieldsRecorder {
    private final ManagedFields managedFields;

    public ManagedFieldsTracker(ManagedFields managedFields) {
        this.managedFields = managedFields;
    }

    @Override
    public void recordCreate(ResourceType type, ObjectNode created, RequestContext ctx, Instant now) {
        if (!ctx.applying()) {
            managedFields.recordUpdate(null, created, ctx.fieldManager(), type.apiVersion(), now);
        }
    }

    @Override
    public void recordUpdate(ResourceType type, ObjectNode old, ObjectNode updated, RequestContext ctx,
                             GenericRegistry.Subresource subresource, Instant now) {
        if (!ctx.applying()) {
            managedFields.recordUpdate(old, updated, ctx.fieldManager(), type.apiVersion(), now,
                    subresource == GenericRegistry.Subresource.STATUS ? "status" : null);
        }
    }
}
