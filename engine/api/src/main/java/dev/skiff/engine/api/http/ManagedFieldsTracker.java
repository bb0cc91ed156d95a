package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.ManagedFieldsRecorder;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceType;
import java.time.Instant;

/** TEMPORARY until the apply package lands. */
public final class ManagedFieldsTracker implements ManagedFieldsRecorder {
    @Override
    public void recordCreate(ResourceType type, ObjectNode created, RequestContext ctx, Instant now) {
    }

    @Override
    public void recordUpdate(ResourceType type, ObjectNode old, ObjectNode updated, RequestContext ctx,
                             GenericRegistry.Subresource subresource, Instant now) {
    }
}
