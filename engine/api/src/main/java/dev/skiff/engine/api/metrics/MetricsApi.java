package dev.skiff.engine.api.metrics;

import dev.skiff.engine.api.discovery.ExtraResources;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.schema.ApiResource;
import java.util.List;

/**
 * The {@code metrics.k8s.io/v1beta1} API as metrics-server serves it: {@code pods} (PodMetrics, namespaced) and
 * {@code nodes} (NodeMetrics), read-only, computed on each request and never stored.
 */
public final class MetricsApi {
    public static final String GROUP = "metrics.k8s.io";
    public static final String VERSION = "v1beta1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** The only verbs metrics-server serves. */
    public static final List<String> VERBS = List.of("get", "list");

    public static final ResourceType POD_METRICS = new ResourceType(GROUP, VERSION, "PodMetrics", "pods", "", true,
            List.of(), List.of(), false, false);
    public static final ResourceType NODE_METRICS = new ResourceType(GROUP, VERSION, "NodeMetrics", "nodes", "",
            false, List.of(), List.of(), false, false);

    /** What discovery lists for the group, in metrics-server's order. */
    public static final ExtraResources DISCOVERY = new ExtraResources(GROUP, VERSION, List.of(
            ApiResource.of("nodes", false, "NodeMetrics", VERBS),
            ApiResource.of("pods", true, "PodMetrics", VERBS)));

    /**
     * The resource names metrics-server gives its NotFound errors ({@code podmetrics.metrics.k8s.io "ns/x" not
     * found}): not the plurals of the URLs.
     */
    public static final String POD_METRICS_RESOURCE = "podmetrics";
    public static final String NODE_METRICS_RESOURCE = "nodemetrics";

    private MetricsApi() {
    }

    /** The metrics type served at {@code plural} of this group version, or null. */
    public static ResourceType type(String version, String plural) {
        if (!VERSION.equals(version)) {
            return null;
        }
        return switch (plural) {
            case "pods" -> POD_METRICS;
            case "nodes" -> NODE_METRICS;
            default -> null;
        };
    }
}
