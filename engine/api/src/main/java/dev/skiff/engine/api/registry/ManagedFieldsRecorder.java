package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.ResourceType;
import java.time.Instant;

/** Keeps {@code metadata.managedFields} current on every non-apply write. */
public interface ManagedFieldsRecorder {

    void recordCreate(ResourceType type, ObjectNode created, RequestContext ctx, Instant now);

    void recordUpdate(ResourceType type, ObjectNode old, ObjectNode updated, RequestContext ctx,
                      GenericRegistry.Subresource subresource, Instant now);
}
