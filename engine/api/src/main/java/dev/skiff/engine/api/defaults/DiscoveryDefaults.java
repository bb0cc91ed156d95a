package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of {@code discovery.k8s.io/v1} EndpointSlices. */
final class DiscoveryDefaults {

    private DiscoveryDefaults() {
    }

    /** Each port is unnamed ({@code name: ""}, which shows) and TCP unless told. */
    static void endpointSlice(ObjectNode slice) {
        for (ObjectNode port : Fields.objects(slice, "ports")) {
            Fields.defaultStringPointer(port, "name", "");
            Fields.defaultStringPointer(port, "protocol", ContainerDefaults.PROTOCOL_TCP);
        }
    }
}
