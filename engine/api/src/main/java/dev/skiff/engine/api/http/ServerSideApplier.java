package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.ResourceType;
import java.time.Clock;

/** TEMPORARY until the apply package lands. */
final class ServerSideApplier {
    ServerSideApplier(Clock clock) {
    }

    ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager, boolean force) {
        throw new UnsupportedOperationException("server-side apply is not built yet");
    }
}
