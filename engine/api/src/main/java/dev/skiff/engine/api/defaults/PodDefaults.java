package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Defaults of a Pod: those of its {@link PodSpecDefaults PodSpec} plus the ones Kubernetes gives Pods only,
 * never pod templates: requests copied from limits, {@code enableServiceLinks: true}, and host ports on a
 * host-network pod.
 */
final class PodDefaults {

    private static final List<String> CONTAINER_STATUS_LISTS =
            List.of("initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses");

    private PodDefaults() {
    }

    static void apply(ObjectNode pod) {
        ObjectNode spec = Fields.objectOrNew(pod, "spec");
        if (spec != null) {
            for (String list : List.of("containers", "initContainers")) {
                for (ObjectNode container : Fields.objects(spec, list)) {
                    requestsFromLimits(container);
                }
            }
            Fields.defaultBooleanPointer(spec, "enableServiceLinks", true);
            if (spec.path("hostNetwork").asBoolean(false)) {
                for (String list : List.of("containers", "initContainers")) {
                    Fields.objects(spec, list).forEach(ContainerDefaults::hostPortsFromContainerPorts);
                }
            }
            PodSpecDefaults.apply(spec);
        }
        if (Fields.object(pod, "status") instanceof ObjectNode status) {
            for (String list : CONTAINER_STATUS_LISTS) {
                for (ObjectNode containerStatus : Fields.objects(status, list)) {
                    Quantities.resourceList(containerStatus, "allocatedResources");
                    Quantities.requirements(containerStatus, "resources");
                }
            }
        }
    }

    /** A container that sets a limit but no request for a resource is guaranteed that much. */
    private static void requestsFromLimits(ObjectNode container) {
        ObjectNode resources = Fields.object(container, "resources");
        ObjectNode limits = resources == null ? null : Fields.object(resources, "limits");
        if (limits == null || limits.isEmpty()) {
            return;
        }
        ObjectNode requests = Fields.objectOrNew(resources, "requests");
        if (requests == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> limit : limits.properties()) {
            if (!requests.has(limit.getKey())) {
                requests.set(limit.getKey(), limit.getValue().deepCopy());
            }
        }
    }
}
